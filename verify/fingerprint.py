"""Fingerprint: bytes and canonical text -> labelled SHA-256 digests.

``raw_sha256`` answers "are these the same bytes?"; ``text_sha256`` answers
"does it still say the same thing?". The text digest is taken over the
canonical *word stream* (every run of whitespace, paragraph breaks included,
folded to one space; a code line's indentation kept, canon/5), framed with
the profile name, so two extractors that cut paragraphs differently still
agree (DESIGN.md).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from typing import BinaryIO, cast

ALGORITHM = "sha256"
_CHUNK = 1 << 20


def label(hexdigest: str) -> str:
    return f"{ALGORITHM}:{hexdigest}"


def sha256_bytes(data: bytes) -> str:
    return label(hashlib.sha256(data).hexdigest())


def sha256_stream(stream: BinaryIO) -> str:
    """Digest of a binary stream, read in chunks: constant memory for any size."""
    if hasattr(hashlib, "file_digest"):  # Python >= 3.11: zero-copy loop in C
        return label(hashlib.file_digest(cast("io.BufferedReader", stream), ALGORITHM).hexdigest())
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
    return label(digest.hexdigest())


def word_stream(text: str) -> str:
    r"""The canonical text with every run of whitespace folded to one space,
    but for a line's indentation (canon/5: only a code block's lines have
    one, :func:`verify.normalize._finish`): a line indented by N spaces is
    led by a line break and N spaces, so ``if a:`` over ``    b()`` is
    another stream than over ``b()``, while paragraph breaks still fold.

    >>> word_stream("One  text.\n\nif a:\n    b()")
    'One text. if a:\n    b()'
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Its own stream: every white space character but the space is
        # unprintable, so its only white space is single spaces between
        # words (a canonical paragraph, most often; tests/test_fingerprint.py).
        return text
    if "\n " not in text and not text.startswith(" "):
        return " ".join(text.split())
    pieces: list[str] = []
    for line in text.split("\n"):
        words = line.split()
        if words:
            indent = len(line) - len(line.lstrip(" "))
            pieces.append("\n" + line[:indent] if indent else " ")
            pieces.append(" ".join(words))
    return "".join(pieces[1:]) if pieces and pieces[0] == " " else "".join(pieces)


def text_sha256(text: str, profile: str) -> str:
    """The content digest: ``sha256("verify-<profile>\\n" + word stream)``."""
    return stream_sha256(word_stream(text), profile)


def join_streams(streams: Iterable[str]) -> str:
    """:func:`word_stream` of paragraphs joined by blank lines, from the
    paragraphs' own streams: one space between two, but none before a stream
    that begins with an indented line (its line break and indentation are
    the separator, as in the whole text's stream).

    >>> join_streams(["A.", "\\n    b()", "C."]) == word_stream("A.\\n\\n    b()\\n\\nC.")
    True
    """
    out: list[str] = []
    for stream in streams:
        if stream:
            if out and not stream.startswith("\n"):
                out.append(" ")
            out.append(stream)
    return "".join(out)


def stream_words(stream: str) -> int:
    """How many words a :func:`word_stream` holds (indentation is no word)."""
    return stream.count(" ") + 1 if "\n" not in stream else len(stream.split())


def stream_sha256(stream: str, profile: str) -> str:
    """:func:`text_sha256` of a text whose word stream is ``stream``."""
    framed = f"verify-{profile}\n{stream}"
    return sha256_bytes(framed.encode("utf-8"))


def streams_sha256(streams: Iterable[str], profile: str) -> tuple[str, ...]:
    """:func:`stream_sha256` of each stream (a document's paragraphs): the
    frame made once, one hash object and one label a stream, no call a
    stream (a record holds thousands of paragraph digests)."""
    frame, sha = f"verify-{profile}\n", hashlib.sha256
    return tuple([f"{ALGORITHM}:{sha((frame + stream).encode('utf-8')).hexdigest()}" for stream in streams])


def removed_sha256(removed: tuple[str, ...] | list[str], profile: str) -> str | None:
    """Digest of what was removed before hashing (site chrome, page furniture):
    ``sha256("verify-<profile>-removed\n" + word stream of the pieces, one per
    line)``; None when nothing was removed. A change in removed material is
    then seen, though it is not a change of ``text_sha256``."""
    return removed_streams_sha256([word_stream(piece) for piece in removed], profile)


def removed_streams_sha256(streams: tuple[str, ...] | list[str], profile: str) -> str | None:
    """:func:`removed_sha256` of removed pieces whose word streams are ``streams``."""
    if not any(streams):
        return None
    framed = f"verify-{profile}-removed\n" + "\n".join(streams)
    return sha256_bytes(framed.encode("utf-8"))


def parse_digest(value: str) -> str:
    """The hex part of a labelled digest; refuses other algorithms (fail closed)."""
    algorithm, _, hexdigest = value.partition(":")
    if algorithm != ALGORITHM or len(hexdigest) != 64 or not all(c in "0123456789abcdef" for c in hexdigest):
        raise ValueError(f"not a labelled sha256 digest: {value!r}")
    return hexdigest
