"""Named queries: every .rq file runs on the sample corpus, and each answers what its header says."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from inspectkg.errors import MissingParameter, NotFound, UnknownQuery
from inspectkg.graph import Store, get_query, registry, run_named_query
from inspectkg.graph.export import documents, findings, persistence
from inspectkg.graph.queries import resolve_authority
from inspectkg.ontology import IKG

OTHERS = ("cq-", "api-", "viz-")
LINKED = "SELECT ?f WHERE { ?f ikg:answers ?r ; ikg:continues ?c } ORDER BY ?f LIMIT 1"


@pytest.fixture(scope="module")
def linked_finding(sample_store: Store) -> str:
    return str(sample_store.select(LINKED)[0]["f"])


@pytest.mark.parametrize("name", sorted(registry()))
def test_every_named_query_runs_and_answers(name: str, sample_store: Store, linked_finding: str) -> None:
    query = get_query(name)
    assert query.title != name and query.description
    params = {
        p.name: linked_finding if p.kind == "iri" else "Blackpool" for p in query.parameters if not p.optional
    }
    rows = run_named_query(sample_store, name, params)
    # The cq-, api- and viz- queries belong to (and are checked by) the ontology, API and viz tests.
    if not name.startswith(OTHERS):
        assert rows, f"{name} answered nothing on the sample corpus"


def test_findings_filters_agree_with_the_export(sample_store: Store) -> None:
    everything = list(findings(sample_store))
    for params, keep in [
        ({"area": "neglect"}, lambda r: "neglect" in r["practice_areas"]),
        ({"team": "mash"}, lambda r: any("mash" in t.lower() for t in r["teams"])),
        (
            {"polarity": "mixed", "kind": "finding"},
            lambda r: r["polarity"] == "mixed" and r["kind"] == "finding",
        ),
    ]:
        assert [r["iri"] for r in findings(sample_store, params)] == [r["iri"] for r in everything if keep(r)]


def test_findings_by_date_range(sample_store: Store) -> None:
    rows = run_named_query(sample_store, "findings", {"from": "2019-01-01", "to": "2020-12-31"})
    dated = {d["document"]: d["inspection_start"] or d["published"] for d in documents(sample_store)}
    expected = {f for f, date in dated.items() if date and "2019-01-01" <= date <= "2020-12-31"}
    assert "blackpool-2019-12-monitoring-letter.txt" in expected
    assert {r["file"] for r in rows} == expected


def test_findings_come_once_each_in_document_order(sample_store: Store) -> None:
    rows = run_named_query(sample_store, "findings")
    assert len({r["finding"] for r in rows}) == len(rows)
    files = [r["file"] for r in rows]
    assert files == sorted(files)


def test_persisting_improved_and_new_agree_with_the_persistence_export(sample_store: Store) -> None:
    pairs = persistence(sample_store, "Blackpool")["pairs"]
    for status, name in [("persisting", "persisting"), ("improved", "improved")]:
        expected = sorted(
            (p["later"], e["practice_area"], len(e["earlier_findings"]), len(e["later_findings"]))
            for p in pairs
            for e in p[status]
        )
        got = sorted(
            (r["later_file"], r["area"], r["earlier_findings"], r["later_findings"])
            for r in run_named_query(sample_store, name, {"la": "Blackpool"})
        )
        assert got == expected
    new = sorted(
        (p["later"], e["practice_area"], f) for p in pairs for e in p["new"] for f in e["later_findings"]
    )
    rows = run_named_query(sample_store, "new-concerns", {"la": "Blackpool"})
    assert sorted((r["later_file"], r["area"], r["finding"]) for r in rows) == new


def test_national_persistence_counts_pairs_per_area(sample_store: Store) -> None:
    pairs = persistence(sample_store)["pairs"]
    for status in ("persisting", "improved", "new", "not_covered"):
        expected = Counter(e["practice_area"] for p in pairs for e in p[status])
        rows = run_named_query(sample_store, "persisting-national", {"status": status})
        assert {r["area"]: r["pairs"] for r in rows} == dict(expected), status
        assert {r["authorities"] for r in rows} == {1}
    assert run_named_query(sample_store, "persisting-national") == run_named_query(
        sample_store, "persisting-national", {"status": "persisting"}
    )


# What the tallies of area-concerns and area-cooccurrence add up, counted from the findings themselves.
CONCERNS_COUNTED = """
SELECT ?area (COUNT(DISTINCT ?finding) AS ?n) WHERE {
  ?finding ikg:polarity ?polarity ; ikg:practiceArea ?area_iri . ?area_iri skos:notation ?area .
  VALUES ?polarity { pol:concern pol:mixed }
} GROUP BY ?area
"""
PAIRS_COUNTED = """
SELECT ?area1 ?area2 (COUNT(DISTINCT ?finding) AS ?n) WHERE {
  ?finding ikg:polarity ?polarity ; ikg:practiceArea ?a1, ?a2 . FILTER(STR(?a1) < STR(?a2))
  ?a1 skos:notation ?area1 . ?a2 skos:notation ?area2 .
  VALUES ?polarity { pol:concern pol:mixed }
} GROUP BY ?area1 ?area2
"""


def test_the_national_counts_of_the_tallies_are_those_of_the_findings(sample_store: Store) -> None:
    concerns = {r["area"]: r["n"] for r in sample_store.select(CONCERNS_COUNTED)}
    rows = run_named_query(sample_store, "area-concerns")
    assert len(concerns) > 20
    assert {r["area"]: r["concerns"] for r in rows} == concerns
    assert {r["authorities"] for r in rows} == {1}
    assert [r["concerns"] for r in rows] == sorted((r["concerns"] for r in rows), reverse=True)
    together = {(r["area1"], r["area2"]): r["n"] for r in sample_store.select(PAIRS_COUNTED)}
    assert len(together) > 50
    rows = run_named_query(sample_store, "area-cooccurrence")
    assert {(r["area1"], r["area2"]): r["findings"] for r in rows} == together
    assert run_named_query(sample_store, "area-concerns", {"la": "Newham"}) == []


def test_a_parameter_narrows_by_authority(sample_store: Store) -> None:
    assert run_named_query(sample_store, "persisting", {"la": "Newham"}) == []
    assert run_named_query(sample_store, "area-teams", {"la": "Newham"}) == []


def test_an_authority_is_named_by_name_code_urn_or_iri(sample_store: Store) -> None:
    (row,) = run_named_query(sample_store, "api-authorities", {"la": "Blackpool"})
    for given in ("blackpool", " BLACKPOOL ", row["gss"], row["urn"], row["authority"]):
        assert resolve_authority(sample_store, given).value == row["authority"], given
    with pytest.raises(NotFound, match="'Atlantis' \\(parameter la\\)"):
        run_named_query(sample_store, "persisting", {"la": "Atlantis"})


def test_every_authority_parameter_narrows_to_that_authority(sample_store: Store) -> None:
    for query in registry().values():
        if not any(p.kind == "authority" for p in query.parameters) or query.name.startswith(
            ("area-", "api-")
        ):
            continue
        rows = run_named_query(sample_store, query.name, {"la": "E06000009"})
        assert {r["authority"] for r in rows if "authority" in r} <= {"Blackpool"}, query.name


def test_evidence_shows_the_sentence_and_its_links(sample_store: Store, linked_finding: str) -> None:
    rows = run_named_query(sample_store, "evidence", {"finding": linked_finding})
    relations = Counter(r["relation"] for r in rows)
    assert relations["self"] == 1
    assert relations["continues"] >= 1 and relations["answers"] >= 1
    (me,) = [r for r in rows if r["relation"] == "self"]
    text = sample_store.select(f"SELECT ?t WHERE {{ <{linked_finding}> ikg:text ?t }}")[0]["t"]
    assert me["text"] == text


def test_recommendations_carry_their_later_evidence(sample_store: Store) -> None:
    rows = run_named_query(sample_store, "recommendations", {"la": "Blackpool"})
    answered = [r for r in rows if r["later_finding"]]
    answers = sample_store.select("SELECT ?f ?r WHERE { ?f ikg:answers ?r }")
    assert {(r["later_finding"], r["recommendation"]) for r in answered} == {
        (a["f"], a["r"]) for a in answers
    }
    assert {r["status"] for r in answered} <= {"persisting", "improved"}


def test_a_required_parameter_is_required(sample_store: Store) -> None:
    with pytest.raises(MissingParameter):
        run_named_query(sample_store, "evidence")


def test_an_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(UnknownQuery, match="persisting-national"):
        get_query("nope")


def test_a_recommendation_improved_on_outside_its_areas_has_no_area(sample_store: Store) -> None:
    """A later finding that improves on a recommendation but shares none of its practice areas gives
    one row with no area (not one row per concept of every scheme)."""
    store = Store(None)
    store.load_nquads(sample_store.raw.dump(format=ox.RdfFormat.N_QUADS))
    (pair,) = store.select(
        "SELECT ?rec ?ev ?g WHERE { ?rec a ikg:Recommendation ; ikg:inDocument ?d . "
        "?d ikg:documentType dt:inspection . GRAPH ?g { ?ev ikg:kind ?kind ; ikg:inDocument ?later } "
        "FILTER(?later != ?d) FILTER NOT EXISTS { ?rec ikg:practiceArea ?a . ?ev ikg:practiceArea ?a } "
        "} ORDER BY ?rec ?ev LIMIT 1"
    )
    store.update(
        f"INSERT DATA {{ GRAPH <{pair['g']}> {{ <{pair['ev']}> <{IKG.improvesOn}> <{pair['rec']}> }} }}"
    )
    rows = [
        r
        for r in run_named_query(store, "cq-recommendations-improved", {"la": "Blackpool"})
        if (r["recommendation"], r["evidence"]) == (pair["rec"], pair["ev"])
    ]
    assert len(rows) == 1
    assert rows[0]["area"] is None
