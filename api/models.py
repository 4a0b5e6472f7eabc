"""Response models of the REST API: they give /docs and schemathesis the shapes the endpoints answer in."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Open(BaseModel):
    """A model that keeps fields it does not declare (the contract allows adding fields)."""

    model_config = ConfigDict(extra="allow")


class Authority(Open):
    """An English local authority."""

    authority: str
    name: str
    urn: str
    gss: str | None = None
    region: str | None = None
    documents: int


class Document(Open):
    """A document in the contract's shape (shared/spec/contract.md)."""

    document: str
    iri: str
    local_authority: str
    la_code: str | None = None
    document_type: str
    framework: str | None = None
    inspection_start: str | None = None
    inspection_end: str | None = None
    published: str | None = None
    lead_inspector: str | None = None
    inspectors: list[str]
    visit_ordinal: int | None = None
    judgements: dict[str, str]
    findings: int


class Finding(Open):
    """A finding in the contract's shape, with its location (page, character offsets)."""

    document: str
    text: str
    start: int
    end: int
    page: int | None = None
    kind: str
    polarity: str
    practice_areas: list[str]
    judgement_area: str | None = None
    teams: list[str]
    trajectory: str | None = None
    iri: str


class FindingPage(BaseModel):
    """One page of findings and the total that match the filters."""

    total: int
    offset: int
    limit: int
    items: list[Finding]


class Evidence(Open):
    """The sentence behind a finding, the text around it and where it is."""

    finding: str
    document: str
    file: str
    authority: str
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    start: int
    end: int
    page: int | None = None
    section: str | None = None
    related: list[dict[str, Any]]


class TimelineEntry(Open):
    """One graded judgement of one document."""

    document: str
    file: str
    date: str | None = None
    key: str
    grade: str
    rank: int | None = None


class PracticeArea(Open):
    """A practice area of the SKOS scheme."""

    area: str
    id: str
    label: str
    definition: str | None = None
    judgement_area: str | None = None
    findings: int


class Parameter(BaseModel):
    """A named query's parameter."""

    name: str
    description: str
    optional: bool
    kind: str


class NamedQueryInfo(BaseModel):
    """A named query: its name, title, description and parameters."""

    name: str
    title: str
    description: str
    parameters: list[Parameter]


class IngestAnswer(BaseModel):
    """What became of one uploaded file."""

    file: str
    ok: bool
    summary: str
    iri: str | None = None
    authority: str | None = None
    document_type: str | None = None
    findings: int = 0
    error: dict[str, Any] | None = None
