"""A Merkle tree over a manifest, in the style of Certificate Transparency (RFC 6962).

The root commits to the whole manifest: leaf 0 is its header (everything
but the entries), leaves 1..n are its entries in manifest order. A leaf is
hashed as ``SHA-256(0x00 || leaf)`` and an inner node as
``SHA-256(0x01 || left || right)``; a tree of ``n > 1`` leaves splits at the
largest power of two below ``n`` (RFC 6962, section 2.1). The different
prefixes keep a leaf from ever passing for a node (second-preimage attacks).

Each leaf is a canonical encoding (see :func:`encode_leaf`): a label that
says what the leaf is, the length of the JSON that follows, and the JSON
itself with sorted keys, no insignificant whitespace, UTF-8. Formatting of
the manifest file is not committed to; its content is (the signature adds
the digest of the exact bytes). ``docs/provenance.md`` says why.

>>> tree_root([]).hex()[:16]
'e3b0c44298fc1c14'
>>> leaves = [b"a", b"b", b"c"]
>>> verify_inclusion(leaves[2], 2, 3, audit_path(leaves, 2), tree_root(leaves))
True
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from verify import strictjson
from verify.errors import VerifyError
from verify.manifest import MAX_DEPTH as MAX_JSON_DEPTH
from verify.manifest import Manifest

#: What the leaves are; written into every proof so a verifier knows how to rebuild a leaf.
LEAF_SCHEME = "verify-leaf/2"
HEADER_LABEL = b"verify-manifest/2 header\n"
ENTRY_LABEL = b"verify-manifest/2 entry\n"
#: A proof path is at most this long (a tree of 2**64 leaves).
MAX_PATH = 64


class ProofError(VerifyError):
    """An inclusion proof is malformed (not: it fails to verify; that is a finding)."""

    code = "proof.invalid"


# --------------------------------------------------------------------------- encodings

def canonical_json(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8, no NaN.

    Manifests hold no floats, so this equals RFC 8785 (JCS) on them except
    that keys sort by code point rather than by UTF-16 unit.

    >>> canonical_json({"b": 1, "a": ["é", None]})
    b'{"a":["\\xc3\\xa9",null],"b":1}'
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return text.encode("utf-8")


def strict_loads(data: bytes, what: str, limit: int) -> Any:
    """Parse JSON that could be hostile (:func:`verify.strictjson.loads`)."""
    return strictjson.loads(data, what, limit=limit, max_depth=MAX_JSON_DEPTH)


def encode_leaf(label: bytes, value: Any) -> bytes:
    """``label || uint64-be(len(json)) || json``: labelled, length-prefixed, canonical."""
    body = canonical_json(value)
    return label + struct.pack(">Q", len(body)) + body


def header_of(manifest: Manifest) -> dict[str, Any]:
    """Everything in the manifest but its entries (its header line; it names the
    record store and the digest of its bytes, so the root commits to the store too)."""
    return manifest.header()


def manifest_leaves(manifest: Manifest) -> list[bytes]:
    return [encode_leaf(HEADER_LABEL, header_of(manifest))] + [
        encode_leaf(ENTRY_LABEL, entry.to_json()) for entry in manifest.entries]


# --------------------------------------------------------------------------- the tree

def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _root_of_hashes(hashes: Sequence[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    k = _split(len(hashes))
    return node_hash(_root_of_hashes(hashes[:k]), _root_of_hashes(hashes[k:]))


def tree_root(leaves: Sequence[bytes]) -> bytes:
    """The Merkle Tree Hash of RFC 6962; the empty tree hashes the empty string."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    return _root_of_hashes([leaf_hash(leaf) for leaf in leaves])


