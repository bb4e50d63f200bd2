"""The Merkle tree (RFC 6962), the manifest root, --expect-root and inclusion proofs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verify.cli import main
from verify.manifest import read_manifest
from verify.merkle import (
    audit_path,
    canonical_json,
    encode_leaf,
    leaf_hash,
    manifest_root,
    node_hash,
    root_from_path,
    tree_root,
    verify_inclusion,
)

from proof.proofkit import Corpus, hidden_edit


def bottom_up_root(leaves: list[bytes]) -> bytes:
    """An independent construction: pair level by level, carrying an odd last node up
    unchanged. RFC 6962's largest-power-of-two split gives the same tree."""
    level = [leaf_hash(leaf) for leaf in leaves]
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def test_small_trees_follow_rfc_6962() -> None:
    a, b, c = b"a", b"b", b"c"
    assert tree_root([]) == hashlib.sha256(b"").digest()
    assert tree_root([a]) == hashlib.sha256(b"\x00a").digest()
    assert tree_root([a, b]) == hashlib.sha256(b"\x01" + leaf_hash(a) + leaf_hash(b)).digest()
    assert tree_root([a, b, c]) == node_hash(node_hash(leaf_hash(a), leaf_hash(b)), leaf_hash(c))


def test_the_certificate_transparency_test_vector() -> None:
    # The eight leaves of the reference implementation's tests, and their root.
    leaves = [bytes.fromhex(h) for h in ("", "00", "10", "2021", "3031", "40414243",
                                         "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
    assert tree_root(leaves).hex() == \
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"


@pytest.mark.parametrize("n", range(1, 40))
def test_split_matches_an_independent_construction(n: int) -> None:
    leaves = [str(i).encode() for i in range(n)]
    assert tree_root(leaves) == bottom_up_root(leaves)


@given(st.lists(st.binary(max_size=8), min_size=1, max_size=70), st.data())
def test_every_inclusion_proof_verifies_and_nothing_else_does(leaves: list[bytes],
                                                              data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(leaves) - 1))
    path, root = audit_path(leaves, index), tree_root(leaves)
    assert verify_inclusion(leaves[index], index, len(leaves), path, root)
    assert not verify_inclusion(leaves[index] + b"x", index, len(leaves), path, root)
    if path:
        j = data.draw(st.integers(0, len(path) - 1))
        bent = [*path[:j], bytes(32), *path[j + 1:]]
        assert not verify_inclusion(leaves[index], index, len(leaves), bent, root)
        assert root_from_path(leaves[index], index, len(leaves), path[:-1]) != root
    if len(set(leaves)) == len(leaves) and len(leaves) > 1:
        other = (index + 1) % len(leaves)
        assert not verify_inclusion(leaves[index], other, len(leaves), path, root)


def test_leaves_are_labelled_length_prefixed_canonical_json() -> None:
    leaf = encode_leaf(b"L\n", {"b": 1, "a": "é"})
    body = canonical_json({"a": "é", "b": 1})
    assert body == '{"a":"é","b":1}'.encode()
    assert leaf == b"L\n" + len(body).to_bytes(8, "big") + body


def test_the_root_commits_to_entries_header_and_order(corpus: Corpus) -> None:
    from dataclasses import replace

    manifest = read_manifest(corpus.manifest)
    root = manifest_root(manifest)
    entries = list(manifest.entries)
    changed = [replace(entries[0], size=entries[0].size + 1), *entries[1:]]
    assert manifest_root(replace(manifest, entries=tuple(changed))) != root
    assert manifest_root(replace(manifest, entries=tuple(reversed(entries)))) != root
    assert manifest_root(replace(manifest, root="../elsewhere")) != root
    assert manifest_root(replace(manifest, works={"w": {"members": ["a.txt"]}})) != root
    assert manifest_root(read_manifest(corpus.manifest)) == root  # deterministic


def test_hidden_edit_passes_a_plain_check_but_not_expect_root(
        corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "-m", str(corpus.manifest)]) == 0
    root = capsys.readouterr().out.strip()
    assert corpus.check("--expect-root", root) == 0
    assert corpus.check("--expect-root", root.removeprefix("sha256:")) == 0  # bare hex too
    hidden_edit(corpus)
    assert corpus.check() == 0  # the attack: a plain check is fooled
    capsys.readouterr()
    assert corpus.check("--expect-root", root) == 2
    assert "Merkle root" in capsys.readouterr().err


def test_expect_root_that_is_not_a_root_is_a_usage_error(corpus: Corpus) -> None:
    assert corpus.check("--expect-root", "cafe") == 2


def _proof(corpus: Corpus, capsys: pytest.CaptureFixture[str], name: str = "sub/c.txt") -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["prove", name, "-m", str(corpus.manifest)]) == 0
    loaded: dict = json.loads(capsys.readouterr().out)  # type: ignore[type-arg]
    return loaded


def test_prove_and_verify_alone(corpus: Corpus, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    proof = _proof(corpus, capsys)
    assert proof["entry"]["path"] == "sub/c.txt" and proof["tree_size"] == 4
    assert proof["root"] == "sha256:" + manifest_root(read_manifest(corpus.manifest)).hex()
    by_file = _proof(corpus, capsys, str(corpus.root / "sub" / "c.txt"))  # a path on disk
    assert by_file == proof
    target = tmp_path / "proof.json"
    target.write_text(json.dumps(proof))
    corpus.manifest.unlink()  # alone: without the manifest
    assert main(["prove", "--verify", str(target), "--expect-root", proof["root"],
                 "--file", str(corpus.root / "sub" / "c.txt")]) == 0
    assert main(["prove", "--verify", str(target), "--file", str(corpus.root / "a.txt")]) == 1
    assert main(["prove", "--verify", str(target), "--expect-root", "0" * 64]) == 1


@pytest.mark.parametrize("tamper", ["entry", "index", "path", "root"])
def test_a_tampered_proof_fails(tamper: str, corpus: Corpus, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    proof = _proof(corpus, capsys, "a.txt")
    if tamper == "entry":
        proof["entry"]["raw_sha256"] = "sha256:" + "0" * 64
    elif tamper == "index":
        proof["leaf_index"] = 2
    elif tamper == "path":
        proof["audit_path"][0] = "f" * 64
    else:
        proof["root"] = "sha256:" + "1" * 64
    target = tmp_path / "proof.json"
    target.write_text(json.dumps(proof))
    assert main(["prove", "--verify", str(target)]) == 1
    assert "does not lead" in capsys.readouterr().out


@pytest.mark.parametrize("content", [
    b"", b"{", b"[]", b'{"format": "verify-inclusion-proof/1"}', b"[" * 100000,
    b'{"a": 1, "a": 2}',
])
def test_a_malformed_proof_is_exit_2(content: bytes, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "proof.json"
    target.write_bytes(content)
    assert main(["prove", "--verify", str(target)]) == 2
    err = capsys.readouterr().err
    assert "verify: error:" in err and "Traceback" not in err


def test_a_proof_of_an_unsafe_path_is_refused(corpus: Corpus, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    proof = _proof(corpus, capsys, "a.txt")
    proof["entry"]["path"] = "../../etc/passwd"
    target = tmp_path / "proof.json"
    target.write_text(json.dumps(proof))
    assert main(["prove", "--verify", str(target)]) == 2


def test_prove_an_unknown_path_is_exit_2(corpus: Corpus) -> None:
    assert main(["prove", "nope.txt", "-m", str(corpus.manifest)]) == 2
