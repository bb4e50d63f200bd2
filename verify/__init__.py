"""verify: provenance-tracking document verification.

Ingest PDF, HTML and text into canonical, hashed records; build manifests;
check a corpus against its manifest.

>>> from verify import process_bytes
>>> record = process_bytes(b"Hello,   world.\\n", "hello.txt")
>>> record.text, record.format
('Hello, world.', 'text')
"""

from typing import TYPE_CHECKING

from verify._version import __version__
from verify.errors import (
    ConfigError,
    CorruptDocument,
    EmptyFile,
    EncryptedDocument,
    IngestError,
    ManifestError,
    TimedOut,
    TooLarge,
    UnreadableFile,
    UnsafePath,
    UnsupportedFormat,
    VerifyError,
    WorkerCrashed,
)

if TYPE_CHECKING:
    from verify.build import BuildResult, build_manifest
    from verify.check import CheckReport, check_manifest
    from verify.fingerprint import text_sha256
    from verify.manifest import Manifest, read_manifest, write_manifest
    from verify.merkle import manifest_root, prove, verify_inclusion
    from verify.signing import generate_keypair, verify_signed_manifest
    from verify.model import Canonical, Change, Extracted, Finding, Record, Span
    from verify.normalize import PROFILE, canonicalize, canonicalize_text, replay
    from verify.pipeline import Options, process_bytes, process_file
    from verify.policy import TrustPolicy, Trusted, load_trusted, verify_manifest_trust

#: Imported when first used, so that ``verify check`` does not pay for the
#: extraction stack at start-up (python -X importtime: 140 ms -> see docs/manifest.md).
_LAZY = {
    "BuildResult": "verify.build", "build_manifest": "verify.build",
    "CheckReport": "verify.check", "check_manifest": "verify.check",
    "text_sha256": "verify.fingerprint",
    "Manifest": "verify.manifest", "read_manifest": "verify.manifest", "write_manifest": "verify.manifest",
    "manifest_root": "verify.merkle", "prove": "verify.merkle", "verify_inclusion": "verify.merkle",
    "generate_keypair": "verify.signing", "verify_signed_manifest": "verify.signing",
    "Canonical": "verify.model", "Change": "verify.model", "Extracted": "verify.model",
    "Finding": "verify.model", "Record": "verify.model", "Span": "verify.model",
    "PROFILE": "verify.normalize", "canonicalize": "verify.normalize",
    "canonicalize_text": "verify.normalize", "replay": "verify.normalize",
    "Options": "verify.pipeline", "process_bytes": "verify.pipeline", "process_file": "verify.pipeline",
    "TrustPolicy": "verify.policy", "Trusted": "verify.policy", "load_trusted": "verify.policy",
    "verify_manifest_trust": "verify.policy",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'verify' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "PROFILE",
    "BuildResult",
    "Canonical",
    "Change",
    "CheckReport",
    "ConfigError",
    "CorruptDocument",
    "EmptyFile",
    "EncryptedDocument",
    "Extracted",
    "Finding",
    "IngestError",
    "Manifest",
    "ManifestError",
    "Options",
    "Record",
    "Span",
    "TimedOut",
    "TooLarge",
    "TrustPolicy",
    "Trusted",
    "UnreadableFile",
    "UnsafePath",
    "UnsupportedFormat",
    "VerifyError",
    "WorkerCrashed",
    "__version__",
    "build_manifest",
    "canonicalize",
    "canonicalize_text",
    "check_manifest",
    "generate_keypair",
    "load_trusted",
    "manifest_root",
    "process_bytes",
    "process_file",
    "prove",
    "read_manifest",
    "replay",
    "text_sha256",
    "verify_inclusion",
    "verify_manifest_trust",
    "verify_signed_manifest",
    "write_manifest",
]
