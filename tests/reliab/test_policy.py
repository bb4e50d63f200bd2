"""The trust policy is a library object: a caller of the library gets the
same refusals as ``verify check`` (issue 8, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.auditlog import LogError
from verify.check import check_manifest
from verify.cli import main
from verify.errors import UnsafePath, VerifyError
from verify.merkle import format_root, manifest_root
from verify.policy import (
    EmptyManifest,
    TrustPolicy,
    corpus_root,
    load_trusted,
    recorded_root_problem,
)
from verify.signing import UntrustedManifest

from proof.proofkit import Corpus, hidden_edit


def test_a_library_caller_gets_the_signature_check(corpus: Corpus) -> None:
    assert corpus.sign() == 0
    policy = TrustPolicy.from_files(trust=[corpus.pub])
    manifest, trusted = load_trusted(corpus.manifest, policy)
    assert trusted.signed is not None and trusted.signed["sequence"] == 1
    root = corpus_root(corpus.manifest, manifest.root)
    assert check_manifest(manifest, root, manifest_path=corpus.manifest, jobs=1).passed
    hidden_edit(corpus)  # the source and its digests in the manifest, edited together
    with pytest.raises(UntrustedManifest, match="changed after signing"):
        load_trusted(corpus.manifest, policy)


def test_an_unsigned_manifest_fails_a_policy_with_keys(corpus: Corpus) -> None:
    with pytest.raises(UntrustedManifest, match="not signed"):
        load_trusted(corpus.manifest, TrustPolicy.from_files(trust=[corpus.pub]))
    load_trusted(corpus.manifest)  # the default policy asks for no signature


def test_expect_root(corpus: Corpus) -> None:
    manifest, trusted = load_trusted(corpus.manifest)
    assert trusted.merkle_root == format_root(manifest_root(manifest))
    load_trusted(corpus.manifest, TrustPolicy(expect_root=trusted.merkle_root))
    with pytest.raises(UntrustedManifest, match="not the expected"):
        load_trusted(corpus.manifest, TrustPolicy(expect_root="sha256:" + "0" * 64))
    with pytest.raises(VerifyError):
        TrustPolicy(expect_root="not a root")


def test_the_roll_back_guard_with_a_log(corpus: Corpus) -> None:
    log = corpus.root.parent / "fixity.log"
    assert corpus.sign() == 0
    old_manifest, old_sig = corpus.manifest.read_bytes(), corpus.sig.read_bytes()
    assert corpus.check("--trust", str(corpus.pub), "--log", str(log)) == 0
    (corpus.root / "d.txt").write_text("A fourth document.\n")
    corpus.build()
    assert corpus.sign() == 0
    assert corpus.check("--trust", str(corpus.pub), "--log", str(log)) == 0  # sequence 2 logged
    corpus.manifest.write_bytes(old_manifest)  # roll back to sequence 1
    corpus.sig.write_bytes(old_sig)
    policy = TrustPolicy.from_files(trust=[corpus.pub], log=log)
    with pytest.raises(UntrustedManifest, match="roll-back"):
        load_trusted(corpus.manifest, policy)
    load_trusted(corpus.manifest, TrustPolicy.from_files(trust=[corpus.pub]))  # no log: no guard
    with log.open("ab") as stream:
        stream.write(b"garbage\n")
    with pytest.raises(LogError, match="broken"):
        load_trusted(corpus.manifest, policy)


def test_an_empty_manifest_is_refused_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    manifest = tmp_path / "m.json"
    assert main(["build", str(tmp_path / "empty"), "-m", str(manifest), "-q"]) == 0
    with pytest.raises(EmptyManifest):
        load_trusted(manifest)
    load_trusted(manifest, TrustPolicy(allow_empty=True))


@pytest.mark.parametrize(("recorded", "ok"), [
    ("../corpus", True), (".", True), ("sub/dir", True), ("..", True), ("a/../../b", True),
    ("/etc", False), ("../../etc", False), ("../..", False), ("a/../../../b", False),
    ("C:/x", False), ("\\\\server\\share", False), ("", False),
])
def test_which_recorded_roots_are_followed(tmp_path: Path, recorded: str, ok: bool) -> None:
    assert (recorded_root_problem(recorded) is None) is ok
    manifest = tmp_path / "manifests" / "m.json"
    if ok:
        assert corpus_root(manifest, recorded).is_relative_to(tmp_path)
    else:
        with pytest.raises(UnsafePath):
            corpus_root(manifest, recorded)
    assert corpus_root(manifest, recorded, given="/anything") == Path("/anything")
