"""The IRI policy: readable, stable IRIs derived from Ofsted URN, document type, dates and offsets.

Everything lives under one base (Settings.base_iri, default https://w3id.org/inspectkg/id/):
    la/{urn}                                   a local authority
    la/{urn}/team/{slug}                       a team or post named in its documents
    inspector/{slug}                           an inspector
    activity/{urn}/{type}/{start}              an inspection or visit
    doc/{urn}/{type}/{date}                    a document; also the IRI of its named graph
    doc/.../judgement/{key}                    a judgement of the document
    doc/.../finding/{start}-{end}              a sentence, by its offsets in the extracted text
    doc/.../finding/{start}-{end}/annotation   its Web Annotation (and /target, /quote, /position)
    graph/reference                            ontology, schemes, local authorities
    graph/links/{urn}                          derived links between an authority's documents
    link/{urn}/{earlier}/{later}/{area}        a practice-area trajectory between two documents
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

    @property
    def reference_graph(self) -> str:
        return f"{self.base}graph/reference"

    def links_graph(self, urn: str) -> str:
        return f"{self.base}graph/links/{urn}"

    def link(self, urn: str, earlier: str, later: str, area: str) -> str:
        tail = lambda iri: iri.rsplit("/doc/", 1)[-1].split("/", 1)[-1].replace("/", "-")  # noqa: E731
        return f"{self.base}link/{urn}/{tail(earlier)}/{tail(later)}/{area}"
