"""Network analysis over the sample corpus, checked against counts made from the exported findings."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg.cli import cli
from inspectkg.graph import Store, analysis
from inspectkg.graph.export import findings, persistence


def concern_rows(store: Store) -> list[dict]:
    return [r for r in findings(store) if r["polarity"] in {"concern", "mixed"} and r["kind"] != "context"]


def test_cooccurrence_counts_concerns_naming_both_areas(sample_store: Store) -> None:
    expected = Counter(
        pair for r in concern_rows(sample_store) for pair in combinations(sorted(r["practice_areas"]), 2)
    )
    graph = analysis.cooccurrence_graph(sample_store)
    assert {tuple(sorted((a, b))): d["weight"] for a, b, d in graph.edges(data=True)} == dict(expected)
    per_area = Counter(a for r in concern_rows(sample_store) for a in r["practice_areas"])
    assert {n: d["concerns"] for n, d in graph.nodes(data=True)} == dict(per_area)


def test_cooccurrence_rows_are_strongest_first(sample_store: Store) -> None:
    rows = analysis.cooccurrence(sample_store, "Blackpool")
    weights = [r["findings"] for r in rows]
    assert weights == sorted(weights, reverse=True)
    assert all(0 < r["jaccard"] <= 1 for r in rows)


def test_chains_follow_persisting_links_in_date_order(sample_store: Store) -> None:
    links = {
        (p["earlier"], p["later"], e["practice_area"])
        for p in persistence(sample_store)["pairs"]
        for e in p["persisting"]
    }
    rows = analysis.chains(sample_store)
    for r in rows:
        steps = list(zip(r["documents"], r["documents"][1:], strict=False))
        assert all((a, b, r["area"]) in links for a, b in steps), r
    # Every persisting link lies on some chain.
    covered = {
        (a, b, r["area"]) for r in rows for a, b in zip(r["documents"], r["documents"][1:], strict=False)
    }
    assert covered == links
    assert rows[0]["length"] == max(r["length"] for r in rows)


def test_centrality_ranks_areas_and_teams(sample_store: Store) -> None:
    rows = analysis.centrality(sample_store)
    assert {r["kind"] for r in rows} == {"area", "team"}
    betweenness = [r["betweenness"] for r in rows]
    assert betweenness == sorted(betweenness, reverse=True)
    teams = {t for r in findings(sample_store) if r["practice_areas"] for t in r["teams"]}
    assert {r["name"] for r in rows if r["kind"] == "team"} == teams


def test_persistence_counts_for_the_national_view(sample_store: Store) -> None:
    pairs = persistence(sample_store)["pairs"]
    counts = analysis.persistence_counts(sample_store)
    assert {a: c["persisting"] for a, c in counts.items() if c["persisting"]} == dict(
        Counter(e["practice_area"] for p in pairs for e in p["persisting"])
    )
    assert {a: c["improved"] for a, c in counts.items() if c["improved"]} == dict(
        Counter(e["practice_area"] for p in pairs for e in p["improved"])
    )


@pytest.fixture(scope="module")
def disk_store(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus copied into an on-disk store, for the CLI."""
    path = tmp_path_factory.mktemp("cli") / "s"
    store = Store(path)
    sample_store.copy_to(store)
    store.close()
    return path


@pytest.mark.parametrize(
    ("name", "first_key"), [("co-occurrence", "area1"), ("chains", "authority"), ("centrality", "kind")]
)
def test_analyse_command(disk_store: Path, name: str, first_key: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["analyse", name, "--la", "Blackpool", "--top", "3", "--format", "json", "--store", str(disk_store)],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and next(iter(rows[0])) == first_key
