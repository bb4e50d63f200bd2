"""W3C PROV-JSON of a manifest, built with the ``prov`` package.

For each entry: the source file is an entity (``file:``) with its raw
digest; its **ingestion** (extraction by the recorded extractor) is an
activity that used it and generated the extracted text (``extracted:``); its
**normalisation** under the profile is an activity that used the extracted
text and generated the canonical text, an entity named by its digest
(``text:``), derived from the source. Both activities are associated with
the toolkit version, a software agent. A publisher is an organisation the
source is attributed to; a work that several sources render is an entity
they specialise. Identifiers are percent-encoded manifest paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from verify._version import __version__
from verify.export import ExportError
from verify.manifest import Entry, Manifest
from verify.merkle import format_root, manifest_root

NS = "https://verify.invalid/ns/prov#"


def prov_document(manifest: Manifest, name: str,
                  details: Mapping[str, dict[str, Any]] | None = None) -> Any:
    from prov.model import ProvDocument

    doc = ProvDocument()
    doc.set_default_namespace(NS)
    for prefix, uri in (("verify", NS), ("file", "https://verify.invalid/corpus/"),
                        ("extracted", "https://verify.invalid/extracted/"),
                        ("text", "https://verify.invalid/text/"),
                        ("ingest", "https://verify.invalid/ingest/"),
                        ("normalise", "https://verify.invalid/normalise/"),
                        ("agent", "https://verify.invalid/agent/"),
                        ("work", "https://verify.invalid/work/")):
        doc.add_namespace(prefix, uri)
    toolkit = doc.agent(f"agent:verify-{__version__}", {
        "prov:type": "prov:SoftwareAgent", "prov:label": f"verify {__version__}"})
    doc.entity(f"verify:manifest-{quote(name, safe='')}", {
        "prov:type": "verify:Manifest", "prov:label": name, "verify:profile": manifest.profile,
        "verify:merkle_root": format_root(manifest_root(manifest))})
    for work_id, work in sorted(manifest.works.items()):
        doc.entity(f"work:{quote(work_id, safe='')}", {
            "prov:type": "verify:Work", "prov:label": str(work.get("title", work_id))})
    publishers = sorted({e.provenance_dict()["publisher"] for e in manifest.entries
                         if e.provenance_dict().get("publisher")})
    for publisher in publishers:
        doc.agent(_publisher_id(publisher), {"prov:type": "prov:Organization",
                                             "prov:label": publisher})
    texts: set[str] = set()  # one canonical text may come from several sources
    for entry in manifest.entries:
        _add_entry(doc, entry, toolkit, texts, details or {})
    return doc


def _publisher_id(name: str) -> str:
    return f"agent:{quote(name, safe='')}"


def _add_entry(doc: Any, entry: Entry, toolkit: Any, texts: set[str],
               details: Mapping[str, dict[str, Any]]) -> None:
    key = quote(entry.path, safe="")
    provenance = entry.provenance_dict()
    attributes = {"prov:type": "verify:Source", "prov:label": entry.path,
                  "verify:format": entry.format, "verify:size": entry.size}
    if entry.raw_sha256:
        attributes["verify:raw_sha256"] = entry.raw_sha256
    attributes.update({f"verify:{k}": str(v) for k, v in sorted(provenance.items())
                       if k not in ("work", "publisher")})
    source = doc.entity(f"file:{key}", attributes)
    if provenance.get("publisher"):
        doc.wasAttributedTo(source, _publisher_id(str(provenance["publisher"])))
    if provenance.get("work"):
        doc.specializationOf(source, f"work:{quote(provenance['work'], safe='')}")
    ingest = doc.activity(f"ingest:{key}", other_attributes={
        "prov:type": "verify:Ingestion", "verify:extractor": str(entry.extractor),
        **({"verify:error": entry.error} if entry.error else {})})
    doc.used(ingest, source)
    doc.wasAssociatedWith(ingest, toolkit)
    if entry.text_sha256 is None:
        return
    extracted = doc.entity(f"extracted:{key}", {"prov:type": "verify:ExtractedText"})
    doc.wasGeneratedBy(extracted, ingest)
    normalise = doc.activity(f"normalise:{key}", other_attributes={
        "prov:type": "verify:Normalisation", "verify:profile": str(entry.profile),
        "verify:steps": " ".join(str(c["step"]) for c in details.get(entry.record_key or "", {})
                                 .get("changes", []))})
    doc.used(normalise, extracted)
    doc.wasAssociatedWith(normalise, toolkit)
    text = f"text:{entry.text_sha256.replace(':', '-')}"
    if text not in texts:
        texts.add(text)
        doc.entity(text, {"prov:type": "verify:CanonicalText",
                          "verify:text_sha256": entry.text_sha256})
    doc.wasGeneratedBy(text, normalise)
    doc.wasDerivedFrom(text, source, activity=normalise)


def export_prov(manifest: Manifest, name: str,
                details: Mapping[str, dict[str, Any]] | None = None) -> str:
    """PROV-JSON text, checked by reading it back with ``prov`` into an equal document."""
    from prov.model import ProvDocument

    document = prov_document(manifest, name, details)
    text: str = document.serialize(format="json", indent=2)
    if ProvDocument.deserialize(content=text, format="json") != document:
        raise ExportError("prov does not read the PROV-JSON back into the same document")
    return text
