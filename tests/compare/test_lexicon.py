"""The word pairs learnt from a first alignment across languages."""

from verify.compare import lexicon


def test_words_that_travel_together_are_paired() -> None:
    pairs = [({"maison", "grande"}, {"house", "big"})] * 3 + [
        ({"maison", "petite"}, {"house", "small"}),
        ({"chien", "petite"}, {"dog", "small"}),
        ({"chien", "chat"}, {"dog", "cat"}),
        ({"chien"}, {"dog"}),
    ]
    learnt = lexicon.learn(pairs)
    assert learnt["maison"] == "house"
    assert learnt["chien"] == "dog"
    assert "chat" not in learnt  # seen once: no evidence
    assert lexicon.translated({"maison", "chat"}, learnt) == {"=house": 1}
    assert lexicon.own({"house", "cat"}, set(learnt.values())) == {"=house": 1}


def test_chinese_words_are_characters_and_character_pairs() -> None:
    assert lexicon.words("耶稣说：", "zh") == {"耶稣", "稣说", "耶", "稣", "说"}
    assert lexicon.words("And Jesus said unto them", "en") == {"jesu", "said"}  # stems, no stopwords


def test_russian_words_are_cut_to_their_first_letters() -> None:
    # "глаза" (eyes) and "глазами" (with the eyes) are one word for the lexicon
    assert lexicon.words("Открыл глаза глазами", "ru") == {"откры", "глаза"}

