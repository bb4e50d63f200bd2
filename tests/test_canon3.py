"""canon/3: the profile of this version; canon/2 manifests are retired as canon/1 was.

A manifest made with canon/2 (released) is still checked on its bytes; its
texts are not recomputed under canon/2 (this version no longer computes it),
and every verdict that needs them says so and says how to rebuild.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from verify.build import build_manifest
from verify.check import check_manifest
from verify.fingerprint import text_sha256
from verify.manifest import Manifest
from verify.normalize import PROFILE, PROFILES, RETIRED
from verify.pipeline import process_file


def _canon2_manifest(root: Path) -> Manifest:
    """A manifest of ``root`` as canon/2 wrote it: the same bytes, canon/2
    named, text digests framed with canon/2's name (``verify-canon/2``)."""
    built = build_manifest(root, jobs=1).manifest
    entries = tuple(dataclasses.replace(
        e, profile="canon/2",
        text_sha256=text_sha256(process_file(str(root / e.path)).text or "", "canon/2"))
        for e in built.entries)
    return dataclasses.replace(built, entries=entries, profile="canon/2")


def test_canon2_is_retired_and_canon3_is_computed() -> None:
    assert PROFILE.name == "canon/3" and set(PROFILES) == {"canon/3"}
    assert {"canon/1", "canon/2"} <= RETIRED


def test_a_canon2_manifest_is_still_checked_on_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The licence grants a perpetual right.\n")
    (tmp_path / "b.txt").write_text("Another document, unchanged.\n")
    manifest = _canon2_manifest(tmp_path)
    assert check_manifest(manifest, tmp_path).passed
    (tmp_path / "a.txt").write_text("The licence grants a temporary right.\n")
    report = check_manifest(manifest, tmp_path)
    assert not report.passed
    (modified,) = report.modified
    assert modified.path == "a.txt" and modified.content_changed is None
    assert modified.note is not None
    assert "canon/2" in modified.note and "no longer computes" in modified.note
    assert "verify build" in modified.note and "canon/3" in modified.note


def test_a_deep_check_of_a_canon2_manifest_reports_every_text_as_drifted_with_the_note(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One text.\n")
    manifest = _canon2_manifest(tmp_path)
    report = check_manifest(manifest, tmp_path, deep=True)
    (drift,) = report.drifted
    assert (drift.old_profile, drift.new_profile) == ("canon/2", "canon/3")
    assert drift.note is not None and "rebuild" in drift.note and "canon/2" in drift.note
