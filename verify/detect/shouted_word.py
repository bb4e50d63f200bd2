"""``damage.shouted_word``: an ordinary word in capitals in the middle of a
sentence (``for consideration at the SESSION of the UN General Assembly``),
where a template lost the value it stood for (here, the session number).

A word in capitals is an acronym unless the texts being linted also use it
in lower case as an ordinary word; and an acronym is repeated, so only a word
used once in capitals is reported. Linting a folder gives this detector the
other texts' vocabulary: ``session`` is common in the seed corpus, though not
in the one page that writes SESSION.

>>> text = "at the SESSION of the Assembly. The next session will"
>>> [dict(f.evidence)["word"] for f in detect(text)]
['SESSION']
"""

from __future__ import annotations

from collections import Counter

from verify.detect._text import finding
from verify.detect.acronyms import occurrences
from verify.detect.config import Corpus, LintConfig
from verify.detect.definitions import find_definitions
from verify.detect.name_variant import add_to_corpus
from verify.model import Finding

CODES = ("damage.shouted_word",)

MIN_LETTERS = 5


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    config = config or LintConfig()
    if corpus is None:
        corpus = Corpus()
        add_to_corpus(corpus, text)
    uses = list(occurrences(text))
    counts = Counter(use.form for use in uses)
    defined = {d.short for d in find_definitions(text)}
    findings = []
    for use in uses:
        word = use.form
        if len(word) < MIN_LETTERS or counts[word] > 1 or word in defined or word in config.known_acronyms:
            continue
        if word.lower() not in corpus.lower_words:
            continue
        findings.append(
            finding(
                text,
                "damage.shouted_word",
                "note",
                f"{word!r} is an ordinary word written in capitals: a lost value or a template slot?",
                use.start,
                use.end,
                {"word": word, "lower_case_elsewhere": True},
            )
        )
    return findings
