"""The IRI policy: readable, stable IRIs derived from Ofsted URN, document type, dates and offsets.

Everything lives under one base, Settings.base_iri (env INSPECTKG_BASE_IRI; default
https://w3id.org/inspectkg/id/; a missing trailing slash is added):
    la/{urn}                                   a local authority (Ofsted URN, stable across reorganisations)
    la/{urn}/team/{slug}                       a team or post named in its documents
    inspector/{slug}                           an inspector, by name
    activity/{urn}/{type}/{key}                an inspection or visit
    doc/{urn}/{type}/{key}                     a document; also the IRI of its named graph
    doc/.../judgement/{jkey}                   a judgement of the document (jkey of contract.md)
    doc/.../finding/{start}-{end}              a sentence, by its offsets in the extracted text
    doc/.../finding/{start}-{end}/annotation   its Web Annotation (and /target, /quote, /position), on export
    graph/reference                            ontology, schemes, local authorities
    graph/links/{urn}                          derived links between an authority's documents
    link/{urn}/{etype}-{ekey}/{ltype}-{lkey}/{area}  a practice-area trajectory between two documents
{type} is a document-type notation (inspection, monitoring_visit, ...); {key} is the visit's first
day (YYYY-MM-DD), else the publication date, else "sha-" and 16 hex digits of the file's SHA-256
(ingest.rdfmap.document_key). No part depends on the time of ingest or on the order of files, so
re-ingesting a document yields the same IRIs and the same triples (tests/graph/test_iri.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: a readable, stable path segment."""
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


@dataclass(frozen=True)
class Iris:
    """Builds every IRI of the graph under one base."""

    base: str

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def authority(self, urn: str) -> str:
        return f"{self.base}la/{urn}"

    def team(self, urn: str, name: str) -> str:
        return f"{self.base}la/{urn}/team/{slug(name)}"

    def inspector(self, name: str) -> str:
        return f"{self.base}inspector/{slug(name)}"

    def activity(self, urn: str, doc_type: str, key: str) -> str:
        return f"{self.base}activity/{urn}/{doc_type}/{key}"

    def document(self, urn: str, doc_type: str, key: str) -> str:
        return f"{self.base}doc/{urn}/{doc_type}/{key}"

    def judgement(self, doc: str, key: str) -> str:
        return f"{doc}/judgement/{key}"

    def finding(self, doc: str, start: int, end: int) -> str:
        return f"{doc}/finding/{start}-{end}"

    @staticmethod
    def provenance(finding: str, part: str) -> str:
        """The finding's Web Annotation and its parts: part is annotation, target, quote or position
        (built on export, graph/annotations.py)."""
        return f"{finding}/{part}"

    @property
    def reference_graph(self) -> str:
        return f"{self.base}graph/reference"

    def links_graph(self, urn: str) -> str:
        return f"{self.base}graph/links/{urn}"

    @staticmethod
    def links_graph_of(authority: str) -> str:
        """The derived links graph of an authority, from the authority's own IRI (same base)."""
        base, _, urn = authority.rpartition("/la/")
        return f"{base}/graph/links/{urn}"

    @staticmethod
    def is_links_graph(graph: str) -> bool:
        """Whether a graph IRI is an authority's derived links graph (any base)."""
        return graph.rpartition("/")[0].endswith("/graph/links")

    def link(self, urn: str, earlier: str, later: str, area: str) -> str:
        return f"{self.base}link/{urn}/{self._doc_tail(earlier)}/{self._doc_tail(later)}/{area}"

    def tally(self, urn: str, *areas: str) -> str:
        """An authority's tally of one practice area, or of two (their co-occurrence)."""
        return f"{self.base}tally/{urn}/{'/'.join(areas)}"

    def _doc_tail(self, doc: str) -> str:
        """{type}-{key} of a document IRI built by `document`."""
        return doc.rsplit("/doc/", 1)[-1].split("/", 1)[-1].replace("/", "-")
