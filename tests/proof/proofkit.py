"""Shared by the provenance tests (tests/proof): a tiny corpus, its manifest, a key pair."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verify.cli import main

TEXTS = {
    "a.txt": "The first document says one thing.\n",
    "b.txt": "The second document says another thing.\n",
    "sub/c.txt": "A third document, in a folder.\n",
}


@dataclass
class Corpus:
    root: Path
    manifest: Path
    key: Path

    @property
    def pub(self) -> Path:
        return Path(f"{self.key}.pub")

    @property
    def sig(self) -> Path:
        return Path(f"{self.manifest}.sig")

    def build(self) -> None:
        assert main(["build", str(self.root), "-m", str(self.manifest), "-q", "-j", "1"]) == 0

    def sign(self, *extra: str) -> int:
        return main(["sign", str(self.manifest), "--key", str(self.key), *extra])

    def check(self, *extra: str) -> int:
        return main(["check", "-m", str(self.manifest), "-q", "-j", "1", *extra])

    def doc(self) -> dict:  # type: ignore[type-arg]
        from helpers import read_doc

        return read_doc(self.manifest.read_bytes())

    def write_doc(self, doc: dict) -> None:  # type: ignore[type-arg]
        """Rewrite the manifest the way an attacker would: valid, canonical JSON."""
        from helpers import dump_doc

        self.manifest.write_bytes(dump_doc(doc))


def make_corpus(tmp_path: Path) -> Corpus:
    root = tmp_path / "corpus"
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    made = Corpus(root, tmp_path / "manifests" / "m.json", tmp_path / "keys" / "signer")
    made.build()
    assert main(["keygen", str(made.key)]) == 0
    return made


def hidden_edit(corpus: Corpus, name: str = "a.txt") -> None:
    """The attack of issue 5: edit a source and update its digests in the manifest."""
    from verify.pipeline import process_file

    (corpus.root / name).write_text("The first document says something else.\n", "utf-8")
    record = process_file(str(corpus.root / name), name)
    doc = corpus.doc()
    for entry in doc["entries"]:
        if entry["path"] == name:
            entry.update(raw_sha256=record.raw_sha256, size=record.size,
                         text_sha256=record.text_sha256)
    corpus.write_doc(doc)
