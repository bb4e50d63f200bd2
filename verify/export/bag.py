"""A BagIt bag (RFC 8493) of a corpus as its manifest records it.

The payload is a copy of every manifest entry that has bytes on record, each
checked against its ``raw_sha256`` while it is copied; the manifest (and its
signature, if any) ride along as tag files under ``verify/``. ``bagit`` makes
the bag (SHA-256 payload and tag manifests) and then validates it; its payload
digests must also equal the manifest's. The bag is built beside the target and
renamed into place, so a failed export leaves nothing half-made.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from verify.corpus import inside
from verify.export import ExportDrift, ExportError
from verify.manifest import Manifest
from verify.merkle import format_root, manifest_root


@dataclass(frozen=True)
class BagResult:
    path: Path
    files: int
    skipped: tuple[str, ...]  # entries without bytes on record (refused or unreadable at build)


def export_bag(manifest: Manifest, manifest_bytes: bytes, root: Path, target: Path, *,
               signature: bytes | None = None) -> BagResult:
    import bagit

    if target.exists():
        raise ExportError(f"{target} exists; choose a new folder for the bag")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        skipped = _copy_payload(manifest, root, work)
        info = {"External-Identifier": format_root(manifest_root(manifest)),
                "External-Description": f"corpus exported from a {manifest.generator} manifest "
                                        f"(profile {manifest.profile})"}
        logging.getLogger("bagit").setLevel(logging.WARNING)
        bag = bagit.make_bag(str(work), bag_info=info, checksums=["sha256"], processes=1)
        _same_digests(manifest, bag.payload_entries())
        (work / "verify").mkdir()
        (work / "verify" / "manifest.json").write_bytes(manifest_bytes)
        if signature is not None:
            (work / "verify" / "manifest.json.sig").write_bytes(signature)
        bag.save(manifests=False)  # rewrites the tag manifests to cover verify/
        os.rename(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        bagit.Bag(str(target)).validate()
    except bagit.BagError as exc:
        raise ExportError(f"bagit does not validate the bag at {target}: {exc}") from exc
    return BagResult(target, len(manifest.entries) - len(skipped), tuple(skipped))


def _copy_payload(manifest: Manifest, root: Path, work: Path) -> list[str]:
    skipped, problems = [], []
    for entry in manifest.entries:
        if entry.raw_sha256 is None:
            skipped.append(entry.path)
            continue
        source = root / entry.path
        if not inside(root, str(source)):
            problems.append(f"{entry.path}: resolves outside the corpus root")
            continue
        destination = work / entry.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            digest = _copy(source, destination)
        except OSError as exc:
            problems.append(f"{entry.path}: cannot read: {exc.strerror or exc}")
            continue
        if digest != entry.raw_sha256:
            problems.append(f"{entry.path}: bytes changed ({digest}, manifest "
                            f"{entry.raw_sha256})")
    if problems:
        raise ExportDrift(problems)
    return skipped


def _copy(source: Path, destination: Path) -> str:
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(destination, "wb") as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
    return f"sha256:{digest.hexdigest()}"


def _same_digests(manifest: Manifest, payload: dict[str, dict[str, str]]) -> None:
    expected = {f"data/{e.path}": e.raw_sha256 for e in manifest.entries if e.raw_sha256}
    found = {name: f"sha256:{digests['sha256']}" for name, digests in payload.items()}
    if found != expected:
        differ = sorted(set(found.items()) ^ set(expected.items()))
        raise ExportError(f"bagit's payload digests differ from the manifest: {differ[:5]}")
