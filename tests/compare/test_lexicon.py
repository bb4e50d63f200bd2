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


def test_chinese_words_are_character_pairs() -> None:
    assert lexicon.words("耶稣说：", "zh") == {"耶稣", "稣说"}
    assert lexicon.words("And Jesus said unto them", "en") == {"jesu", "said"}  # stems, no stopwords
