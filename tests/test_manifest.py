"""Manifests: deterministic bytes, atomic writes, strict (fail-closed) reading."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from verify.build import build_manifest
from verify.errors import ManifestError, UnsafePath
from verify.manifest import dumps, loads, read_manifest, schema, validate, write_manifest

from helpers import SOURCES


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    return root


def _manifest_bytes(root: Path, target: Path, jobs: int) -> bytes:
    result = build_manifest(root, manifest_path=target, jobs=jobs)
    write_manifest(result.manifest, target)
    return target.read_bytes()


def test_two_builds_are_byte_identical_serial_or_parallel(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    first = _manifest_bytes(corpus, target, jobs=1)
    second = _manifest_bytes(corpus, target, jobs=2)
    assert first == second
    doc = json.loads(first)
    assert [e["path"] for e in doc["entries"]] == sorted(e["path"] for e in doc["entries"])
    assert b"." not in json.dumps([e["size"] for e in doc["entries"]]).encode()  # integers only


def test_written_read_written_again_is_byte_identical(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    data = _manifest_bytes(corpus, target, jobs=1)
    assert dumps(read_manifest(target)) == data


def test_manifest_validates_against_the_published_schema(corpus: Path, tmp_path: Path) -> None:
    data = _manifest_bytes(corpus, tmp_path / "m.json", jobs=1)
    validate(json.loads(data))
    assert schema()["properties"]["format"]["const"] == "verify-manifest/1"


def _valid(tmp_path: Path) -> dict:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Some words.\n")
    return json.loads(dumps(build_manifest(root, jobs=1).manifest))


@pytest.mark.parametrize("name, mutate, message", [
    ("truncated", lambda s: s[: len(s) // 2], "not valid JSON"),
    ("empty", lambda s: "", "empty"),
    ("duplicate key", lambda s: s.replace('"format": "verify-manifest/1"',
                                          '"format": "verify-manifest/1", "format": "verify-manifest/1"'),
     "duplicate key"),
    ("NaN", lambda s: s.replace('"size": 12', '"size": NaN'), "NaN"),
    ("float", lambda s: s.replace('"size": 12', '"size": 12.0'), "floating-point"),
    ("unknown field", lambda s: s.replace('"format": "verify-manifest/1"',
                                          '"format": "verify-manifest/1", "trust_me": true'),
     "trust_me"),
    ("wrong type", lambda s: s.replace('"size": 12', '"size": "12"'), "schema"),
    ("unknown algorithm", lambda s: s.replace('"raw_sha256": "sha256:', '"raw_sha256": "md5:'), "schema"),
    ("deep nesting", lambda s: s.replace('"works": {}', '"works": ' + "[" * 100000 + "]" * 100000),
     "nested"),
    ("not utf-8", lambda s: s.replace("verify 0.1.0", "verify \udcff"), "UTF-8"),
])
def test_hostile_manifests_are_refused(tmp_path: Path, name: str, mutate, message: str) -> None:
    text = json.dumps(_valid(tmp_path), sort_keys=True, indent=2)
    mutated = mutate(text)
    assert mutated != text or name == "empty"
    with pytest.raises(ManifestError, match=message):
        loads(mutated.encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("path, reason", [
    ("/etc/passwd", "absolute"),
    ("../outside.txt", "climbs out"),
    ("a/../../b", "climbs out"),
    ("C:/Windows/win.ini", "absolute"),
    ("a\\b.txt", "backslash"),
    ("a\nb.txt", "line-break"),
    ("a\x00b", "NUL"),
    ("cafe\u0301.txt", "NFC"),
    ("./a.txt", "'.' segment"),
])
def test_unsafe_manifest_paths_are_refused(tmp_path: Path, path: str, reason: str) -> None:
    doc = _valid(tmp_path)
    doc["entries"][0]["path"] = path
    with pytest.raises(UnsafePath, match=reason):
        loads(json.dumps(doc).encode())


def test_duplicate_paths_are_refused(tmp_path: Path) -> None:
    doc = _valid(tmp_path)
    doc["entries"].append(doc["entries"][0])
    with pytest.raises(UnsafePath, match="twice"):
        loads(json.dumps(doc).encode())


def test_atomic_write_leaves_no_temporary_files(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "m.json"
    _manifest_bytes(corpus, target, jobs=1)
    assert [p.name for p in target.parent.iterdir()] == ["m.json"]


def test_a_failed_write_keeps_the_old_manifest(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    old = _manifest_bytes(corpus, target, jobs=1)
    manifest = read_manifest(target)
    broken = type(manifest)(entries=(*manifest.entries, {"path": "x"}), profile=manifest.profile)
    with pytest.raises(ManifestError):
        write_manifest(broken, target)  # invalid: refused before anything is written
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# The compiled validator (fastjsonschema) decides; jsonschema, the reference, must agree.

_LEAVES = [None, True, 0, -1, 12, "", "x", "sha256:" + "0" * 64, "md5:0", "a/../b", [], {}, ["x"],
           {"k": 1}]


def _mutations(doc: dict, rng) -> dict:
    import copy

    doc = copy.deepcopy(doc)
    node, key = doc, None
    for _ in range(rng.randint(1, 4)):  # walk down to a random place
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) \
            if isinstance(node, list) else []
        if not children:
            break
        key, child = rng.choice(children)
        if not isinstance(child, (dict, list)) or rng.random() < 0.3:
            break
        node, key = child, None
    if isinstance(node, dict) and rng.random() < 0.2:
        node["unexpected"] = 1
    elif key is not None and isinstance(node, (dict, list)):
        node[key] = rng.choice(_LEAVES)
    return doc


def test_fast_and_reference_validators_agree(tmp_path: Path) -> None:
    import random

    import fastjsonschema
    import jsonschema

    fast = fastjsonschema.compile(schema())
    reference = jsonschema.Draft7Validator(schema())
    doc = json.loads(dumps(build_manifest(SOURCES, jobs=1).manifest))
    rng = random.Random(20261122)
    verdicts = {True: 0, False: 0}
    for _ in range(400):
        mutated = _mutations(doc, rng)
        try:
            fast(mutated)
            fast_ok = True
        except fastjsonschema.JsonSchemaValueException:
            fast_ok = False
        assert fast_ok == reference.is_valid(mutated), json.dumps(mutated)[:300]
        verdicts[fast_ok] += 1
    assert verdicts[True] > 10 and verdicts[False] > 100  # both verdicts were exercised
