"""The contract exports over the sample corpus."""

from __future__ import annotations

import pytest

from inspectkg.errors import NotFound
from inspectkg.graph import Store
from inspectkg.graph.export import documents, findings

CONTRACT_KEYS = {
    "document",
    "text",
    "start",
    "end",
    "kind",
    "polarity",
    "practice_areas",
    "judgement_area",
    "teams",
    "trajectory",
    "iri",
}


def test_every_finding_quote_is_the_text_at_its_offsets(sample_store: Store) -> None:
    texts = {
        r["document"]: r["text"]
        for r in sample_store.select(
            "SELECT ?document ?text WHERE { ?d ikg:fileName ?document ; ikg:extractedText ?text }"
        )
    }
    rows = list(findings(sample_store))
    assert {r["document"] for r in rows} == set(texts)
    bad = [r for r in rows if texts[r["document"]][r["start"] : r["end"]] != r["text"]]
    assert bad == []


def test_findings_carry_the_contract_fields(sample_store: Store) -> None:
    row = next(iter(findings(sample_store)))
    assert set(row) >= CONTRACT_KEYS


def test_documents_of_the_sample_are_blackpools(sample_store: Store) -> None:
    docs = list(documents(sample_store))
    assert sorted(d["document"] for d in docs) == [
        "blackpool-2014-09-08.pdf",
        "blackpool-2019-01-17.pdf",
        "blackpool-2019-01-news-summary.txt",
        "blackpool-2019-12-monitoring-letter.txt",
        "blackpool-2023-02-01.pdf",
        "blackpool-2026-07-28.pdf",
    ]
    assert {d["la_code"] for d in docs} == {"E06000009"}


def test_findings_of_an_authority_named_in_any_case_are_its_findings(sample_store: Store) -> None:
    everything = list(findings(sample_store))
    theirs = list(findings(sample_store, {"la": "BLACKPOOL"}))
    assert [r["iri"] for r in theirs] == [r["iri"] for r in everything if r["local_authority"] == "Blackpool"]
    with pytest.raises(NotFound, match=r"Atlantis.*parameter la"):
        list(findings(sample_store, {"la": "Atlantis"}))
    by_code = list(findings(sample_store, {"la": "E06000009"}))
    assert [r["iri"] for r in by_code] == [r["iri"] for r in theirs]
