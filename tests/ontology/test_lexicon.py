"""The Python view of the ontology: schemes, authorities and lexicon entries read from Turtle."""

from __future__ import annotations

import pytest

from inspectkg.ontology import (
    authorities,
    concept,
    concept_by_id,
    lexicon_patterns,
    lexicon_terms,
    notation,
    practice_areas,
    scheme,
    sparql_prefixes,
)
from inspectkg.ontology.terms import GEO, PREFIXES


def test_blackpool_is_keyed_by_its_ofsted_urn() -> None:
    blackpool = next(a for a in authorities() if a.name == "Blackpool")
    assert (blackpool.urn, blackpool.gss, blackpool.dfe, blackpool.region) == (
        "80431",
        "E06000009",
        "890",
        "North West",
    )
    assert blackpool.iri == "https://w3id.org/inspectkg/id/la/80431"


def test_authorities_follow_the_base_iri() -> None:
    iris = {a.iri for a in authorities("https://example.org/kg/")}
    assert "https://example.org/kg/la/80431" in iris


def test_statistical_geography_is_the_ons_iri() -> None:
    from inspectkg.ontology import IKG, ontology_graph

    g = ontology_graph()
    la = next(s for s in g.subjects(IKG.ofstedURN, None) if str(g.value(s, IKG.ofstedURN)) == "80431")
    assert g.value(la, IKG.statisticalGeography) == GEO.E06000009
    assert str(GEO.E06000009) == "http://statistics.data.gov.uk/id/statistical-geography/E06000009"


def test_practice_area_neglect() -> None:
    neglect = concept_by_id("PracticeAreas")["neglect"]
    assert (
        neglect.iri
        == concept("practice-area", "neglect")
        == "https://w3id.org/inspectkg/def/practice-area/neglect"
    )
    assert neglect.broader == "help-and-protection"
    assert "neglect" in neglect.cues
    assert len(practice_areas()) == 41


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("Grades", ["good", "inadequate", "outstanding", "requires_improvement"]),
        ("Polarities", ["concern", "mixed", "neutral", "strength"]),
        ("Kinds", ["context", "finding", "judgement", "recommendation"]),
        ("Trajectories", ["declined", "improved", "maintained", "new", "not_covered", "persisting"]),
        ("DocumentTypes", ["focused_visit", "inspection", "monitoring_visit", "news_summary", "other"]),
        ("JudgementAreas", ["care-leavers", "children-in-care", "help-and-protection", "leadership"]),
    ],
)
def test_scheme_notations(name: str, ids: list[str]) -> None:
    assert [c.id for c in scheme(name)] == ids


def test_judgement_keys_are_those_of_the_contract() -> None:
    assert sorted(concept_by_id("JudgementKeys")) == sorted(
        [
            "overall_effectiveness",
            "impact_of_leaders",
            "help_and_protection",
            "children_in_care_and_care_leavers",
            "children_in_care",
            "care_leavers",
            "children_looked_after",
            "adoption_performance",
            "leadership_management_governance",
            "lscb",
        ]
    )


def test_lexicon_entries_are_read_from_turtle() -> None:
    assert "team" in lexicon_terms("TeamHead")
    assert "What needs to improve" in lexicon_terms("RecommendationHeading")
    assert lexicon_patterns("ConcernCue")
    assert lexicon_terms("NoSuchEntry") == ()


def test_notation_and_prefixes() -> None:
    assert notation("https://w3id.org/inspectkg/def/grade/good") == "good"
    assert PREFIXES["pa"] == "https://w3id.org/inspectkg/def/practice-area/"
    assert "PREFIX ikg: <https://w3id.org/inspectkg/def#>\n" in sparql_prefixes()
