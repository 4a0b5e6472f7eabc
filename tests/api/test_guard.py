"""The guard: update, LOAD and SERVICE are refused without the admin token; nothing leaves the machine."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from live_server import TOKEN, Served

from inspectkg.api.guard import is_admin, looks_like_update, uses_service


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),
        ("PREFIX s: <http://x/>\nSELECT * WHERE { ?s ?p ?o # comment\n SERVICE s: { ?a ?b ?c } }", True),
        ("SELECT * WHERE { ?s ?p 'x' . SERVICE ?endpoint { ?a ?b ?c } }", True),
        ("SELECT * WHERE { ?service ?p ?o }", False),
        ("SELECT * WHERE { ?s ex:SERVICE ?o }", False),
        ("SELECT * WHERE { ?s <http://x/SERVICE> ?o }", False),
        ("SELECT * WHERE { ?s ?p 'a SERVICE b' }", False),
        ('SELECT * WHERE { ?s ?p """SERVICE <http://x/> {}""" }', False),
        ("# SERVICE <http://x/>\nSELECT * WHERE { ?s ?p ?o }", False),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) SERVICE <http://x/> { ?a ?b ?c } }", True),
    ],
)
def test_service_is_seen_only_as_a_keyword(query: str, expected: bool) -> None:
    assert uses_service(query) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", True),
        ("PREFIX ex: <http://x/>\n delete where { ?s ?p ?o }", True),
        ("LOAD <http://example.org/data.ttl>", True),
        ("BASE <http://x/> CLEAR ALL", True),
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("# INSERT DATA\nASK { ?s ?p ?o }", False),
    ],
)
def test_updates_are_recognised(text: str, expected: bool) -> None:
    assert looks_like_update(text) is expected


@pytest.mark.parametrize(
    ("expected", "header", "admin"),
    [
        (None, "Bearer x", False),
        ("secret", None, False),
        ("secret", "Bearer wrong", False),
        ("secret", "Basic secret", False),
        ("secret", "Bearer secret", True),
        ("secret", "bearer secret", True),
    ],
)
def test_admin_needs_a_configured_token_and_the_same_bearer(
    expected: str | None, header: str | None, admin: bool
) -> None:
    assert is_admin(expected, header) is admin


@pytest.fixture()
def listener() -> Iterator[list[bytes]]:
    """A TCP listener on 127.0.0.1:PORT that records any connection: a query must never reach it."""
    seen: list[bytes] = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    seen.append(str(sock.getsockname()[1]).encode())
    yield seen
    stop.set()
    thread.join(2)
    sock.close()


def test_service_to_another_host_is_refused_and_never_called(
    strict_server: Served, listener: list[bytes]
) -> None:
    port = listener.pop().decode()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with strict_server.client() as http:
        r = http.post("/sparql", data={"query": query})
    assert r.status_code == 403
    assert r.json()["error"] == "refused-operation"
    assert listener == []


REFUSED = "SPARQL Update is refused"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}}, REFUSED),
        ({"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, REFUSED),
        ({"data": {"update": "LOAD <http://127.0.0.1:9/x.ttl>"}}, "LOAD is refused"),
        ({"data": {"query": "CLEAR ALL"}}, REFUSED),
        ({"data": {"update": "DROP ALL"}, "headers": {"Authorization": "Bearer wrong"}}, REFUSED),
    ],
)
def test_updates_without_the_token_are_refused(
    strict_server: Served, kwargs: dict[str, object], message: str
) -> None:
    before = len(strict_server.store)
    with strict_server.client() as http:
        r = http.post("/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == 403, r.text
    assert r.json()["message"].startswith(message)
    assert len(strict_server.store) == before


def test_an_update_with_the_token_is_applied_and_then_seen_by_queries(admin_server: Served) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ask = {"query": "ASK { GRAPH <http://example.org/g> { <http://a> <http://b> 'c' } }"}
    with admin_server.client() as http:
        before = http.get("/sparql", params=ask).json()["boolean"]
        insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> 'c' } }"
        r = http.post("/sparql", data={"update": insert}, headers=auth)
        after = http.get("/sparql", params=ask).json()["boolean"]
    assert (before, r.status_code, after) == (False, 200, True)
