"""The REST API under /api, through httpx against a real server."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from live_server import NEWS as NEWS_PATH
from live_server import TOKEN, Served

LETTER = "blackpool-2019-12-monitoring-letter.txt"
NEWS = "blackpool-2019-01-news-summary.txt"
BLACKPOOL = {
    "authority": "https://w3id.org/inspectkg/id/la/80431",
    "name": "Blackpool",
    "urn": "80431",
    "gss": "E06000009",
    "region": "North West",
    "documents": 2,
}
LETTER_IRI = "https://w3id.org/inspectkg/id/doc/80431/monitoring_visit/2019-12-16"
FILE_NAME = ox.NamedNode("https://w3id.org/inspectkg/def#fileName")
MASH_FINDING = {
    "document": LETTER,
    "text": "The progress made by the MASH, which was noted during the first monitoring visit in "
    "August 2019, has been maintained.",
    "start": 3019,
    "end": 3136,
    "page": 1,
    "polarity": "strength",
    "practice_areas": ["front-door"],
    "teams": ["Multi-Agency Safeguarding Hub (MASH)"],
}


def get(served: Served, path: str, **params: Any) -> Any:
    with served.client() as http:
        r = http.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_authorities_carry_urn_and_gss_code(server: Served) -> None:
    everyone = get(server, "/api/authorities")
    assert len(everyone) == len({a["urn"] for a in everyone})
    assert BLACKPOOL in everyone
    assert get(server, "/api/authorities", in_store="true") == [BLACKPOOL]
    assert get(server, "/api/authorities/blackpool") == BLACKPOOL


def test_documents_and_one_document(server: Served) -> None:
    docs = get(server, "/api/documents", la="Blackpool")
    assert [(d["document"], d["document_type"], d["la_code"]) for d in docs] == [
        (NEWS, "news_summary", "E06000009"),
        (LETTER, "monitoring_visit", "E06000009"),
    ]
    letter = get(server, f"/api/documents/{LETTER}")
    assert (letter["framework"], letter["inspection_start"], letter["visit_ordinal"]) == (
        "ILACS",
        "2019-12-16",
        2,
    )
    assert letter["findings"] > 20


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"team": "MASH"}, 4),
        ({"to": "2019-06-01"}, 0),
        ({"la": "E06000009", "team": "MASH"}, 4),
    ],
)
def test_findings_filters(server: Served, params: dict[str, str], total: int) -> None:
    assert get(server, "/api/findings", **params)["total"] == total


def test_an_unknown_authority_is_a_404_naming_the_parameter(server: Served) -> None:
    with server.client() as http:
        r = http.get("/api/findings", params={"la": "Nowhere"})
    assert r.status_code == 404
    assert r.json()["message"] == "no local authority 'Nowhere' (parameter la); see the query api-authorities"


def test_findings_carry_the_evidence_quote_and_its_location(server: Served) -> None:
    page = get(server, "/api/findings", team="MASH", polarity="strength", area="front-door", limit=1)
    assert page["limit"] == 1
    assert len(page["items"]) == 1
    first = page["items"][0]
    assert {k: first[k] for k in MASH_FINDING} == MASH_FINDING


def test_findings_are_paginated(server: Served) -> None:
    everything = get(server, "/api/findings", la="Blackpool", limit=1000)
    second = get(server, "/api/findings", la="Blackpool", limit=5, offset=5)
    assert second["total"] == everything["total"] == len(everything["items"])
    assert second["items"] == everything["items"][5:10]


def test_evidence_of_one_finding(server: Served) -> None:
    iri = "https://w3id.org/inspectkg/id/doc/80431/monitoring_visit/2019-12-16/finding/3019-3136"
    evidence = get(server, "/api/evidence", finding=iri)
    assert (evidence["file"], evidence["exact"], evidence["start"], evidence["end"], evidence["page"]) == (
        LETTER,
        MASH_FINDING["text"],
        3019,
        3136,
        1,
    )
    assert evidence["suffix"].startswith(" ") or evidence["suffix"].startswith("\n")


def test_practice_areas_come_from_the_scheme(server: Served) -> None:
    areas = {a["id"]: a for a in get(server, "/api/practice-areas")}
    assert areas["front-door"]["label"] == "Front door and referrals"
    assert areas["front-door"]["judgement_area"] == "help-and-protection"


def test_timeline_of_judgements(sample_server: Served) -> None:
    rows = get(sample_server, "/api/authorities/Blackpool/timeline")
    overall = [(r["file"], r["grade"]) for r in rows if r["key"] == "overall_effectiveness"]
    assert overall == [
        ("blackpool-2014-09-08.pdf", "requires_improvement"),
        ("blackpool-2019-01-17.pdf", "inadequate"),
        ("blackpool-2023-02-01.pdf", "requires_improvement"),
    ]


def test_persistence_for_an_authority_pairs_consecutive_documents(sample_server: Served) -> None:
    pairs = get(sample_server, "/api/authorities/Blackpool/persistence")["pairs"]
    assert pairs == get(sample_server, "/api/persistence", la="Blackpool")["pairs"]
    assert {p["local_authority"] for p in pairs} == {"Blackpool"}
    assert all(p["earlier"] != p["later"] for p in pairs)


def test_named_queries_list_and_run(server: Served) -> None:
    names = [q["name"] for q in get(server, "/api/queries")]
    assert {"findings", "documents", "api-authorities"} <= set(names)
    rows = get(server, "/api/queries/api-authorities", la="Blackpool")
    assert rows == [BLACKPOOL]


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/api/queries/nope", 404, "unknown-query"),
        ("/api/queries/findings?nope=1", 400, "missing-parameter"),
        ("/api/authorities/Atlantis", 404, "not-found"),
        ("/api/documents/nope.pdf", 404, "not-found"),
        ("/api/evidence?finding=http://example.org/nope", 404, "not-found"),
    ],
)
def test_errors_share_one_shape(server: Served, path: str, status: int, error: str) -> None:
    with server.client() as http:
        r = http.get(path)
    assert r.status_code == status
    assert r.json()["error"] == error
    assert r.json()["status"] == status


@pytest.mark.parametrize(
    ("fmt", "media", "syntax"),
    [
        ("turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("nquads", "application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
@pytest.mark.parametrize(
    ("path", "files"),
    [
        (f"/api/documents/{LETTER}/export", {LETTER}),
        ("/api/authorities/Blackpool/export", {LETTER, NEWS}),
    ],
)
def test_graph_export(
    server: Served, path: str, files: set[str], fmt: str, media: str, syntax: ox.RdfFormat
) -> None:
    with server.client() as http:
        r = http.get(path, params={"format": fmt})
    assert r.headers["content-type"].split(";")[0] == media
    quads = list(ox.parse(r.content, format=syntax))
    assert {q.object.value for q in quads if q.predicate == FILE_NAME} == files
    # N-Quads and JSON-LD keep each document's named graph; Turtle has only triples.
    assert (ox.NamedNode(LETTER_IRI) in {q.graph_name for q in quads}) is (fmt != "turtle")


def test_ingest_by_upload_answers_per_file_and_queries_keep_running(admin_server: Served) -> None:
    empty = Path(__file__).resolve().parents[1] / "fixtures" / "empty.txt"
    files = [
        ("files", ("news.txt", NEWS_PATH.read_bytes(), "text/plain")),
        ("files", ("empty.txt", empty.read_bytes(), "text/plain")),
    ]
    answered: list[float] = []
    with ThreadPoolExecutor(1) as executor, admin_server.client() as http:
        started = time.monotonic()
        upload = executor.submit(
            http.post, "/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        while not upload.done():
            r = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert r.status_code == 200
            answered.append(time.monotonic() - started)
        finished = time.monotonic() - started
        answers = upload.result().json()
        docs = http.get("/api/documents").json()
    assert [(a["file"], a["ok"], a["document_type"]) for a in answers] == [
        ("news.txt", True, "news_summary"),
        ("empty.txt", False, None),
    ]
    assert answers[1]["error"]["error"] == "empty-input"
    assert len([t for t in answered if t < finished]) >= 2
    assert sorted(d["document"] for d in docs) == ["blackpool-2019-12-monitoring-letter.txt", "news.txt"]


def test_ingest_needs_the_admin_token(strict_server: Served) -> None:
    with strict_server.client() as http:
        r = http.post("/api/ingest", files=[("files", ("x.txt", b"Blackpool", "text/plain"))])
    assert (r.status_code, r.json()["error"]) == (403, "refused-operation")
