"""The app: one error shape, body size limit, row cap, and no path outside the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import LETTER, TOKEN, Served

ERROR_KEYS = ["error", "message", "status"]


@pytest.mark.parametrize(
    ("query", "what"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "rows"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "triples"),
    ],
)
@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "text/csv", "application/n-triples", "*/*"]
)
def test_a_huge_result_is_cut_with_a_clear_error(
    strict_server: Served, query: str, what: str, accept: str
) -> None:
    with strict_server.client() as http:
        r = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 400
    assert r.json()["error"] == "row-cap-exceeded"
    assert r.json()["message"].startswith(f"the result has more than 50 {what} (the row cap)")


def test_a_result_at_the_row_cap_is_answered(strict_server: Served) -> None:
    with strict_server.client() as http:
        r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"})
    assert len(r.json()["results"]["bindings"]) == 50


def test_an_oversized_body_is_refused_by_its_length(strict_server: Served) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (64 * 1024)
    with strict_server.client() as http:
        r = http.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert r.json() == {
        "error": "request-too-large",
        "status": 413,
        "message": "the request body is over the limit of 65536 bytes",
    }


def test_an_oversized_streamed_body_is_refused(strict_server: Served) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"SELECT * WHERE { ?s ?p ?o } #"
        for _ in range(100):
            yield b"x" * 1024

    with strict_server.client() as http:
        r = http.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert (r.status_code, r.json()["error"]) == (413, "request-too-large")


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%2E%2E%2Fapp.py",
        "/static/query.html",
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd/export",
        "/api/authorities/..%2F..%2Fetc/export",
        "/no/such/route",
    ],
)
def test_paths_outside_the_store_are_not_found(server: Served, path: str) -> None:
    with server.client() as http:
        r = http.get(path)
    assert r.status_code == 404, r.text
    assert list(r.json()) == ERROR_KEYS
    assert "root:" not in r.text


def test_a_bad_parameter_answers_in_the_error_shape(server: Served) -> None:
    with server.client() as http:
        r = http.get("/api/findings", params={"limit": "many"})
    assert r.status_code == 422
    assert list(r.json()) == ERROR_KEYS
    assert r.json()["error"] == "invalid-request"


def test_an_upload_cannot_write_outside_its_folder(admin_server: Served, tmp_path: Path) -> None:
    target = tmp_path / "escaped.txt"
    name = "../" * 12 + str(target).lstrip("/")
    with admin_server.client() as http:
        r = http.post(
            "/api/ingest",
            files=[("files", (name, LETTER.read_bytes(), "text/plain"))],
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert r.status_code == 200, r.text
    assert [a["file"] for a in r.json()] == ["escaped.txt"]
    assert not target.exists()


@pytest.mark.parametrize("graph", ["file:///etc/passwd", "http://127.0.0.1:9/data.ttl"])
def test_a_dataset_outside_the_store_is_never_read(server: Served, graph: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 5"
    from_query = query.replace("WHERE", f"FROM <{graph}> WHERE")
    with server.client() as http:
        by_from = http.get("/sparql", params={"query": from_query}).json()
        by_parameter = http.get("/sparql", params={"query": query, "default-graph-uri": graph}).json()
    # A graph name the store does not hold is an empty graph: nothing is fetched or opened.
    assert by_from["results"]["bindings"] == by_parameter["results"]["bindings"] == []
