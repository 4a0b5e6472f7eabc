"""The rdflib baseline: the same data in rdflib's in-memory Dataset, the same queries, under a time cap.

Run as a subprocess (`python -m benchmarks.rdflib_baseline JOB.json`) so that its memory is
returned and a runaway query is cut: each query runs under SIGALRM and counts as ">T" when cut.
The job file names the N-Quads dump, the queries (final SPARQL text) and the authorities whose
persistence is computed from raw findings, by graph/linking.py's own code reading through rdflib.
"""

from __future__ import annotations

import json
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from inspectkg.graph.iri import Iris
from inspectkg.graph.linking import links_of
from inspectkg.graph.store import bind
from inspectkg.ontology import sparql_prefixes
from inspectkg.settings import Settings

IRIS = Iris(Settings().base_iri)


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


class RdflibStore:
    """Just enough of graph.store.Store over an rdflib Dataset for graph.linking to read through it."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def select(
        self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal | None] | None = None
    ) -> list[dict[str, Any]]:
        result = self.dataset.query(sparql_prefixes() + (bind(sparql, bindings) if bindings else sparql))
        names = [str(v) for v in result.vars or []]
        return [{n: (None if row[n] is None else str(row[n])) for n in names} for row in result]  # type: ignore[index]


def persistence_of(store: RdflibStore, urn: str) -> int:
    """Persistence of one authority computed from raw findings, by graph/linking.py's own reads."""
    return len(links_of(store, IRIS, urn))  # type: ignore[arg-type]


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
    out: dict[str, Any] = {
        "load_seconds": round(time.perf_counter() - start, 1),
        "loaded": loaded,
        "quads": len(ds),
        "queries": {},
    }
    if loaded:
        for name, sparql in job["queries"].items():
            out["queries"][name] = timed(lambda s=sparql: list(ds.query(s)), cap, int(job["repeats"]))
        store = RdflibStore(ds)
        out["persistence_one_ms"] = timed(lambda: persistence_of(store, job["urn"]), cap, 3)
        urns = job["urns"]
        national_cap = float(job.get("national_cap_s", cap * 3))
        out["persistence_national_ms"] = timed(
            lambda: [persistence_of(store, u) for u in urns], national_cap, 1
        )
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


if __name__ == "__main__":
    json.dump(run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))), sys.stdout)
