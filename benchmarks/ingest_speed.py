"""Ingest throughput: documents, pages and triples per second, peak RSS and time per stage.

Run in a fresh process per measurement (`python -m benchmarks.ingest_speed`) so that peak RSS is
that of one ingest: the main process's and the largest worker's are reported separately.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from inspectkg.graph import Store
from inspectkg.ingest import ingest_paths
from inspectkg.ingest.pipeline import STAGES, Prepare
from inspectkg.settings import Settings

from .corpus import build_scaled, readable_sources, sample_paths

STAGE_NAMES = {
    "read": "PDF/text reading",
    "metadata": "metadata",
    "segment": "segmentation",
    "classify": "classification",
    "map": "RDF mapping",
    "write": "store write",
    "link": "linking",
}


def measure(
    paths: list[Path],
    store: Store,
    settings: Settings,
    prepare: Prepare | None = None,
    intended: dict[Path, str] | None = None,
) -> dict[str, Any]:
    """Ingest `paths` once and return the figures."""
    stages: dict[str, float] = {}
    result_times: list[float] = []
    start = time.perf_counter()

    def arrived(_: object) -> None:
        result_times.append(time.perf_counter())

    results = ingest_paths(paths, store, settings, arrived, prepare=prepare, stages=stages)
    wall = time.perf_counter() - start
    ok = [r for r in results if r.error is None]
    total = sum(stages.values()) or 1.0
    out: dict[str, Any] = {
        "files": len(results),
        "documents": len(ok),
        "errors": len(results) - len(ok),
        "jobs": settings.jobs,
        "seconds": round(wall, 2),
        # From the last document's result to the end: loading what is left, linking, flushing.
        "seconds_after_last_document": round(start + wall - max(result_times, default=start), 2),
        "pages": sum(r.pages for r in ok),
        "triples_mapped": sum(r.triples for r in ok),
        "quads_in_store": len(store),
        "documents_per_s": round(len(ok) / wall, 2),
        "pages_per_s": round(sum(r.pages for r in ok) / wall, 1),
        "triples_per_s": round(sum(r.triples for r in ok) / wall),
        "stage_seconds": {s: round(stages.get(s, 0.0), 2) for s in STAGES},
        "stage_share": {s: round(stages.get(s, 0.0) / total, 3) for s in STAGES},
        "peak_rss_main_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    if intended is not None:
        out["authority_recognised"] = sum(1 for r in ok if intended.get(r.path) == r.authority)
    return out


def main(argv: list[str] | None = None) -> None:
    """One ingest measurement; its figures as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest_speed")
    parser.add_argument("--corpus", choices=["sample", "scaled"], default="sample")
    parser.add_argument("--documents", type=int, default=500, help="size of the scaled corpus")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--store", type=Path, help="on-disk store folder (default: in memory)")
    args = parser.parse_args(argv)
    settings = replace(Settings(), jobs=args.jobs)
    store = Store(args.store)
    paths = sample_paths()
    with tempfile.TemporaryDirectory(prefix="inspectkg-scaled-") as tmp:
        if args.corpus == "scaled":
            sources = readable_sources(paths, settings)
            copies, rebadge, intended = build_scaled(Path(tmp), sources, args.documents)
            figures = measure(copies, store, settings, rebadge, intended)
        else:
            figures = measure(paths, store, settings)
    figures.update(corpus=args.corpus, store="disk" if args.store else "memory")
    json.dump(figures, sys.stdout)


if __name__ == "__main__":
    main()
