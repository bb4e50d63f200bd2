"""compare8 round: tokens moved across a sentence edge, names inside longer terms.

The excerpts are real (tests/data/compare/README.md, ``compare8/``).
"""

from __future__ import annotations

from pathlib import Path

from verify.compare import compare_texts

DATA = Path(__file__).parent.parent / "data" / "compare" / "compare8"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _details(a: str, b: str) -> list[str]:
    return [d.detail for d in compare_texts(a, b).differences]


def test_an_option_letter_cut_into_the_other_sentence_is_no_edit() -> None:
    # bash(1) as nroff text ("-k The maximum number of kqueues") and as
    # man2html HTML, whose "-k" paragraph the sentence before takes
    # ("pending signals. -k" / "The maximum number of kqueues"): the same words.
    assert _details(_read("bash-ulimit.txt"), _read("bash-ulimit-html.txt")) == []


def test_an_option_letter_changed_at_a_sentence_edge_is_still_an_edit() -> None:
    # the same renderings with "-k" made "-q" in the HTML: both edges differ
    html = _read("bash-ulimit-html.txt").replace("signals. -k", "signals. -q")
    found = _details(_read("bash-ulimit.txt"), html)
    assert "'signals' != 'signals. -q'" in found
    assert "'k The' != 'The'" in found


def test_an_option_letter_said_twice_at_a_sentence_edge_is_an_edit() -> None:
    # "-k" both at the end of the HTML's sentence and at the start of its next
    # one: the HTML says it once more than the text, not in another place
    kqueues = "The maximum number of kqueues"
    html = _read("bash-ulimit-html.txt").replace(f"\n{kqueues}", f"\n-k {kqueues}")
    assert _details(_read("bash-ulimit.txt"), html) != []
