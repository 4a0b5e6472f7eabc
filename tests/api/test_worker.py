"""The query pool: a runaway query is stopped at the time limit and the server keeps answering others."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from live_server import Served

from inspectkg.api.worker import QueryPool
from inspectkg.errors import QueryTimeout, StoreError
from inspectkg.graph import Store

# Every triple against every triple against every triple: ~10^12 solutions over the test store.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TRIVIAL = "ASK { ?s ?p ?o }"


def test_a_runaway_query_is_stopped_and_others_are_answered_meanwhile(strict_server: Served) -> None:
    with ThreadPoolExecutor(2) as executor, strict_server.client() as http:
        started = time.monotonic()
        runaway = executor.submit(http.get, "/sparql", params={"query": RUNAWAY})
        time.sleep(0.3)
        quick_start = time.monotonic()
        quick = http.get("/sparql", params={"query": TRIVIAL})
        quick_took = time.monotonic() - quick_start
        stopped: httpx.Response = runaway.result()
        took = time.monotonic() - started
        after = http.get("/sparql", params={"query": TRIVIAL})
    assert (quick.status_code, quick.json()["boolean"]) == (200, True)
    assert quick_took < 1.5
    assert stopped.status_code == 503
    assert stopped.json() == {
        "error": "query-timeout",
        "message": "the query ran over the time limit of 2 s and was stopped",
        "status": 503,
    }
    assert 2.0 <= took < 6.0
    assert (after.status_code, after.json()["boolean"]) == (200, True)


def test_runaway_queries_on_every_worker_leave_the_server_answering(strict_server: Served) -> None:
    with ThreadPoolExecutor(3) as executor, strict_server.client() as http:
        runaways = [executor.submit(http.get, "/sparql", params={"query": RUNAWAY}) for _ in range(3)]
        statuses = sorted(f.result().status_code for f in runaways)
        after = http.get("/api/practice-areas")
    assert statuses == [503, 503, 503]
    assert after.status_code == 200


@pytest.fixture()
def memory_pool() -> Iterator[QueryPool]:
    """A pool of one worker over an in-memory store: the worker loads a snapshot of it."""
    pool = QueryPool(Store(None), size=1, timeout_s=5.0)
    pool.start()
    yield pool
    pool.close()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(pool: QueryPool, query: str = COUNT) -> int:
    answer = pool.run("sparql", query, [], [], None, [], 10)
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def test_pool_over_a_memory_store_sees_writes_after_a_refresh(memory_pool: QueryPool) -> None:
    before = count(memory_pool)
    memory_pool.store.update("INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> 'c' } }")
    stale = count(memory_pool)
    memory_pool.refresh()
    assert (before, stale, count(memory_pool)) == (0, 0, 1)


def test_pool_stops_a_runaway_read_at_its_time_limit(memory_pool: QueryPool) -> None:
    triples = " ".join(f"<http://a/{i}> <http://b> {i} ." for i in range(300))
    memory_pool.store.update(f"INSERT DATA {{ GRAPH <http://example.org/g> {{ {triples} }} }}")
    memory_pool.refresh()
    memory_pool.timeout_s = 0.5
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.5 s"):
        count(memory_pool, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert time.monotonic() - started < 3.0
    memory_pool.timeout_s = 5.0
    assert count(memory_pool) == 300


def test_a_cancelled_request_leaves_its_late_answer_to_nobody(memory_pool: QueryPool) -> None:
    """The client of a slow read goes away: its worker finishes, and the next read gets its own answer."""
    triples = " ".join(f"<http://a/{i}> <http://b> {i} ." for i in range(200))
    memory_pool.store.update(f"INSERT DATA {{ GRAPH <http://example.org/g> {{ {triples} }} }}")
    memory_pool.refresh()
    count(memory_pool)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    async def cancelled_then_another() -> tuple[bool, int]:
        request = asyncio.ensure_future(memory_pool.arun("sparql", slow, [], [], None, [], 10))
        await asyncio.sleep(0.05)
        request.cancel()
        answer = await memory_pool.arun("sparql", COUNT, [], [], None, [], 10)
        return request.cancelled(), int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])

    assert asyncio.run(cancelled_then_another()) == (True, 200)


def test_a_worker_killed_mid_read_fails_that_read_alone(memory_pool: QueryPool) -> None:
    """A worker that dies (here: killed from outside) answers its read with a store error and is replaced."""
    triples = " ".join(f"<http://a/{i}> <http://b> {i} ." for i in range(200))
    memory_pool.store.update(f"INSERT DATA {{ GRAPH <http://example.org/g> {{ {triples} }} }}")
    memory_pool.refresh()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

    async def killed_then_another() -> int:
        request = asyncio.ensure_future(memory_pool.arun("sparql", slow, [], [], None, [], 10))
        await asyncio.sleep(0.3)
        for worker in memory_pool._workers:
            worker.process.kill()
        with pytest.raises(StoreError, match="a query worker died while answering"):
            await request
        answer = await memory_pool.arun("sparql", COUNT, [], [], None, [], 10)
        return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])

    assert asyncio.run(killed_then_another()) == 200
