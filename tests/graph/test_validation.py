"""SHACL validation of the store: the sample corpus conforms, a broken copy yields the expected violations."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from inspectkg.cli import cli
from inspectkg.graph import Store
from inspectkg.graph.iri import Iris
from inspectkg.graph.validation import ValidationReport, Violation, compact, validate_store
from inspectkg.ontology import sparql_prefixes
from inspectkg.settings import Settings

LETTER = (
    Path(__file__).resolve().parents[2] / "examples" / "blackpool" / "blackpool-2019-12-monitoring-letter.txt"
)
IRIS = Iris(Settings().base_iri)
DOC = IRIS.document("80431", "monitoring_visit", "2019-12-16")
FINDING = IRIS.finding(DOC, 0, 0)


@pytest.fixture(scope="module")
def sample_report(sample_store: Store) -> ValidationReport:
    return validate_store(sample_store)


@pytest.mark.slow
def test_sample_corpus_conforms(sample_report: ValidationReport) -> None:
    assert [v.line() for v in sample_report.violations] == []
    assert sample_report.conforms
    # Six documents, the reference graph and Blackpool's links graph.
    assert sample_report.graphs == 8


@pytest.mark.slow
def test_report_text_ends_with_a_summary(sample_report: ValidationReport) -> None:
    last = sample_report.text.splitlines()[-1]
    assert last.startswith("conforms: 8 named graph(s), ")
    assert last.endswith(" s")


def copy_of_letter(sample_store: Store) -> Store:
    """A fresh store holding the monitoring letter's graph, Blackpool's links and the reference graph."""
    store = Store(None)
    for graph in (DOC, IRIS.reference_graph, IRIS.links_graph("80431")):
        store.raw.extend(sample_store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    return store


def update(store: Store, sparql: str) -> None:
    store.update(sparql_prefixes() + sparql)


def first_finding(store: Store) -> str:
    rows = store.select(f"SELECT ?f WHERE {{ GRAPH <{DOC}> {{ ?f ikg:order 0 }} }}")
    return str(rows[0]["f"])


def test_copy_of_one_document_conforms(sample_store: Store) -> None:
    store = copy_of_letter(sample_store)
    assert validate_store(store, [DOC]).violations == ()


BREAKS = [
    # (SPARQL update on the letter's first finding ?f, [(path, words of the message) per violation])
    (
        "DELETE { GRAPH ?g { ?f ikg:kind ?k } } WHERE { GRAPH ?g { ?f ikg:kind ?k } }",
        [("ikg:kind", "Less than 1 values")],
    ),
    (
        "DELETE { GRAPH ?g { ?f ikg:polarity ?p } } INSERT { GRAPH ?g { ?f ikg:polarity gr:good } } "
        "WHERE { GRAPH ?g { ?f ikg:polarity ?p } }",
        [("ikg:polarity", "not in")],
    ),
    (
        "INSERT { GRAPH ?g { ?f ikg:start 1 } } WHERE { GRAPH ?g { ?f ikg:start ?s } }",
        # Two starts give the Web Annotation built from them two prefixes and two start offsets.
        [
            ("ikg:start", "More than 1 values"),
            ("oa:prefix", "More than 1 values"),
            ("oa:start", "More than 1 values"),
        ],
    ),
    (
        "DELETE { GRAPH ?g { ?f ikg:page ?p } } INSERT { GRAPH ?g { ?f ikg:page 1.5 } } "
        "WHERE { GRAPH ?g { ?f ikg:page ?p } }",
        [("ikg:page", "datatype xsd:integer")],
    ),
    (
        "INSERT { GRAPH ?g { ?f ikg:end 0 } } WHERE { GRAPH ?g { ?f ikg:end ?e } }",
        [
            ("ikg:end", "More than 1 values"),
            ("ikg:start", "<"),
            ("oa:end", "More than 1 values"),
            ("oa:start", "<"),
            ("oa:suffix", "More than 1 values"),
        ],
    ),
    (
        # The Web Annotation is built from the finding's document, text and offsets: with no document,
        # the finding has none.
        "DELETE { GRAPH ?g { ?f ikg:inDocument ?d } } WHERE { GRAPH ?g { ?f ikg:inDocument ?d } }",
        [("", "exactly one Web Annotation"), ("ikg:inDocument", "Less than 1 values")],
    ),
    (
        "INSERT { GRAPH ?g { ?f ikg:practiceArea pol:concern } } WHERE { GRAPH ?g { ?f ikg:kind ?k } }",
        [
            ("skos:inScheme", "not a concept of the practice-area scheme"),
            ("skos:broader", "Less than 1 values"),
            ("skos:definition", "Less than 1 values"),
        ],
    ),
]


@pytest.mark.parametrize(("sparql", "expected"), BREAKS)
def test_broken_finding_yields_the_violations(
    sample_store: Store, sparql: str, expected: list[tuple[str, str]]
) -> None:
    store = copy_of_letter(sample_store)
    update(store, sparql.replace("?f", f"<{first_finding(store)}>"))
    violations = validate_store(store, [DOC]).violations
    got = sorted((compact(v.path), v.message) for v in violations)
    assert len(got) == len(expected), [v.line() for v in violations]
    for (path, message), (want_path, words) in zip(got, sorted(expected), strict=True):
        assert path == want_path and words in message, (path, message)
    assert {v.graph for v in violations} == {DOC}


def test_broken_document_and_links_yield_every_expected_violation(sample_store: Store) -> None:
    store = copy_of_letter(sample_store)
    finding = first_finding(store)
    links = IRIS.links_graph("80431")
    update(
        store,
        f"""DELETE DATA {{ GRAPH <{DOC}> {{ <{DOC}> ikg:about <{IRIS.authority("80431")}> }} }} ;
        INSERT DATA {{ GRAPH <{DOC}> {{ <{DOC}> ikg:about <{IRIS.authority("99999999")}> .
                                       <{finding}> ikg:text "not the sentence" }} }} ;
        DELETE {{ GRAPH <{DOC}> {{ <{finding}> ikg:text ?t }} }}
        WHERE {{ GRAPH <{DOC}> {{ <{finding}> ikg:text ?t FILTER(?t != "not the sentence") }} }}""",
    )
    report = validate_store(store)
    found = {(compact(v.focus), compact(v.path), v.message) for v in report.violations if v.graph == DOC}
    assert (DOC, "ikg:about", "Value does not have class ikg:LocalAuthority") in found
    assert (finding, "", "finding text is not the document's text at its offsets") in found
    assert (DOC, "", "document names no authority of the reference table") in found
    # The links graph cites findings of the other documents, which this store does not hold.
    dangling = [v for v in report.violations if v.graph == links]
    assert {v.message for v in dangling} == {
        "link evidence is not a finding of any document",
        "linked document is not in the store",
    }
    assert not report.conforms
    assert report.text.splitlines()[-1].startswith(f"{len(report.violations)} violation(s): 3 named graph(s)")


def test_violation_line_is_readable() -> None:
    v = Violation(DOC, FINDING, "https://w3id.org/inspectkg/def#kind", "", "Less than 1 values on ->ikg:kind")
    assert v.line() == f"{DOC}: {FINDING} ikg:kind: Less than 1 values on ->ikg:kind"


def test_cli_validate_exits_by_conformance(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(LETTER), "--store", str(store)]).exit_code == 0
    ok = runner.invoke(cli, ["validate", "--store", str(store)])
    assert ok.exit_code == 0, ok.output
    # The letter's graph, the reference graph and its authority's links graph (its tallies).
    assert ok.output.startswith("conforms: 3 named graph(s), ")
    update(Store(store), f"DELETE WHERE {{ GRAPH <{DOC}> {{ <{DOC}> ikg:fileName ?name }} }}")
    broken = runner.invoke(cli, ["validate", "--store", str(store)])
    assert broken.exit_code == 1, broken.output
    assert (
        broken.output.splitlines()[0]
        == f"{DOC}: {DOC} ikg:fileName: Less than 1 values on <{DOC}>->ikg:fileName"
    )


LINK_BREAKS = [
    # A persisting area without later evidence is neither persisting nor new nor not covered.
    (
        "DELETE { GRAPH ?g { ?l ikg:laterEvidence ?e } } "
        "WHERE { GRAPH ?g { ?l ikg:status tr:persisting ; ikg:laterEvidence ?e } }",
        [("", "exactly one shape")],
    ),
    (
        "DELETE { GRAPH ?g { ?l ikg:status ?s } } INSERT { GRAPH ?g { ?l ikg:status tr:declined } } "
        "WHERE { GRAPH ?g { ?l ikg:status ?s } }",
        [("", "exactly one shape"), ("ikg:status", "not in list")],
    ),
]


@pytest.mark.parametrize(("sparql", "expected"), LINK_BREAKS)
def test_broken_link_yields_the_violations(
    sample_store: Store, sparql: str, expected: list[tuple[str, str]]
) -> None:
    store = copy_of_letter(sample_store)
    links = IRIS.links_graph("80431")
    query = f"SELECT ?l WHERE {{ GRAPH <{links}> {{ ?l ikg:status tr:persisting }} }} ORDER BY ?l LIMIT 1"
    link = str(store.select(query)[0]["l"])
    update(store, sparql.replace("?l", f"<{link}>"))
    violations = [v for v in validate_store(store, [links]).violations if v.focus == link]
    got = sorted((compact(v.path), v.message) for v in violations)
    assert len(got) == len(expected), [v.line() for v in violations]
    for (path, message), (want_path, words) in zip(got, expected, strict=True):
        assert path == want_path and words in message, (path, message)
