"""Exports of a manifest into standard formats, each built and validated by a well-kept library.

- :mod:`verify.export.bag`: a BagIt bag (RFC 8493) via ``bagit``, checked by bagit's validator
  and against the manifest's raw digests;
- :mod:`verify.export.provjson`: W3C PROV-JSON via ``prov``, round-tripped through prov's reader;
- :mod:`verify.export.intoto`: an in-toto Statement v1 whose subjects carry the raw and the
  canonical-text digests (optionally signed in a DSSE envelope).
"""

from __future__ import annotations

from verify.errors import VerifyError


class ExportError(VerifyError):
    """An export could not be made or did not validate."""

    code = "export.failed"


class ExportDrift(VerifyError):
    """The corpus no longer matches the manifest, so it cannot be exported as recorded."""

    code = "export.drift"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} file(s) do not match the manifest: run `verify check`")
        self.problems = problems
