"""The SPARQL 1.1 Protocol endpoint, driven by real clients: SPARQLWrapper, rdflib's SPARQLStore, httpx."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
from live_server import Served
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

DOCS = "SELECT ?file WHERE { ?d a ikg:Document ; ikg:fileName ?file } ORDER BY ?file"
FILES = ["blackpool-2019-01-news-summary.txt", "blackpool-2019-12-monitoring-letter.txt"]
LA = "https://w3id.org/inspectkg/id/la/80431"
DESCRIBE_LA = f"CONSTRUCT {{ <{LA}> ?p ?o }} WHERE {{ <{LA}> ?p ?o }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def wrapper(served: Served, query: str, fmt: str, method: str = GET) -> SPARQLWrapper:
    sw = SPARQLWrapper(served.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    else:
        sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
def test_select_json_by_each_method(server: Served, method: str) -> None:
    result = wrapper(server, DOCS, JSON, method).queryAndConvert()
    assert [b["file"]["value"] for b in result["results"]["bindings"]] == FILES  # type: ignore[index]


def test_select_xml(server: Served) -> None:
    doc = wrapper(server, DOCS, XML).queryAndConvert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == FILES  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fmt", "lines"),
    [
        (CSV, ["file", *FILES]),
        (
            TSV,
            ["?file", *(f'"{f}"' for f in FILES)],
        ),  # TSV writes terms in Turtle syntax (SPARQL 1.1 CSV/TSV §3)
    ],
)
def test_select_csv_and_tsv(server: Served, fmt: str, lines: list[str]) -> None:
    assert wrapper(server, DOCS, fmt).query().response.read().decode().splitlines() == lines


def test_ask_json(server: Served) -> None:
    query = "ASK { ?d ikg:fileName 'blackpool-2019-12-monitoring-letter.txt' }"
    assert wrapper(server, query, JSON).queryAndConvert() == {"head": {}, "boolean": True}


def test_ask_xml(server: Served) -> None:
    result = wrapper(server, "ASK { ?d ikg:fileName 'nope.txt' }", XML).queryAndConvert()
    assert result.getElementsByTagName("boolean")[0].firstChild.data == "false"  # type: ignore[union-attr]


# SPARQLWrapper and rdflib's JSON-LD parser build rdflib's deprecated ConjunctiveGraph.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_construct_in_each_syntax(server: Served, fmt: str) -> None:
    graph = wrapper(server, DESCRIBE_LA, fmt).queryAndConvert()
    if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle and N3 back as text
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    labels = {
        str(o)
        for o in graph.objects(
            rdflib.URIRef(LA), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
        )
    }
    assert labels == {"Blackpool"}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/turtle", "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/html;q=0.9, application/n-triples;q=0.5", "application/n-triples"),
    ],
)
def test_construct_content_negotiation(server: Served, accept: str, media: str) -> None:
    with server.client() as http:
        r = http.get("/sparql", params={"query": DESCRIBE_LA}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    fmt = {
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
        "text/turtle": "turtle",
    }[media]
    graph = rdflib.Graph().parse(data=r.text, format=fmt)
    assert (
        rdflib.URIRef(LA),
        rdflib.URIRef("https://w3id.org/inspectkg/def#gssCode"),
        rdflib.Literal("E06000009"),
    ) in graph


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.2, text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/json"),
    ],
)
def test_select_content_negotiation(server: Served, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    with server.client() as http:
        r = http.post("/sparql", data={"query": DOCS}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media


def test_rdflib_sparqlstore(server: Served) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="xml"))
    query = "SELECT ?file WHERE { ?d <https://w3id.org/inspectkg/def#fileName> ?file } ORDER BY ?file"
    rows = graph.query(query)
    assert [str(r[0]) for r in rows] == FILES  # type: ignore[index]


def test_default_graph_uri_restricts_the_dataset(server: Served) -> None:
    reference = "https://w3id.org/inspectkg/id/graph/reference"
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a ikg:Document }"
    with server.client() as http:
        union = http.get("/sparql", params={"query": count}).json()
        only_reference = http.get("/sparql", params={"query": count, "default-graph-uri": reference}).json()
    assert union["results"]["bindings"][0]["n"]["value"] == "2"
    assert only_reference["results"]["bindings"][0]["n"]["value"] == "0"


def test_named_graph_uri_limits_graph_clauses(server: Served) -> None:
    reference = "https://w3id.org/inspectkg/id/graph/reference"
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    with server.client() as http:
        r = http.post(
            "/sparql",
            content=query,
            params={"named-graph-uri": reference},
            headers={"Content-Type": "application/sparql-query"},
        )
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [reference]


def test_malformed_query_gets_the_parser_message(server: Served) -> None:
    with server.client() as http:
        r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "malformed-query"
    assert body["status"] == 400
    assert "error at 1:" in body["message"]


def test_missing_query_is_a_400(server: Served) -> None:
    with server.client() as http:
        r = http.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert (r.status_code, r.json()["error"]) == (400, "malformed-query")


@pytest.mark.parametrize("path", ["/", "/sparql"])
def test_browser_gets_the_query_page(server: Served, path: str) -> None:
    with server.client() as http:
        r = http.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<title>inspectkg: SPARQL query</title>" in r.text


def test_select_results_xml_is_well_formed(server: Served) -> None:
    with server.client() as http:
        r = http.get("/sparql", params={"query": DOCS, "format": "xml"})
    root = ET.fromstring(r.content)
    assert [e.text for e in root.iter(SRX + "literal")] == FILES


def test_json_results_carry_datatypes_and_languages(server: Served) -> None:
    query = f"SELECT ?label ?n WHERE {{ <{LA}> skos:prefLabel ?label BIND(1 AS ?n) }}"
    with server.client() as http:
        r = http.get("/sparql", params={"query": query})
    assert json.loads(r.content)["results"]["bindings"] == [
        {
            "label": {"type": "literal", "value": "Blackpool", "xml:lang": "en"},
            "n": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
        }
    ]


def test_from_clauses_define_the_dataset(server: Served) -> None:
    reference = "https://w3id.org/inspectkg/id/graph/reference"
    query = f"SELECT (COUNT(?d) AS ?n) FROM <{reference}> WHERE {{ ?d a ikg:Document }}"
    with server.client() as http:
        r = http.get("/sparql", params={"query": query})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"
