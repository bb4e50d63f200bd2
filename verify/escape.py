"""One function to show untrusted text (file names, messages) on a terminal.

A file name can hold a newline, a carriage return, ANSI escape sequences or a
right-to-left override: printed raw it can forge a line of a report ("OK:
every file matches") or rewrite the screen. :func:`shown` makes every such
character visible as a Python-style escape, so the text stays one line and
means what it says:

* C0/C1 controls and DEL: ``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\x7f``, ``\\x9b``;
* format characters (bidi overrides and isolates, zero-width joiners, BOM),
  line and paragraph separators, unassigned and private-use code points, and
  lone surrogates (file names that are not UTF-8): ``\\u202e``, ``\\udcff``;
* the backslash itself (``\\\\``), so an escape cannot be faked by a name that
  contains a literal backslash and letters.

Every other character (letters of any script, spaces, punctuation, emoji) is
shown as itself. JSON output never goes through this: it stays exact.
"""

from __future__ import annotations

import unicodedata

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Categories that are shown escaped: controls, format, surrogates, private use,
#: unassigned, line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def shown(text: str, *, backslash: bool = True) -> str:
    """``text`` with every character that could hide or fake something escaped.

    ``backslash=False`` leaves backslashes alone (for messages that already
    hold ``repr()``-escaped names); controls are escaped all the same.
    """
    if text.isprintable() and (not backslash or "\\" not in text):
        return text  # the common case, in C
    return "".join(_char(c, backslash) for c in text)


def _char(char: str, backslash: bool) -> str:
    if char == "\\":
        return "\\\\" if backslash else char
    if char in _SHORT:
        return _SHORT[char]
    if char.isprintable() and unicodedata.category(char) not in _HIDDEN:
        return char  # includes the space; other spaces (no-break, em) are escaped
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
