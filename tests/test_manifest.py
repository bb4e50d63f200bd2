"""Manifests (verify-manifest/2): deterministic bytes, atomic writes, strict
(fail-closed) reading, streamed reading, lossless names, the record store."""

from __future__ import annotations

import json
import unicodedata
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.build import build_manifest, write_build
from verify.errors import ManifestError, UnsafePath
from verify.manifest import (
    _JSON_DEFAULTS,
    Entry,
    decode_name,
    dumps,
    encode_name,
    loads,
    open_manifest,
    read_manifest,
    read_records,
    schema,
    validate,
    write_manifest,
)

from helpers import SOURCES, dump_doc, read_doc


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SOURCES, root)
    return root


def _manifest_bytes(root: Path, target: Path, jobs: int) -> bytes:
    write_build(build_manifest(root, manifest_path=target, jobs=jobs, incremental=False), target)
    return target.read_bytes()


def test_two_builds_are_byte_identical_serial_or_parallel(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    first = _manifest_bytes(corpus, target, jobs=1)
    store = (tmp_path / "m.records.jsonl").read_bytes()
    second = _manifest_bytes(corpus, target, jobs=2)
    assert first == second and (tmp_path / "m.records.jsonl").read_bytes() == store
    doc = read_doc(first)
    assert [e["path"] for e in doc["entries"]] == sorted(e["path"] for e in doc["entries"])
    assert all(type(e["size"]) is int for e in doc["entries"])
    # Every line is canonical JSON: what the Merkle leaves commit to.
    for line in first.splitlines():
        assert json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode() == line


def test_written_read_written_again_is_byte_identical(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    data = _manifest_bytes(corpus, target, jobs=1)
    assert dumps(read_manifest(target)) == data


def test_streamed_reading_gives_the_same_entries(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    _manifest_bytes(corpus, target, jobs=1)
    whole = read_manifest(target)
    with open_manifest(target) as (header, entries):
        assert list(entries) == list(whole.entries)
        assert header.records_sha256 == whole.records_sha256 and header.entries == ()


def test_light_reading_gives_the_same_entries_and_refuses_the_same_lines(tmp_path: Path) -> None:
    """open_manifest_light (a plain check) yields plain lines as tuples: each one
    makes the Entry the full reader gives, the other lines come as entries, and
    an out-of-order plain line is refused as the full reader refuses it."""
    from verify.manifest import Manifest, open_manifest_light, plain_entry

    plain = Entry(path="a/f.txt", size=3, raw_sha256="sha256:" + "a" * 64, format="text",
                  text_sha256="sha256:" + "b" * 64, profile="canon/2", extractor="verify-text/1")
    special = replace(plain, path="b/g.txt", provenance=(("title", "T"),))
    link = Entry(path="c/l", size=0, raw_sha256=None, kind="link", target="a/f.txt")
    target = tmp_path / "m.json"
    write_manifest(Manifest(entries=(plain, special, link, replace(plain, path="d/h.txt"))), target)
    with open_manifest_light(target) as (_, light):
        read = list(light)
    assert [type(e).__name__ for e in read] == ["tuple", "Entry", "Entry", "tuple"]
    with open_manifest(target) as (_, entries):
        full = list(entries)
    assert [plain_entry(e[3]) if isinstance(e, tuple) else e for e in read] == full
    assert read[0][:3] == (plain.path, plain.size, plain.raw_sha256)
    lines = target.read_bytes().splitlines(keepends=True)
    (tmp_path / "bad.json").write_bytes(lines[0] + lines[4] + lines[1])
    for opener in (open_manifest, open_manifest_light):
        with pytest.raises(UnsafePath, match="out of order"), opener(tmp_path / "bad.json") as (_, stream):
            list(stream)


def test_the_fixity_part_is_small_and_the_records_are_in_the_store(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    data = _manifest_bytes(corpus, target, jobs=1)
    manifest = read_manifest(target)
    assert len(data.splitlines()[-1]) < 1000  # one fixity line, whatever the document
    records = read_records(tmp_path / str(manifest.records), expect_sha256=manifest.records_sha256)
    for entry in manifest.entries:
        assert entry.record_key in records and records[str(entry.record_key)]["paragraphs"]


def test_a_changed_record_store_is_refused(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    _manifest_bytes(corpus, target, jobs=1)
    manifest = read_manifest(target)
    store = tmp_path / str(manifest.records)
    store.write_bytes(store.read_bytes().replace(b'"encoding":"utf-8"', b'"encoding":"latin-1"', 1))
    with pytest.raises(ManifestError, match="record store"):
        read_records(store, expect_sha256=manifest.records_sha256)


def test_header_validates_against_the_published_schema(corpus: Path, tmp_path: Path) -> None:
    data = _manifest_bytes(corpus, tmp_path / "m.json", jobs=1)
    validate(json.loads(data.splitlines()[0]))
    assert schema()["properties"]["format"]["const"] == "verify-manifest/2"


def test_an_old_manifest_is_refused_with_how_to_rebuild(tmp_path: Path) -> None:
    old = json.dumps({"entries": [], "format": "verify-manifest/1", "generator": "verify 0.1.0",
                      "profile": "canon/1", "works": {}}, sort_keys=True, indent=2)
    with pytest.raises(ManifestError, match=r"verify-manifest/1.*rebuild it with `verify build"):
        loads(old.encode())
    with pytest.raises(ManifestError, match="rebuild"):
        loads(old.replace("\n", "").encode() + b"\n")


def _valid(tmp_path: Path) -> bytes:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Some words.\n")
    (root / "b.txt").write_text("Other words.\n")
    return dumps(build_manifest(root, jobs=1).manifest)


@pytest.mark.parametrize("name, mutate, message", [
    ("truncated", lambda s: s[: len(s) // 2], "not valid JSON|truncated"),
    ("truncated mid-entry", lambda s: s[: s.rindex(b"\n", 0, -1) + 20], "truncated|not valid JSON"),
    ("empty", lambda s: b"", "empty"),
    ("duplicate key", lambda s: s.replace(b'"format":"verify-manifest/2"',
                                          b'"format":"verify-manifest/2","format":"verify-manifest/2"'),
     "duplicate key"),
    ("duplicate key in an entry", lambda s: s.replace(b'"size":12', b'"size":12,"size":12'),
     "duplicate key"),
    ("NaN", lambda s: s.replace(b'"size":12', b'"size":NaN'), "NaN"),
    ("float", lambda s: s.replace(b'"size":12', b'"size":12.0'), "floating-point"),
    ("unknown field", lambda s: s.replace(b'"format":"verify-manifest/2"',
                                          b'"format":"verify-manifest/2","trust_me":true'),
     "trust_me"),
    ("unknown entry field", lambda s: s.replace(b'"size":12', b'"size":12,"trust_me":true'),
     "unknown fields"),
    ("wrong type", lambda s: s.replace(b'"size":12', b'"size":"12"'), "size"),
    ("unknown algorithm", lambda s: s.replace(b'"raw_sha256":"sha256:', b'"raw_sha256":"md5:'),
     "digest"),
    ("deep nesting", lambda s: s.replace(b'"works":{}', b'"works":' + b"[" * 100000 + b"]" * 100000),
     "nested"),
    ("not utf-8", lambda s: s.replace(b"verify 0.1.0", b"verify \xff"), "UTF-8"),
    ("two values on a line", lambda s: s.replace(b"}\n", b"} {}\n", 2), "JSON|more than one"),
    ("a link without target", lambda s: s.replace(b'"path":"a.txt"', b'"kind":"link","path":"a.txt"'),
     "target"),
    ("a default written out", lambda s: s.replace(b'"path":"a.txt"', b'"kind":"file","path":"a.txt"'),
     "default value"),
])
def test_hostile_manifests_are_refused(tmp_path: Path, name: str, mutate, message: str) -> None:
    data = _valid(tmp_path)
    mutated = mutate(data)
    assert mutated != data or name == "empty"
    with pytest.raises(ManifestError, match=message):
        loads(mutated)


def test_insignificant_whitespace_reads_as_the_same_entries(tmp_path: Path) -> None:
    """Leaves are made from parsed entries: whitespace changes neither them nor the root
    (the signature, over the bytes, still notices)."""
    from verify.merkle import manifest_root

    data = _valid(tmp_path)
    spaced = data.replace(b'"path":"a.txt"', b'"path": "a.txt"')
    assert spaced != data and manifest_root(loads(spaced)) == manifest_root(loads(data))
    assert dumps(loads(spaced)) == data


@pytest.mark.parametrize("path, reason", [
    ("/etc/passwd", "absolute"),
    ("../outside.txt", "climbs out"),
    ("a/../../b", "climbs out"),
    ("C:/Windows/win.ini", "absolute"),
    ("a\\b.txt", "backslash"),
    ("a\nb.txt", "control character"),
    ("a\x00b", "control character"),
    ("a\\x00b", "NUL"),
    ("cafe\u0301.txt", "NFC"),
    ("./a.txt", "'.' segment"),
    ("a//b", "empty"),
])
def test_unsafe_manifest_paths_are_refused(tmp_path: Path, path: str, reason: str) -> None:
    doc = read_doc(_valid(tmp_path))
    doc["entries"][0]["path"] = path
    doc["entries"].sort(key=lambda e: e["path"])
    with pytest.raises(UnsafePath, match=reason):
        loads(dump_doc(doc))


@pytest.mark.parametrize("edit", ["twice", "swapped"])
def test_duplicate_or_unsorted_paths_are_refused(tmp_path: Path, edit: str) -> None:
    doc = read_doc(_valid(tmp_path))
    if edit == "twice":
        doc["entries"].append(doc["entries"][-1])
    else:
        doc["entries"].reverse()
    with pytest.raises(UnsafePath, match="out of order or appears twice"):
        loads(dump_doc(doc))


@pytest.mark.parametrize("raw", [
    b"\xab\xcc\xb1",          # an escape's last hex digit and a combining mark would compose under NFC
    b"a\n\xcc\x83",           # likewise after "\\n"
])
def test_a_combining_mark_after_an_escape_is_not_fused_with_it(raw: bytes) -> None:
    from verify.manifest import check_relative_path

    name = encode_name(raw)
    check_relative_path(name)
    assert decode_name(name) == raw


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")), min_size=1, max_size=3))
def test_any_name_the_file_system_holds_round_trips(segments: list[bytes]) -> None:
    """Issue 8 item 4: newlines, carriage returns, invalid UTF-8, backslashes."""
    raw = b"/".join(segments)
    name = encode_name(raw)
    try:
        text = raw.decode("utf-8")
        exact = text == unicodedata.normalize("NFC", text) or name != unicodedata.normalize("NFC", text)
    except UnicodeDecodeError:
        exact = True
    if exact:  # an NFD name without escapes is recorded in NFC (test_build: twins are reported)
        assert decode_name(name) == raw
    check_ok = True
    try:
        from verify.manifest import check_relative_path

        check_relative_path(name)
    except UnsafePath:
        check_ok = False
    assert check_ok
    assert "\n" not in name and "\r" not in name


def test_atomic_write_leaves_no_temporary_files(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "m.json"
    _manifest_bytes(corpus, target, jobs=1)
    assert sorted(p.name for p in target.parent.iterdir()) == ["m.json", "m.records.jsonl"]


def test_a_failed_write_keeps_the_old_manifest(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    old = _manifest_bytes(corpus, target, jobs=1)
    manifest = read_manifest(target)
    broken = replace(manifest, entries=(*manifest.entries, manifest.entries[0]))
    with pytest.raises(ManifestError, match="not sorted"):
        write_manifest(broken, target)  # refused mid-write: the old file stays
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# The written-out rules decide (headers: header_problem; entries: Entry.from_json);
# jsonschema, the reference, must agree with them on the published schema.

_LEAVES = [None, True, 0, -1, 12, "", "x", "sha256:" + "0" * 64, "md5:0", "a/../b", [], {}, ["x"],
           {"k": 1}, "file", "link"]


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


def test_header_rules_and_the_reference_validator_agree() -> None:
    import random

    import jsonschema

    from verify.manifest import header_problem

    reference = jsonschema.Draft7Validator(schema())
    header = read_doc(dumps(build_manifest(SOURCES, jobs=1).manifest))
    del header["entries"]
    rng = random.Random(20261122)
    verdicts = {True: 0, False: 0}
    for _ in range(400):
        mutated = _mutations(header, rng)
        fast_ok = header_problem(mutated) is None
        assert fast_ok == reference.is_valid(mutated), json.dumps(mutated)[:300]
        verdicts[fast_ok] += 1
    assert verdicts[True] > 10 and verdicts[False] > 100  # both verdicts were exercised


def test_entry_reader_and_schema_agree_on_entries() -> None:
    import random

    import jsonschema

    definitions = schema()["definitions"]
    reference = jsonschema.Draft7Validator({**definitions["entry"], "definitions": definitions})
    entries = read_doc(dumps(build_manifest(SOURCES, jobs=1).manifest))["entries"]
    rng = random.Random(20261130)
    verdicts = {True: 0, False: 0}
    for i in range(600):
        mutated = _mutations(entries[i % len(entries)], rng)
        try:
            Entry.from_json(mutated)
            ours = True
        except ManifestError:
            ours = False
        # The reader also refuses what the schema cannot say: a link without a target,
        # a field written with its default value (one entry, one canonical line).
        full = {**_JSON_DEFAULTS, **mutated}
        theirs = reference.is_valid(mutated) and (full["kind"] == "link") == (
            full["target"] is not None) and not any(
            k in _JSON_DEFAULTS and v == _JSON_DEFAULTS[k] and type(v) is type(_JSON_DEFAULTS[k])
            for k, v in mutated.items())
        assert ours == theirs, json.dumps(mutated)[:300]
        verdicts[ours] += 1
    assert verdicts[True] > 10 and verdicts[False] > 100


def test_the_fast_path_for_plain_lines_agrees_with_the_general_reader(tmp_path: Path) -> None:
    """A plain line is read without the JSON parser: on any mutation of such a line,
    the fast path either declines or gives exactly what the strict reader gives."""
    import random

    from verify import strictjson
    from verify.manifest import _plain_entry, canonical_line

    lines = [canonical_line(Entry(path=f"d{i}/f-{i}.txt", size=i * 7, raw_sha256="sha256:" + "a1" * 32,
                                  format=("text", "pdf", "html", "unknown")[i % 4],
                                  text_sha256=None if i % 3 == 0 else "sha256:" + "b2" * 32,
                                  removed_sha256=None if i % 2 else "sha256:" + "c3" * 32,
                                  profile=None if i % 3 == 0 else "canon/1",
                                  extractor=None if i % 3 == 0 else f"verify-text/1 (é {i})").to_json())
             for i in range(12)]
    for line in lines:
        assert _plain_entry(line) == Entry.from_json(json.loads(line))
    rng = random.Random(7)
    alphabet = b'"{},:\\/0123456789abcdef.Ax\x00\n \xc3\xa9'
    accepted = 0
    for _ in range(20000):
        line = bytearray(rng.choice(lines))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(line))
            if rng.random() < 0.5:
                line[at] = rng.choice(alphabet)
            else:
                del line[at]
        fast = _plain_entry(bytes(line))
        if fast is None:
            continue
        accepted += 1
        strict = Entry.from_json(strictjson.loads(bytes(line), None, limit=10**6, floats=False))
        assert fast == strict, bytes(line)
    assert accepted > 100  # mutations that stay plain (a digit, a hex letter) were tried


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7f) | st.sampled_from("é:\\/\u0301"),
               min_size=1, max_size=12))
def test_a_name_the_walk_keeps_as_is_is_its_own_manifest_name(name: str) -> None:
    """The walk's shortcut (verify.corpus._PLAIN_NAME) skips encode_name only
    where encode_name would return the name unchanged."""
    import os

    from verify.corpus import _PLAIN_NAME

    if _PLAIN_NAME.match(name):
        assert encode_name(os.fsencode(name)) == name


def test_the_plain_line_path_and_the_general_path_read_the_same_entry(tmp_path: Path) -> None:
    """A plain line takes the fast reader; the same entry written with an extra
    field (provenance) takes the general one: same fields either way."""
    from verify.manifest import Entry, _plain_entry, canonical_line

    entry = Entry(path="d/f-1.txt", size=12, raw_sha256="sha256:" + "a" * 64, format="text",
                  text_sha256="sha256:" + "b" * 64, profile="canon/2", extractor="verify-text/1 (é)")
    fast = _plain_entry(canonical_line(entry.to_json()))
    assert fast == entry
    with_provenance = replace(entry, provenance=(("title", "T"),))
    general = Entry.from_json(json.loads(canonical_line(with_provenance.to_json())))
    assert replace(general, provenance=()) == fast
    assert _plain_entry(canonical_line(entry.to_json()).replace(b"d/f", b"./f")) is None


@pytest.mark.parametrize("raw", [b"\x80\xcd\x80", b"\x80e\xcc\x81", b"d/\xffA\xcc\x8a.txt"])
def test_a_name_not_utf8_whose_valid_part_nfc_would_change_round_trips(raw: bytes) -> None:
    """Found by the property test above: NFC turned b'\\x80\\xcd\\x80' into b'\\x80\\xcc\\x80'."""
    from verify.manifest import check_relative_path

    name = encode_name(raw)
    check_relative_path(name)
    assert decode_name(name) == raw and name.isascii()
