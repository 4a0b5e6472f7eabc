"""Cross-visit linking: the persistence rule on hand-made evidence, the sample corpus and the gold labels."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from inspectkg.graph import Store, export, linking
from inspectkg.graph.export import computed_persistence, persistence, persistence_json
from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import (
    Sentence,
    area_evidence,
    authorities_in_store,
    compare,
    document_pairs,
    ensure_current,
    links_of,
)
from inspectkg.graph.queries import run_named_query
from inspectkg.ingest.pipeline import expand_paths, ingest_paths, process_file
from inspectkg.ontology import IKG
from inspectkg.settings import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
GOLD = SHARED / "gold"


def s(iri: str, polarity: str, trajectory: str | None = None, kind: str = "finding") -> Sentence:
    return Sentence(iri, kind, polarity, ("planning",), trajectory)


EARLIER_CONCERN = [s("e1", "concern")]


@pytest.mark.parametrize(
    ("later", "is_visit", "status"),
    [
        ([s("l1", "concern")], True, "persisting"),
        ([s("l1", "mixed")], True, "persisting"),
        ([s("l1", "strength")], True, "improved"),
        ([s("l1", "strength", "maintained")], True, "improved"),
        # Cues of improvement that outnumber the residual concern decide for "improved"...
        (
            [s("l1", "concern"), s("l2", "strength", "improved"), s("l3", "strength", "improved")],
            True,
            "improved",
        ),
        # ...unless the concern says itself that it persists (it weighs double).
        (
            [
                s("l1", "concern", "persisting"),
                s("l2", "strength", "improved"),
                s("l3", "strength", "improved"),
            ],
            True,
            "persisting",
        ),
        # A newly introduced arrangement says nothing yet about the earlier concern.
        ([s("l1", "strength", "new")], True, "not_covered"),
        ([], True, "not_covered"),
        ([s("l1", "neutral", kind="context")], True, "not_covered"),
        # An inspection covers every area: silence on an earlier concern is no evidence either way.
        ([], False, None),
    ],
)
def test_status_of_an_earlier_concern(later: list[Sentence], is_visit: bool, status: str | None) -> None:
    links = compare(area_evidence(EARLIER_CONCERN), area_evidence(later), is_visit)
    assert [link.status for link in links] == ([status] if status else [])


def test_a_later_concern_without_an_earlier_one_is_new() -> None:
    links = compare(area_evidence([s("e1", "strength")]), area_evidence([s("l1", "concern")]), True)
    assert [(link.status, link.earlier, link.later) for link in links] == [("new", (), ("l1",))]


def test_links_keep_the_evidence_and_the_recommendations_answered() -> None:
    earlier = [s("e1", "concern"), s("r1", "concern", kind="recommendation"), s("e2", "strength")]
    later = [s("l1", "concern"), s("l2", "strength")]
    (link,) = compare(area_evidence(earlier), area_evidence(later), True)
    assert (link.status, link.earlier, link.later, link.recommendations) == (
        "persisting",
        ("e1", "r1"),
        ("l1",),
        ("r1",),
    )


def test_document_pairs_follow_the_visits_of_each_inspection() -> None:
    docs = [
        {"doc": "i2", "type": "inspection", "date": "2023-01-01"},
        {"doc": "i1", "type": "inspection", "date": "2019-01-01"},
        {"doc": "m1", "type": "monitoring_visit", "date": "2019-06-01"},
        {"doc": "n1", "type": "news_summary", "date": "2019-02-01"},
        {"doc": "m2", "type": "monitoring_visit", "date": "2023-06-01"},
    ]
    pairs = [(a["doc"], b["doc"]) for a, b in document_pairs(docs)]
    assert pairs == [("i1", "m1"), ("i1", "i2"), ("i2", "m2")]


def test_the_sample_corpus_pairs(sample_store: Store) -> None:
    pairs = [(p["earlier"], p["later"]) for p in persistence(sample_store)["pairs"]]
    assert pairs == [
        ("blackpool-2014-09-08.pdf", "blackpool-2019-01-17.pdf"),
        ("blackpool-2019-01-17.pdf", "blackpool-2019-12-monitoring-letter.txt"),
        ("blackpool-2019-01-17.pdf", "blackpool-2023-02-01.pdf"),
        ("blackpool-2023-02-01.pdf", "blackpool-2026-07-28.pdf"),
    ]


def test_persistence_keeps_the_contract_shape(sample_store: Store) -> None:
    pair = persistence(sample_store, "Blackpool")["pairs"][1]
    shape = {
        "local_authority": str,
        "earlier": str,
        "later": str,
        "persisting": list,
        "improved": list,
        "new": list,
        "not_covered": list,
    }
    assert {k: type(pair[k]) for k in shape} == shape
    entry = pair["persisting"][0]
    assert set(entry) == {"practice_area", "earlier_findings", "later_findings"}
    assert set(pair["not_covered"][0]) == {"practice_area", "earlier_findings"}
    found = {r["f"] for r in sample_store.select("SELECT ?f WHERE { ?f a ikg:Finding }")}
    assert set(entry["earlier_findings"] + entry["later_findings"]) <= found


def test_a_visit_does_not_speak_to_areas_it_did_not_look_at(sample_store: Store) -> None:
    pair = persistence(sample_store, "Blackpool")["pairs"][1]
    later_areas = {
        r["a"]
        for r in sample_store.select("""
        SELECT DISTINCT ?a WHERE {
          ?f ikg:inDocument/ikg:fileName 'blackpool-2019-12-monitoring-letter.txt' ;
             ikg:kind ?k ; ikg:polarity ?p ; ikg:practiceArea/skos:notation ?a
          OPTIONAL { ?f ikg:trajectory ?t }
          FILTER(?k != kd:context && ?p != pol:neutral)
          FILTER(!(?p = pol:strength && COALESCE(?t = tr:new, false)))
        }""")
    }
    assert {e["practice_area"] for e in pair["not_covered"]}.isdisjoint(later_areas)


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/gold")
def test_the_rule_on_gold_labels_meets_the_targets() -> None:
    """Perfect extraction as input (design.md's calibration): the rule alone, without extraction error."""
    gold = json.loads((GOLD / "persistence-blackpool-2019.json").read_text(encoding="utf-8"))

    def sentences(name: str) -> list[Sentence]:
        rows = [
            json.loads(line)
            for line in (GOLD / (Path(name).stem + ".jsonl")).read_text().splitlines()
            if line
        ]
        return [
            Sentence(r["text"], r["kind"], r["polarity"], tuple(r["practice_areas"]), r["trajectory"])
            for r in rows
        ]

    links = compare(area_evidence(sentences(gold["earlier"])), area_evidence(sentences(gold["later"])), True)
    got = {
        status: {x.area for x in links if x.status == status} for status in ("persisting", "improved", "new")
    }
    expected = {
        "persisting": {e["practice_area"] for e in gold["persisting"] + gold["mixed"]},
        "improved": {e["practice_area"] for e in gold["improved"]},
        "new": set(),
    }
    assert got["improved"] == expected["improved"]
    assert got["new"] == expected["new"]
    # One extra: "resources", where the visit weighs one improvement against one concern.
    assert got["persisting"] - expected["persisting"] == {"resources"}
    assert expected["persisting"] <= got["persisting"]


def test_links_from_the_findings_ingest_holds_equal_links_read_back_from_the_store(
    sample_store: Store, settings: Settings
) -> None:
    """Ingest links from the classifications it holds; the store's findings give the same links."""
    iris = Iris(settings.base_iri)
    held = {}
    for path in expand_paths([SAMPLE]):
        mapped, _ = process_file(path, settings)
        held[mapped.iri] = mapped.findings
    (urn,) = authorities_in_store(sample_store)
    from_store = links_of(sample_store, iris, urn)
    assert len(from_store) > 20
    assert links_of(sample_store, iris, urn, held) == from_store
    # A document the caller does not hold: the authority's findings are read from the store.
    partial = dict(list(held.items())[1:])
    assert links_of(sample_store, iris, urn, partial) == from_store
    # A document still loading (held, not yet in the store) beside documents that are stored: its
    # findings are the held ones, not the store's (which has none of them yet).
    loading = Counter(doc for earlier, later, _ in from_store for doc in (earlier, later)).most_common(1)[0][
        0
    ]
    store = Store(None)
    sample_store.copy_to(store)
    store.drop_graph(loading)
    assert links_of(store, iris, urn, {loading: held[loading]}) == from_store


def test_the_stored_persistence_answer_is_the_persistence_read_from_the_links(
    sample_store: Store, settings: Settings
) -> None:
    """Linking stores each authority's answer; read from the links themselves it is the same."""
    (urn,) = authorities_in_store(sample_store)
    answers = run_named_query(sample_store, "persistence-answers", {})
    assert [r["authority"] for r in answers] == ["Blackpool"]
    stored = persistence(sample_store, "Blackpool")
    assert len(stored["pairs"]) >= 3
    links = {"links": Iris(settings.base_iri).links_graph(urn)}
    assert stored == computed_persistence(sample_store, links)
    assert persistence(sample_store) == computed_persistence(sample_store, {}) == stored
    # As JSON text (what the API sends), the stored answers joined as they are.
    assert json.loads(persistence_json(sample_store, "Blackpool")) == stored
    assert json.loads(persistence_json(sample_store)) == stored


def test_persistence_of_a_store_linked_before_answers_were_stored_is_read_from_its_links(
    sample_store: Store,
) -> None:
    older = Store(None)
    older.load_nquads(sample_store.raw.dump(format=ox.RdfFormat.N_QUADS))
    older.update(f"DELETE WHERE {{ GRAPH ?g {{ ?la <{IKG.persistenceAnswer}> ?answer }} }}")
    assert not run_named_query(older, "persistence-answers", {})
    expected = persistence(sample_store, "Blackpool")
    assert persistence(older, "Blackpool") == expected
    assert json.loads(persistence_json(older, "Blackpool")) == expected
    assert json.loads(persistence_json(older)) == expected


def test_a_store_of_another_ontology_version_is_linked_again(
    sample_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What linking derives follows the ontology: a store written under another version (here, one
    with no tallies and another reference checksum) gets the reference graph and its links anew."""
    older = Store(None)
    older.load_nquads(sample_store.raw.dump(format=ox.RdfFormat.N_QUADS))
    older.update(f"DELETE WHERE {{ GRAPH ?g {{ ?tally <{IKG.tallyOf}> ?la ; ?p ?o }} }}")
    older.update(f"DELETE WHERE {{ GRAPH ?g {{ ?graph <{IKG.referenceChecksum}> ?checksum }} }}")
    assert run_named_query(older, "area-concerns") == []

    def cut_short(*_: object) -> int:
        raise KeyboardInterrupt

    # A relink cut short leaves the reference graph unmarked: the next open relinks again.
    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(linking, "relink_many", cut_short)
        ensure_current(older, Iris(settings.base_iri))
    assert run_named_query(older, "area-concerns") == []
    ensure_current(older, Iris(settings.base_iri))
    for name in ("area-concerns", "area-cooccurrence", "persisting-national"):
        assert run_named_query(older, name) == run_named_query(sample_store, name) != []
    assert len(older) == len(sample_store)


def test_every_links_graph_holds_its_answer_even_with_no_pair(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An authority with one document has tallies and no pair: its answer is an empty list, so the
    national persistence is read from the stored answers, not computed from every link."""
    store = Store(None)
    ingest_paths([SAMPLE / "blackpool-2019-12-monitoring-letter.txt"], store, settings)
    assert [json.loads(r["answer"]) for r in run_named_query(store, "persistence-answers")] == [[]]

    def computed(*_: object) -> dict[str, object]:
        raise AssertionError("persistence computed from the links, not read from the answers")

    monkeypatch.setattr(export, "computed_persistence", computed)
    assert persistence(store) == {"pairs": []}
    assert json.loads(persistence_json(store)) == {"pairs": []}
