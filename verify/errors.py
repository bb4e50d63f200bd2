"""The error tree: an error means the job could not be done.

Library code raises these (chained with ``raise ... from exc``); the CLI maps
them to exit code 2. Each class has a stable dotted ``code`` that records and
manifests carry, so a machine can tell an encrypted PDF from a corrupt one.
"""

from __future__ import annotations


class VerifyError(Exception):
    """Base class of every error the toolkit raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class IngestError(VerifyError):
    """A file could not be turned into text."""

    code = "ingest.failed"


class UnsupportedFormat(IngestError):
    """The bytes are none of the formats the toolkit reads."""

    code = "ingest.unsupported"


class EmptyFile(IngestError):
    code = "ingest.empty"


class EncryptedDocument(IngestError):
    """Encrypted, and the empty user password does not open it."""

    code = "ingest.encrypted"


class CorruptDocument(IngestError):
    """The file claims a format but its structure is broken."""

    code = "ingest.corrupt"


class TooLarge(IngestError):
    code = "ingest.too_large"


class TimedOut(IngestError):
    """Extraction went on past the per-file time limit."""

    code = "ingest.timeout"


class WorkerCrashed(IngestError):
    """The process extracting the file died on it (out of memory, a crash in a
    C library, killed): that file is recorded with this error, the run goes on."""

    code = "ingest.crashed"


class UnreadableFile(IngestError):
    """The operating system refused to read the file."""

    code = "ingest.unreadable"


class ManifestError(VerifyError):
    """A manifest is unreadable, invalid or not to be trusted."""

    code = "manifest.invalid"


class UnsafePath(ManifestError):
    """A manifest path that is absolute, climbs out of the root, or escapes
    it through a symlink. It is refused, never read."""

    code = "manifest.unsafe_path"


class ConfigError(VerifyError):
    """``sources.toml`` or ``[tool.verify]`` is invalid."""

    code = "config.invalid"
