"""The cache of GET answers: kept until the next write, with ETags that a client can send back."""

from __future__ import annotations

from pathlib import Path

from live_server import LETTER, TOKEN, Served, make_store, serving

from inspectkg.graph import Store
from inspectkg.settings import Settings

PATH = "/api/queries/documents"
ASK = {"query": "ASK { GRAPH <http://example.org/g> { <http://a> <http://b> 'c' } }"}
INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> 'c' } }"


def test_a_repeated_read_is_the_same_answer_and_its_etag_gives_304(server: Served) -> None:
    with server.client() as http:
        first = http.get(PATH, params={"la": "Blackpool"})
        again = http.get(PATH, params={"la": "Blackpool"})
        etag = {"If-None-Match": first.headers["etag"]}
        unchanged = http.get(PATH, params={"la": "Blackpool"}, headers=etag)
        other = http.get(PATH, params={"la": "E06000009"})
    assert first.status_code == again.status_code == 200
    assert first.json() and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert other.headers["etag"] != first.headers["etag"]


def test_a_write_through_the_server_ends_every_kept_answer(admin_server: Served) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with admin_server.client() as http:
        before = http.get("/sparql", params=ASK)
        assert http.post("/sparql", data={"update": INSERT}, headers=auth).status_code == 200
        after = http.get("/sparql", params=ASK)
        stale = http.get("/sparql", params=ASK, headers={"If-None-Match": before.headers["etag"]})
    assert (before.json()["boolean"], after.json()["boolean"]) == (False, True)
    assert after.headers["etag"] != before.headers["etag"]
    assert stale.status_code == 200


def test_admin_requests_and_a_server_without_cache_get_no_etag(server: Served, tmp_path: Path) -> None:
    with server.client() as http:
        admin = http.get(PATH, params={"la": "Blackpool"}, headers={"Authorization": "Bearer x"})
    assert admin.status_code == 200 and "etag" not in admin.headers
    store: Store = make_store(tmp_path / "store", LETTER)
    with serving(Settings(store=store.path, cache_bytes=0), store) as uncached, uncached.client() as http:
        plain = http.get(PATH, params={"la": "Blackpool"})
    assert plain.status_code == 200 and "etag" not in plain.headers
