"""``damage.ocr_confusion``: a word that OCR misread, with a digit for a
letter (``0`` for ``o`` or ``O``, ``1`` for ``l`` or ``I``) or ``m`` and
``rn`` confused (``govemment``, ``infonnation`` is a different misreading and
not looked for).

A token is reported only when the text itself says what it should be: the
repaired spelling is a word of the same text. A digit inside letters
(``pub1ic``, ``C0mmittee``) is repaired to a word the text uses at least
once; an ``m``/``rn`` confusion, whose both sides are letters, must be rare
(used once) beside a repaired spelling used at least twice, and must not
be an English word itself (``modem`` beside ``modern``: the word list of
pyspellchecker, which ships it; no download). Identifiers
(``expr1``, ``sha1``, ``x11``) repair to no word of the text and stay
quiet.

>>> text = "The public record. A public hearing. The pub1ic was told."
>>> [dict(f.evidence)["stands_for"] for f in detect(text)]
['public']
>>> [dict(f.evidence)["stands_for"] for f in detect("government, government, the govemment")]
['government']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from verify.detect._text import finding
from verify.normalize.lexicon import is_english_word
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.ocr_confusion",)

_TOKEN_RE = re.compile(r"(?<![\w'’.-])[^\W_]{4,}(?![\w'’-]|\.\w)")
_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_]{2,}(?![\w'’-])")
_DIGIT_FOR = {"0": ("o", "O"), "1": ("l", "I")}


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    words = Counter(_WORD_RE.findall(text))
    repairs = {t: r for t in set(_TOKEN_RE.findall(text)) if (r := _repair(t, words)) is not None}
    if not repairs:
        return []
    findings = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if token not in repairs:
            continue
        form, kind = repairs[token]
        findings.append(
            finding(
                text,
                "damage.ocr_confusion",
                "warning",
                f"{token!r} looks like an OCR misreading of {form!r} ({kind})",
                match.start(),
                match.end(),
                {"token": token, "stands_for": form, "kind": kind, "form_count": words[form]},
            )
        )
    return findings


def _repair(token: str, words: Counter[str]) -> tuple[str, str] | None:
    if token.isalpha():
        return _m_rn_repair(token, words)
    if any(c.isdigit() for c in token):
        letters = sum(c.isalpha() for c in token)
        if letters < 3 or not all(c.isalpha() or c in _DIGIT_FOR for c in token):
            return None
        for candidate in _digit_repairs(token):
            if words[candidate] >= 1:
                return candidate, "digit for letter"
        return None
    return _m_rn_repair(token, words)


def _m_rn_repair(token: str, words: Counter[str]) -> tuple[str, str] | None:
    if len(token) < 5 or words[token] != 1 or ("m" not in token and "rn" not in token):
        return None
    for candidate in _m_rn_repairs(token):
        if words[candidate] >= 2 and not is_english_word(token):
            return candidate, "m and rn confused"
    return None


def _digit_repairs(token: str) -> Iterator[str]:
    """Each way to read the token's digits as letters: all of them alike.

    >>> sorted(_digit_repairs("C0mmittee"))
    ['COmmittee', 'Committee']
    """
    digits = {c for c in token if c.isdigit()}
    options: list[dict[str, str]] = [{}]
    for digit in sorted(digits):
        options = [dict(o, **{digit: letter}) for o in options for letter in _DIGIT_FOR[digit]]
    for option in options:
        yield "".join(option.get(c, c) for c in token)


def _m_rn_repairs(token: str) -> Iterator[str]:
    """The token with one ``m`` read as ``rn``, or one ``rn`` read as ``m``.

    >>> list(_m_rn_repairs("govemment"))
    ['government', 'govemrnent']
    """
    for i, c in enumerate(token):
        if c == "m":
            yield token[:i] + "rn" + token[i + 1 :]
        if token[i : i + 2] == "rn":
            yield token[:i] + "m" + token[i + 2 :]
