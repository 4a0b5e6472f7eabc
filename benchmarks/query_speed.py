"""Named-query latency at scale: Oxigraph (the embedded store) against rdflib's in-memory Dataset.

Every named query of graph/queries/ runs with its `la` parameter bound to the authority with the
most documents (and `finding` to one of its concerns); the median of repeated runs is reported for
Oxigraph, and for rdflib on the same quads, in a subprocess under a time cap (">T" when cut).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from inspectkg.graph import Store
from inspectkg.graph.linking import authorities_in_store
from inspectkg.graph.queries import bindings_of, registry
from inspectkg.graph.store import bind

# The authority with the most documents, then the most area links (so its persistence is not empty).
BUSIEST = """
SELECT ?la ?name ?urn (COUNT(DISTINCT ?doc) AS ?n) (COUNT(DISTINCT ?link) AS ?links)
WHERE { ?doc ikg:about ?la . ?la skos:prefLabel ?name ; ikg:ofstedURN ?urn .
        OPTIONAL { ?link ikg:earlierDocument ?doc } }
GROUP BY ?la ?name ?urn ORDER BY DESC(?n) DESC(?links) ?name LIMIT 1
"""
SLOW_MS = 5_000
CONCERN_OF = """
SELECT ?f WHERE { ?f ikg:inDocument/ikg:about ?la ; ikg:polarity pol:concern ; ikg:continues ?g } LIMIT 1
"""

# Floors of the rdflib baseline's caps on its load and on persistence for every authority.
LOAD_CAP_S = 600.0
NATIONAL_CAP_S = 120.0


def busiest_authority(store: Store) -> dict[str, Any]:
    """The authority with the most documents: its IRI, name, and one concern that continues an earlier one."""
    row = store.select(BUSIEST)[0]
    concern = store.select(CONCERN_OF, bindings={"la": ox.NamedNode(row["la"])})
    finding = concern[0]["f"] if concern else None
    return {"iri": row["la"], "name": row["name"], "urn": row["urn"], "finding": finding}


def bound_queries(store: Store, authority: dict[str, Any]) -> dict[str, str]:
    """Each named query's final text with its parameters bound (queries needing more are left out);
    an authority is bound to its IRI, as run_named_query binds it, so rdflib runs the same text."""
    given = {"la": authority["name"], "finding": authority["finding"]}
    out = {}
    for name, query in registry().items():
        values = {p.name: given[p.name] for p in query.parameters if given.get(p.name)}
        if any(not p.optional and p.name not in values for p in query.parameters):
            continue
        bindings = bindings_of(store, query, values)
        out[name] = bind(query.sparql, bindings) if bindings else query.sparql
    return out


def median_ms(store: Store, sparql: str, repeats: int) -> tuple[float, int]:
    """Median milliseconds of a query (rows fully read), and its row count; fewer runs of a slow one."""
    times, rows = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = len(list(store.query(sparql)))
        times.append((time.perf_counter() - start) * 1000)
        if sum(times) > SLOW_MS:
            break
    return statistics.median(times), rows


def rdflib_baseline(
    store: Store, queries: dict[str, str], authority: dict[str, Any], folder: Path, cap_s: float, repeats: int
) -> dict[str, Any]:
    """The same quads and queries on rdflib, in a subprocess."""
    dump = folder / "store.nq"
    store.raw.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    job = {
        "data": str(dump),
        "queries": queries,
        "cap_s": cap_s,
        # rdflib loads 5.2 M quads (500 documents) in ~300 s: the load and the persistence of every
        # authority (~60 s there) get caps of their own, so that the default run gives the ratios.
        "load_cap_s": max(cap_s * 20, LOAD_CAP_S),
        "national_cap_s": max(cap_s * 3, NATIONAL_CAP_S),
        "repeats": repeats,
        "urn": authority["urn"],
        "urns": authorities_in_store(store),
    }
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.rdflib_baseline", str(folder / "job.json")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        return {"failed": done.stderr[-2000:]}
    return dict(json.loads(done.stdout))


def measure(store: Store, folder: Path, cap_s: float, repeats: int, baseline: bool = True) -> dict[str, Any]:
    """Latency of every named query on Oxigraph and (if `baseline`) on rdflib, with the ratio."""
    authority = busiest_authority(store)
    queries = bound_queries(store, authority)
    oxigraph = {name: median_ms(store, sparql, repeats) for name, sparql in queries.items()}
    rdf = rdflib_baseline(store, queries, authority, folder, cap_s, max(1, repeats // 3)) if baseline else {}
    rows = []
    for name, (ms, count) in oxigraph.items():
        other = rdf.get("queries", {}).get(name) if baseline else None
        rows.append(
            {
                "query": name,
                "rows": count,
                "oxigraph_ms": round(ms, 1),
                "rdflib_ms": None if other is None else round(other, 1),
                "rdflib_capped": baseline and other is None,
                "ratio": None if other is None else round(other / max(ms, 0.01), 1),
            }
        )
    return {
        "authority": authority["name"],
        "quads": len(store),
        "cap_s": cap_s,
        "queries": rows,
        "rdflib": {k: v for k, v in rdf.items() if k != "queries"},
    }
