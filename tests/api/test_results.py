"""Content negotiation (SPARQL 1.1 Protocol §2.1.6): Accept header, `format` parameter, defaults."""

from __future__ import annotations

import pytest

from inspectkg.api.results import GRAPH_NAMES, GRAPH_TYPES, TABLE_NAMES, TABLE_TYPES, accepted, choose


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, []),
        ("text/csv", ["text/csv"]),
        ("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+xml", "text/csv"]),
        ("text/html, */*;q=0.1, application/json;q=0", ["text/html", "*/*"]),
        ("Text/CSV; charset=utf-8", ["text/csv"]),
    ],
)
def test_accept_header_ranking(accept: str | None, expected: list[str]) -> None:
    assert accepted(accept) == expected


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        (None, [], "application/sparql-results+json"),
        ("*/*", [], "application/sparql-results+json"),
        ("text/*", [], "text/csv"),
        ("image/png", [], "application/sparql-results+json"),
        ("text/csv", ["tsv"], "text/tab-separated-values"),
        ("text/csv", ["nonsense", "xml"], "application/sparql-results+xml"),
        (None, ["application/sparql-results+json,application/json"], "application/sparql-results+json"),
    ],
)
def test_table_format_choice(accept: str | None, formats: list[str], expected: str) -> None:
    assert choose(accept, formats, TABLE_TYPES, TABLE_NAMES) == expected


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        (None, [], "text/turtle"),
        ("application/sparql-results+json", [], "text/turtle"),
        ("application/rdf+xml", [], "application/rdf+xml"),
        (None, ["json-ld", "application/ld+json,application/x-json+ld"], "application/ld+json"),
        (None, ["rdf+xml"], "application/rdf+xml"),
        (None, ["n3"], "text/turtle"),
    ],
)
def test_graph_format_choice(accept: str | None, formats: list[str], expected: str) -> None:
    assert choose(accept, formats, GRAPH_TYPES, GRAPH_NAMES) == expected
