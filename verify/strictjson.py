"""JSON that could be hostile, read strictly: one reader for manifests,
signatures, proofs and audit-log lines.

Refused, each with a message: a size over the limit, bytes that are not
UTF-8, invalid or truncated JSON, duplicate keys (the last one would win
silently), NaN and Infinity, floating-point numbers where the format has none,
nesting deeper than the limit, integers longer than 40 digits and lone
surrogate escapes (``"\\ud800"``: a string no UTF-8 writer can take).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from verify.errors import VerifyError


def loads(data: bytes, what: str | None, *, limit: int,
          error: Callable[[str], VerifyError] = VerifyError, floats: bool = True,
          max_depth: int | None = None) -> Any:
    """Parse ``data``; every problem is an ``error`` naming ``what``."""
    def fail(message: str) -> VerifyError:
        return error(f"{what}: {message}" if what else message)

    if len(data) > limit:
        raise fail(f"{len(data)} bytes is over the limit ({limit} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8: {exc}") from exc
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                         parse_float=None if floats else _no_float, parse_int=_bounded_int)
    except _Refused as exc:
        raise fail(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON (truncated or damaged?): {exc}") from exc
    except RecursionError as exc:
        raise fail("JSON nested too deeply") from exc
    except ValueError as exc:  # anything else the decoder refuses
        raise fail(f"not valid JSON: {exc}") from exc
    if max_depth is not None and depth(doc, max_depth) > max_depth:
        raise fail(f"JSON nested deeper than {max_depth} levels")
    if _SURROGATE_ESCAPE.search(text) and (bad := _lone_surrogate(doc)) is not None:
        raise fail(f"a lone surrogate escape in {bad!r}: not a Unicode string")
    return doc


class _Refused(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; a duplicate key shows as a shorter dict
    if len(out) != len(pairs):
        seen: set[str] = set()
        duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _Refused(f"duplicate key {duplicate!r}")
    return out


#: Integers longer than this are refused: no field needs them, and Python
#: refuses to convert more than 4,300 digits anyway (CVE-2020-10735).
MAX_INT_DIGITS = 40
#: ``\ud800``-``\udfff`` escapes: a valid pair decodes to one character, a lone one
#: to a surrogate that no UTF-8 writer (or terminal) can take.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hide_surrogates(data: bytes) -> bool:
    """Whether ``data`` holds a ``\\ud800``-``\\udfff`` escape (a fast test in C)."""
    return _SURROGATE_ESCAPE_BYTES.search(data) is not None


_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"an integer of {len(text.lstrip('-'))} digits is not allowed "
                       f"(at most {MAX_INT_DIGITS})")
    return int(text)


def _lone_surrogate(doc: Any) -> str | None:
    """The first string (key or value) holding a surrogate, without recursion."""
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for string in strings:
            try:
                string.encode("utf-8")
            except UnicodeEncodeError:
                return string.encode("utf-8", "backslashreplace").decode("ascii")
    return None


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not allowed")


def _no_float(text: str) -> Any:
    raise _Refused(f"floating-point number {text} is not allowed")


def depth(doc: Any, stop: int) -> int:
    """Nesting depth of a parsed document, counted without recursion (up to ``stop + 1``)."""
    level_depth, level = 0, [doc]
    while level and level_depth <= stop:
        level_depth += 1
        nxt: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                nxt.extend(item.values())
            elif isinstance(item, list):
                nxt.extend(item)
        level = nxt
    return level_depth