def audit_path(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """The siblings from leaf ``index`` up to the root, nearest first (RFC 6962 PATH)."""
    if not 0 <= index < len(leaves):
        raise ValueError(f"leaf {index} is not in a tree of {len(leaves)}")
    return _path([leaf_hash(leaf) for leaf in leaves], index)


def _path(hashes: Sequence[bytes], index: int) -> list[bytes]:
    if len(hashes) == 1:
        return []
    k = _split(len(hashes))
    if index < k:
        return [*_path(hashes[:k], index), _root_of_hashes(hashes[k:])]
    return [*_path(hashes[k:], index - k), _root_of_hashes(hashes[:k])]


def root_from_path(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes | None:
    """The root that ``path`` leads to from ``leaf``, or None if the path cannot fit the tree."""
    if not 0 <= index < size or len(path) > MAX_PATH:
        return None
    return _climb(leaf_hash(leaf), index, size, list(path))


def _climb(node: bytes, index: int, size: int, path: list[bytes]) -> bytes | None:
    if size == 1:
        return node if not path else None
    if not path:
        return None
    k, sibling = _split(size), path[-1]
    if index < k:
        below = _climb(node, index, k, path[:-1])
        return None if below is None else node_hash(below, sibling)
    below = _climb(node, index - k, size - k, path[:-1])
    return None if below is None else node_hash(sibling, below)


def verify_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> bool:
    return root_from_path(leaf, index, size, path) == root


# --------------------------------------------------------------------------- manifests

def manifest_root(manifest: Manifest) -> bytes:
    """The root that commits to the whole manifest (header and every entry)."""
    return tree_root(manifest_leaves(manifest))


def format_root(root: bytes) -> str:
    return f"sha256:{root.hex()}"


def parse_root(text: str) -> bytes:
    """``sha256:<hex>`` or bare hex, 64 hex digits."""
    value = text.strip().lower()
    value = value[len("sha256:"):] if value.startswith("sha256:") else value
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise VerifyError(f"not a root: {text!r} (expected sha256:<64 hex digits>)")
    return bytes.fromhex(value)


@dataclass(frozen=True)
class InclusionProof:
    """That one entry is leaf ``index`` of a tree of ``size`` leaves with root ``root``."""

    entry: dict[str, Any]
    index: int
    size: int
    path: tuple[bytes, ...]
    root: bytes

    @property
    def passed(self) -> bool:
        return verify_inclusion(encode_leaf(ENTRY_LABEL, self.entry), self.index, self.size,
                                self.path, self.root)

    def to_json(self) -> dict[str, Any]:
        return {"format": "verify-inclusion-proof/1", "leaf_scheme": LEAF_SCHEME,
                "entry": self.entry, "leaf_index": self.index, "tree_size": self.size,
                "audit_path": [h.hex() for h in self.path], "root": format_root(self.root)}


def prove(manifest: Manifest, path: str) -> InclusionProof:
    """The inclusion proof of the entry named ``path``."""
    names = [entry.path for entry in manifest.entries]
    if path not in names:
        raise VerifyError(f"{path!r} is not an entry of the manifest")
    index = names.index(path) + 1  # leaf 0 is the header
    leaves = manifest_leaves(manifest)
    return InclusionProof(manifest.entries[index - 1].to_json(), index, len(leaves),
                          tuple(audit_path(leaves, index)), tree_root(leaves))


def proof_from_json(doc: Any) -> InclusionProof:
    """Read a proof strictly; a malformed one is a ProofError."""
    keys = {"format", "leaf_scheme", "entry", "leaf_index", "tree_size", "audit_path", "root"}
    if not isinstance(doc, dict) or set(doc) != keys:
        raise ProofError(f"a proof is an object with exactly the keys {sorted(keys)}")
    if doc["format"] != "verify-inclusion-proof/1" or doc["leaf_scheme"] != LEAF_SCHEME:
        raise ProofError(f"unknown proof format {doc['format']!r} / {doc['leaf_scheme']!r}")
    index, size, path = doc["leaf_index"], doc["tree_size"], doc["audit_path"]
    if not (_is_int(index) and _is_int(size) and 1 <= index < size):
        raise ProofError("leaf_index and tree_size must be integers, 1 <= leaf_index < tree_size")
    if not isinstance(doc["entry"], dict) or not isinstance(doc["entry"].get("path"), str):
        raise ProofError("entry must be a manifest entry with a path")
    if not isinstance(path, list) or len(path) > MAX_PATH or not all(_is_hex32(h) for h in path):
        raise ProofError(f"audit_path must be a list of at most {MAX_PATH} 64-digit hex hashes")
    if not isinstance(doc["root"], str):
        raise ProofError("root must be a string")
    try:
        root = parse_root(doc["root"])
    except VerifyError as exc:
        raise ProofError(exc.message) from exc
    return InclusionProof(doc["entry"], index, size, tuple(bytes.fromhex(h) for h in path), root)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex32(value: Any) -> bool:
    return (isinstance(value, str) and len(value) == 64
            and all(c in "0123456789abcdef" for c in value))
