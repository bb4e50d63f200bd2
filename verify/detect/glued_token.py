"""``damage.glued_token``: two tokens run together because a space was lost
(``66thsession``, ``security.The``).

A name from code (``net.Socket``, ``stream.Readable``) is written the same
way: a ``word.Word`` that the text also writes in code (followed by ``(``,
``.``, ``<`` or ``[``, or with a lower-case letter after its capital, as
``net.createServer``) or that recurs (twice or more) is a name, not damage;
so is one whose ``word`` the text uses as a namespace elsewhere
(``dns.lookup`` beside ``dns.Resolver``), and a type in angle brackets
(``<stream.Readable>``). So is a token that markup sets apart as code: in
a code span or a type (```abc.Mapping```, ``{stream.Writable|null}``,
``[role.Thief, role.Scoundrel]``, ``'decimal.Decimal'``) or alone as a
list item (``- threading.Lock``).

>>> [dict(f.evidence)["split"] for f in detect("during the 66thsession of the UN")]
['66th session']
"""

from __future__ import annotations

import re

from verify.detect._text import finding, in_code_line
from verify.detect.config import Corpus, LintConfig
from verify.model import Finding

CODES = ("damage.glued_token",)

# A percent sign before the number is a URL's encoded character (``%20state``
# is `` state``), a ``#`` before a word a URL's fragment (``#variant.Unsupported``).
_ORDINAL_RE = re.compile(r"(?<![\w.%])(\d+(?:st|nd|rd|th))([a-z]{3,})(?![\w-])")
_FULL_STOP_RE = re.compile(
    r"(?<![\w.@/<#])([a-z]{3,}[.!?])([A-Z][a-z]{2,})(?![\w.@/(-])(?!\s*[(\[<])"
)


def detect(text: str, config: LintConfig | None = None, corpus: Corpus | None = None) -> list[Finding]:
    findings = []
    names: set[str] | None = None
    spaces: set[str] = set()
    for kind, match in _candidates(text):
        if kind == "sentence":
            if names is None:
                names, spaces = _dotted_names(text), namespaces(text)
            if match.group() in names or match.group(1)[:-1] in spaces or _in_markup(text, match):
                continue
            if _in_call(text, match.start()) or in_code_line(text, match.start()):
                continue
        split = f"{match.group(1)} {match.group(2)}"
        findings.append(
            finding(
                text,
                "damage.glued_token",
                "warning",
                f"{match.group()!r} looks like {split!r} with the space lost",
                match.start(),
                match.end(),
                {"token": match.group(), "split": split, "kind": kind},
            )
        )
    return findings


def _in_call(text: str, start: int) -> bool:
    """The token is the first argument of a call: ``new(bytes.Buffer)``, a
    parenthesis glued to a name (prose opens one after a space).

    >>> _in_call("r = new(bytes.Buffer)", 8), _in_call("(see the docs.The end)", 1)
    (True, False)
    """
    return start >= 2 and text[start - 1] == "(" and (text[start - 2].isalnum() or text[start - 2] == "_")


_CODE_OPEN = frozenset("`{[|'")
_CODE_CLOSE = frozenset("`}]|'")
_BULLETS = "-*+ \t"


def _in_markup(text: str, match: re.Match[str]) -> bool:
    """Markup sets the token apart as code: a code span's, a type's or a
    list's mark stands right before or after it, or it is a list item of
    its own.

    >>> _in_markup("* {null|stream.Writable}", _FULL_STOP_RE.search("* {null|stream.Writable}"))
    True
    >>> _in_markup("return an object.The content", _FULL_STOP_RE.search("return an object.The content"))
    False
    """
    start, end = match.start(), match.end()
    if (start > 0 and text[start - 1] in _CODE_OPEN) or (end < len(text) and text[end] in _CODE_CLOSE):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip(_BULLETS) and not text[end:line_end].strip()


# What each candidate holds: a digit before a suffix and letters, or a
# lower-case letter, a full stop and a capital. The second starts at the
# full stop and looks back for the letter (the engine skips to the next digit
# or stop instead of stopping at every letter); it stands where
# ``[a-z][.!?][A-Z]`` would, one character later.
_HINT_RE = re.compile(r"\d(?:st|nd|rd|th)[a-z]|[.!?](?<=[a-z][.!?])[A-Z]")


def _candidates(text: str) -> list[tuple[str, re.Match[str]]]:
    """The matches of both patterns, read only where the text gives the
    hint: each is matched from the start of its run of digits or lower-case
    letters (a scan of the whole text tried every word as a start).

    >>> [(k, m.group()) for k, m in _candidates("the 66thsession of its.The end")]
    [('ordinal', '66thsession'), ('sentence', 'its.The')]
    """
    found: list[tuple[str, re.Match[str]]] = []
    taken = 0  # where the hint before ends: ``[a-z][.!?][A-Z]`` took its letter too
    for hint in _HINT_RE.finditer(text):
        ordinal = hint.group()[0].isdigit()
        start = hint.start() if ordinal else hint.start() - 1
        if start < taken:
            continue  # the letter ended the ordinal hint before ("1sta.B"): no hint here
        taken = hint.end()
        kind, pattern, run = (
            ("ordinal", _ORDINAL_RE, "0123456789")
            if ordinal
            else ("sentence", _FULL_STOP_RE, "abcdefghijklmnopqrstuvwxyz")
        )
        while start > 0 and text[start - 1] in run:
            start -= 1
        if found and start < found[-1][1].end():
            continue
        match = pattern.match(text, start)
        if match:
            found.append((kind, match))
    return found


_DOTTED_RE = re.compile(r"(?<![\w.@/])([a-z]{3,}\.[A-Z]\w*)(\.\w|\(|\[|<)?")


def _dotted_names(text: str) -> set[str]:
    """``word.Word`` tokens the text uses as names: twice or more, or in code.

    >>> sorted(_dotted_names("new net.Socket() and net.Socket"))
    ['net.Socket']
    """
    counts: dict[str, int] = {}
    names = set()
    for match in _DOTTED_RE.finditer(text):
        token = match.group(1)
        counts[token] = counts.get(token, 0) + 1
        if match.group(2) or counts[token] >= 2:
            names.add(token)
    return names


_MEMBER_RE = re.compile(r"(?<![\w.@/])([a-z]{2,})\.(?:[a-z_]\w*|[A-Z]\w*\()")


def namespaces(text: str) -> set[str]:
    """Words the text writes before a member in lower case (``dns.lookup``,
    ``fs.readFile``) or before a call (``time.Now()``: Go's exported names
    are capitalised): modules and objects of code, whose ``dns.Resolver``
    and ``time.Minute`` are names.

    >>> sorted(namespaces("call dns.lookup() or fs.readFile; e.g. and a.b, time.Now()"))
    ['dns', 'fs', 'time']
    """
    return {m.group(1) for m in _MEMBER_RE.finditer(text)}
