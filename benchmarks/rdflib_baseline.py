"""The rdflib baseline: the same data in rdflib's in-memory Dataset, the same queries, under a time cap.

Run as a subprocess (`python -m benchmarks.rdflib_baseline JOB.json`) so that its memory is
returned and a runaway query is cut: each query runs under SIGALRM and counts as ">T" when cut.
The job file names the N-Quads dump, the queries (final SPARQL text) and the authority whose
persistence is computed from raw findings, as graph/linking.py does at ingest time.
"""

from __future__ import annotations

import json
import resource
import signal
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pyoxigraph as ox
from inspectkg.graph.linking import DOCS_OF, FINDINGS_OF, _evidence, compare, document_pairs
from inspectkg.graph.store import bind
from inspectkg.ontology import sparql_prefixes
from rdflib import Dataset


class Cut(Exception):
    """The time cap of one query was reached."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Cut


def timed(run: Callable[[], object], cap_s: float, repeats: int) -> float | None:
    """Median milliseconds of `run`, or None when its first run exceeds the cap."""
    times = []
    for _ in range(repeats):
        signal.setitimer(signal.ITIMER_REAL, cap_s)
        start = time.perf_counter()
        try:
            run()
        except Cut:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append((time.perf_counter() - start) * 1000)
        if sum(times) > cap_s * 1000:
            break
    return statistics.median(times)


def _rows(ds: Dataset, sparql: str) -> list[dict[str, str]]:
    result = ds.query(sparql)
    names = [str(v) for v in result.vars or []]
    return [{n: (str(row[n]) if row[n] is not None else None) for n in names} for row in result]




def persistence_of(ds: Dataset, authority: str) -> int:
    """Persistence of one authority computed from raw findings (linking.relink's reads and compare)."""
    la = {"la": ox.NamedNode(authority)}
    docs = _rows(ds, sparql_prefixes() + bind(DOCS_OF, la))
    rows = _rows(ds, sparql_prefixes() + bind(FINDINGS_OF, la))
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    links = 0
    for earlier, later in document_pairs(docs):
        links += len(compare(_evidence(by_doc[earlier["doc"]]), _evidence(by_doc[later["doc"]]),
                             later["type"] in {"monitoring_visit", "focused_visit"}))
    return links


def run(job: dict[str, Any]) -> dict[str, Any]:
    """Load the dump, then time each query and the persistence computations."""
    signal.signal(signal.SIGALRM, _alarm)
    cap = float(job["cap_s"])
    ds = Dataset(default_union=True)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, float(job["load_cap_s"]))
    try:
        ds.parse(job["data"], format="nquads")
        loaded = True
    except Cut:
        loaded = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    out: dict[str, Any] = {"load_seconds": round(time.perf_counter() - start, 1), "loaded": loaded,
                           "quads": len(ds), "queries": {}}
    if loaded:
        for name, sparql in job["queries"].items():
            out["queries"][name] = timed(lambda s=sparql: list(ds.query(s)), cap, int(job["repeats"]))
        out["persistence_one_ms"] = timed(lambda: persistence_of(ds, job["authority"]), cap, 3)
        authorities = job["authorities"]
        out["persistence_national_ms"] = timed(
            lambda: [persistence_of(ds, a) for a in authorities], cap * 3, 1)
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


if __name__ == "__main__":
    json.dump(run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))), sys.stdout)
