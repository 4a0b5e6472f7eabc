"""The IRI policy: stable, readable IRIs under a configurable base; re-ingesting yields the same triples."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.graph import Store
from inspectkg.graph.iri import Iris, slug
from inspectkg.ingest import ingest_paths
from inspectkg.ingest.pipeline import process_file
from inspectkg.settings import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"
NEWS = SAMPLE / "blackpool-2019-01-news-summary.txt"
BASE = "https://w3id.org/inspectkg/id/"


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (Iris(BASE).authority("80431"), BASE + "la/80431"),
        (
            Iris(BASE).team("80431", "Multi-Agency Safeguarding Hub (MASH)"),
            BASE + "la/80431/team/multi-agency-safeguarding-hub-mash",
        ),
        (Iris(BASE).inspector("Nick Stacey"), BASE + "inspector/nick-stacey"),
        (
            Iris(BASE).activity("80431", "monitoring_visit", "2019-12-16"),
            BASE + "activity/80431/monitoring_visit/2019-12-16",
        ),
        (Iris(BASE).document("80431", "inspection", "2018-11-26"), BASE + "doc/80431/inspection/2018-11-26"),
        (
            Iris(BASE).judgement(BASE + "doc/80431/inspection/2018-11-26", "overall_effectiveness"),
            BASE + "doc/80431/inspection/2018-11-26/judgement/overall_effectiveness",
        ),
        (
            Iris(BASE).finding(BASE + "doc/80431/inspection/2018-11-26", 10, 20),
            BASE + "doc/80431/inspection/2018-11-26/finding/10-20",
        ),
        (Iris(BASE).provenance(BASE + "doc/x/finding/1-2", "quote"), BASE + "doc/x/finding/1-2/quote"),
        (Iris(BASE).reference_graph, BASE + "graph/reference"),
        (Iris(BASE).links_graph("80431"), BASE + "graph/links/80431"),
        (
            Iris(BASE).link(
                "80431",
                BASE + "doc/80431/inspection/2018-11-26",
                BASE + "doc/80431/monitoring_visit/2019-12-16",
                "planning",
            ),
            BASE + "link/80431/inspection-2018-11-26/monitoring_visit-2019-12-16/planning",
        ),
        (Iris("https://example.org/kg").authority("80431"), "https://example.org/kg/la/80431"),
    ],
)
def test_iri_policy(made: str, expected: str) -> None:
    assert made == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Children’s Services", "childrens-services"), ("front door", "front-door"), ("!!", "x")],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize("path", [LETTER, NEWS])
def test_reprocessing_a_document_yields_identical_triples(path: Path) -> None:
    first, _ = process_file(path, Settings())
    second, _ = process_file(path, Settings())
    assert first.iri == second.iri
    assert {str(t) for t in first.triples} == {str(t) for t in second.triples}
    assert len(set(map(str, first.triples))) > 500


def test_reingesting_into_a_store_leaves_it_unchanged() -> None:
    store = Store(None)
    ingest_paths([LETTER, NEWS], store, Settings())
    before = {str(q) for q in store.raw}
    ingest_paths([NEWS, LETTER], store, Settings())
    assert {str(q) for q in store.raw} == before


def test_the_letters_iri_is_derived_from_urn_type_and_visit_date() -> None:
    mapped, _ = process_file(LETTER, Settings())
    assert mapped.iri == BASE + "doc/80431/monitoring_visit/2019-12-16"


def test_base_iri_is_configurable() -> None:
    settings = Settings(base_iri="https://example.org/ofsted/")
    store = Store(None)
    ingest_paths([LETTER], store, settings)
    subjects = {q.subject.value for q in store.raw if hasattr(q.subject, "value")}
    assert "https://example.org/ofsted/doc/80431/monitoring_visit/2019-12-16" in subjects
    assert not [s for s in subjects if s.startswith(BASE)]
    about = store.select("SELECT ?la ?urn WHERE { ?d ikg:about ?la . ?la ikg:ofstedURN ?urn }")
    assert about == [{"la": "https://example.org/ofsted/la/80431", "urn": "80431"}]
