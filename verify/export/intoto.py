"""An in-toto Statement v1 about the files of a corpus.

Each subject is one manifest entry with bytes on record: ``name`` is its path
and ``digest`` carries ``sha256`` (the raw bytes) and, when the file has a
canonical text, ``verifyCanon<N>Sha256`` (the canonical-text digest under
profile ``canon/<N>``; a custom DigestSet algorithm, since it is SHA-256 of
the framed word stream, not of the file). The predicate names the manifest
and its Merkle root. ``--key`` wraps the statement in a signed DSSE envelope.
"""

from __future__ import annotations

from typing import Any

from verify._version import __version__
from verify.manifest import Entry, Manifest
from verify.merkle import LEAF_SCHEME, format_root, manifest_leaves, tree_root

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://verify.invalid/canonical-text/v1"


def text_digest_name(profile: str) -> str:
    """``canon/1`` -> ``verifyCanon1Sha256``."""
    return "verifyCanon" + profile.split("/", 1)[-1] + "Sha256"


def statement(manifest: Manifest, name: str) -> dict[str, Any]:
    leaves = manifest_leaves(manifest)
    return {
        "_type": STATEMENT_TYPE,
        "subject": [_subject(e) for e in manifest.entries if e.raw_sha256 is not None],
        "predicateType": PREDICATE_TYPE,
        "predicate": {"manifest": {"name": name, "merkle_root": format_root(tree_root(leaves)),
                                   "tree_size": len(leaves), "leaf_scheme": LEAF_SCHEME},
                      "profile": manifest.profile, "generator": f"verify {__version__}"},
    }


def _subject(entry: Entry) -> dict[str, Any]:
    digest = {"sha256": str(entry.raw_sha256).removeprefix("sha256:")}
    if entry.text_sha256 is not None and entry.profile:
        digest[text_digest_name(entry.profile)] = entry.text_sha256.removeprefix("sha256:")
    return {"name": entry.path, "digest": digest,
            "annotations": {"format": entry.format, "extractor": entry.extractor,
                            "profile": entry.profile, "error_code": entry.error_code}}
