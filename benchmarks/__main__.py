"""`python -m benchmarks` (`make bench`): the suite; prints tables, writes JSON to benchmarks/results/.

  1. ingest of the real sample (serial and parallel) and of the scaled corpus (default 500 documents);
  2. latency of every named query on that store, Oxigraph against rdflib (capped);
  3. persistence read through the HTTP API (one authority, national summary);
  4. the other benchmark scripts (api_load, viz_render, pdf_libraries) when present, on the same store.
`--quick` shrinks everything (60 documents, fewer repeats, short caps) to check the suite in ~2 minutes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inspectkg.graph import Store
from inspectkg.ingest.pipeline import STAGES, default_jobs

from . import api_read, query_speed
from .ingest_speed import STAGE_NAMES

HERE = Path(__file__).resolve().parent
OTHERS = ("api_load", "viz_render", "pdf_libraries")


def _ingest(corpus: str, jobs: int, documents: int, store: Path | None) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.ingest_speed",
        "--corpus",
        corpus,
        "--jobs",
        str(jobs),
        "--documents",
        str(documents),
    ]
    if store is not None:
        cmd += ["--store", str(store)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=HERE.parent)
    return dict(json.loads(done.stdout))


def _other(name: str, store: Path, timeout_s: float, *args: str) -> dict[str, Any]:
    """Run another engineer's benchmark script on the benchmark store; its output is kept as text."""
    env = {**os.environ, "INSPECTKG_STORE": str(store)}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name}", *args],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            env=env,
            cwd=HERE.parent,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"cut after {timeout_s:.0f} s"}
    return {
        "status": done.returncode,
        "seconds": round(time.perf_counter() - start, 1),
        "output": done.stdout[-4000:],
        "errors": done.stderr[-1000:],
    }


def _table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    if not rows:
        return
    columns = list(rows[0])
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print(
            "  ".join(
                v.rjust(w) if v[:1].isdigit() or v[:1] == ">" else v.ljust(w)
                for v, w in zip(row, widths, strict=True)
            )
        )


def _ingest_rows(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    keys = (
        "documents",
        "jobs",
        "seconds",
        "seconds_after_last_document",
        "documents_per_s",
        "pages_per_s",
        "triples_per_s",
        "quads_in_store",
        "peak_rss_main_mib",
        "peak_rss_worker_mib",
    )
    return [{"run": name, **{k: run[k] for k in keys}} for name, run in runs.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a small run (~2 minutes) to check the suite")
    parser.add_argument("--documents", type=int, help="size of the scaled corpus [500; quick: 60]")
    parser.add_argument("--jobs", type=int, default=0, help="ingest worker processes [0: one per core]")
    parser.add_argument("--cap", type=float, help="rdflib time cap per query, seconds [10; quick: 2]")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--no-others", action="store_true", help="skip api_load, viz_render, pdf_libraries")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="folder of the JSON results")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    documents = args.documents or (60 if args.quick else 500)
    cap = args.cap or (2.0 if args.quick else 10.0)
    repeats = 3 if args.quick else 9
    jobs = args.jobs or default_jobs()
    command = " ".join(["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])])
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "cores": default_jobs(),
        "command": command,
        "load_average_at_start": os.getloadavg(),
    }

    with tempfile.TemporaryDirectory(prefix="inspectkg-bench-") as tmp:
        folder = Path(tmp)
        store_path = folder / "store"
        runs: dict[str, dict[str, Any]] = {}
        if not args.quick:
            runs["sample, serial"] = _ingest("sample", 1, 0, None)
        runs[f"sample, {jobs} jobs"] = _ingest("sample", jobs, 0, None)
        scaled = _ingest("scaled", jobs, documents, store_path)
        runs[f"scaled {documents}, {jobs} jobs, disk"] = scaled
        report["ingest"] = runs
        _table("Ingest", _ingest_rows(runs))
        _table(
            "Share of ingest time per stage (scaled corpus; worker stages summed over workers)",
            [
                {
                    "stage": STAGE_NAMES[s],
                    "seconds": scaled["stage_seconds"][s],
                    "share": f"{100 * scaled['stage_share'][s]:.1f}%",
                }
                for s in STAGES
            ],
        )
        print(f"authority recognised in {scaled.get('authority_recognised')} of {scaled['documents']} copies")

        store = Store(store_path)
        queries = query_speed.measure(store, folder, cap, repeats, baseline=not args.no_rdflib)
        del store
        gc.collect()
        report["queries"] = queries
        loaded = bool(queries["rdflib"].get("loaded"))
        capped = f">{cap * 1000:.0f}" if loaded else "no load"
        _table(
            f"Named queries at {queries['quads']:,} quads, la={queries['authority']} "
            f"(median ms; rdflib capped at {cap:.0f} s)",
            [
                {
                    **{k: q[k] for k in ("query", "rows", "oxigraph_ms")},
                    "rdflib_ms": capped if q["rdflib_capped"] else q["rdflib_ms"],
                    "ratio": q["ratio"]
                    if not q["rdflib_capped"]
                    else (f">{cap * 1000 / max(q['oxigraph_ms'], 0.01):.0f}" if loaded else None),
                }
                for q in queries["queries"]
            ],
        )
        if queries["rdflib"]:
            print("rdflib:", json.dumps(queries["rdflib"]))

        reads = api_read.measure(store_path, queries["authority"], 50 if args.quick else 200)
        report["persistence_api"] = reads
        rdf = queries["rdflib"]
        baseline = {
            "one_authority": (rdf.get("persistence_one_ms"), cap),
            "national_summary": (
                rdf.get("persistence_national_ms"),
                max(3 * cap, query_speed.NATIONAL_CAP_S),
            ),
        }
        rows = []
        # "computed": each request evaluated by a query worker (Cache-Control: no-cache); the others
        # as served, where a repeated read is answered from the server's cache of GET answers.
        for name in [r for r in reads if r != "authority"]:
            ms, limit = baseline.get(name.removesuffix("_computed"), (None, 0.0))
            computed = None if not rdf.get("loaded") or not limit else (ms or f">{limit * 1000:.0f}")
            rows.append(
                {
                    "read": name,
                    "p50_ms": reads[name]["p50_ms"],
                    "p99_ms": reads[name]["p99_ms"],
                    "rdflib_compute_ms": computed,
                }
            )
        _table("Persistence read through the API (ms) vs computed from raw findings on rdflib", rows)

        if not args.no_others:
            report["others"] = {}
            for name in OTHERS:
                if (HERE / f"{name}.py").exists():
                    extra = ["--la", queries["authority"], "--seconds", "5" if args.quick else "15"]
                    report["others"][name] = result = _other(
                        name, store_path, 120 if args.quick else 300, *(extra if name == "api_load" else [])
                    )
                    print(f"\n{name}: exit {result['status']}\n{result.get('output', '')}")

    report["load_average_at_end"] = os.getloadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (args.out / f"{stamp}.json", args.out / "latest.json"):
        path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out / (stamp + '.json')}")


if __name__ == "__main__":
    main()
