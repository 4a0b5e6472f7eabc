"""Benchmark of the views at size: build and draw a 2,000-node authority view in headless Chromium.

Run: .venv/bin/python -m benchmarks.viz_render [--nodes 2000] [--repeat 3] [--store DIR]
Prints the time to lay out and write the page in Python, and the time from navigation to vis-network's
first drawing in Chromium (issue 7's target: <= 2 s for 2,000 nodes). Needs Debian's chromium.
With a store (--store, or INSPECTKG_STORE as `python -m benchmarks` sets it), the three real views of
that store are timed too: the national overview, the authority with most documents, and one practice area.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from inspectkg.graph import Store, run_named_query
from inspectkg.settings import load_settings
from inspectkg.viz import render_view
from inspectkg.viz.layout import (
    ViewData,
    authority_view,
    cooccurrence_from_rows,
    national_view,
    persistence_from_pairs,
)
from inspectkg.viz.page import page

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AREAS = [f"area-{i:02d}" for i in range(30)]
POLARITIES = ["concern", "strength", "mixed"]
DOCS = 10


def synthetic(findings: int, cap: int) -> ViewData:
    """Rows shaped as the named queries give them: one authority, DOCS documents, findings over AREAS."""
    rows: list[dict[str, Any]] = []
    for i in range(findings):
        doc = i % DOCS
        rows.append(
            {
                "finding": f"https://example.org/doc/{doc}/finding/{i}",
                "document": f"https://example.org/doc/{doc}",
                "file": f"doc-{doc}.pdf",
                "authority": "Benchshire",
                "text": f"Sentence {i}: the quality of plans for children is not consistently good enough.",
                "start": i,
                "end": i + 80,
                "page": 1 + i % 30,
                "kind": "finding",
                "polarity": POLARITIES[i % 3],
                "trajectory": None,
                "judgement_area": None,
                "date": f"{2010 + doc}-05-01",
                "section": None,
                "areas": " ".join(AREAS[(i * 7 + k) % len(AREAS)] for k in range(1 + i % 2)),
                "teams": "MASH|police" if i % 5 == 0 else None,
            }
        )
    docs = [
        {
            "document": f"https://example.org/doc/{d}",
            "file": f"doc-{d}.pdf",
            "authority": "Benchshire",
            "type": "inspection",
            "framework": "ILACS",
            "start": f"{2010 + d}-05-01",
            "end": None,
            "published": None,
            "lead": None,
        }
        for d in range(DOCS)
    ]
    pairs = [
        {
            "local_authority": "Benchshire",
            "earlier": f"doc-{d}.pdf",
            "later": f"doc-{d + 1}.pdf",
            "earlier_iri": f"https://example.org/doc/{d}",
            "later_iri": f"https://example.org/doc/{d + 1}",
            "persisting": [{"practice_area": a} for a in AREAS[:10]],
            "improved": [{"practice_area": AREAS[10]}],
            "new": [],
            "not_covered": [],
        }
        for d in range(DOCS - 1)
    ]
    return ViewData(
        findings=rows,
        documents=docs,
        judgements=[],
        persistence={"pairs": pairs},
        area_labels={a: a.replace("-", " ").title() for a in AREAS},
        node_cap=cap,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2_000, help="nodes in the authority view")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--store", type=Path, default=load_settings().store, help="a store to draw [INSPECTKG_STORE]"
    )
    args = parser.parse_args()
    findings = args.nodes
    while True:  # the frame (documents, lanes, cells, teams) depends on the findings: settle on the count
        data = synthetic(findings, 10**6)
        started = time.perf_counter()
        fig = authority_view(data, "Benchshire")
        html = page(fig, "authority", {"la": "Benchshire"})
        if len(fig.nodes) <= args.nodes or findings <= 0:
            break
        findings -= len(fig.nodes) - args.nodes
    build = time.perf_counter() - started
    out = Path(tempfile.mkdtemp()) / "authority.html"
    out.write_text(html, encoding="utf-8")
    national = Path(out.parent) / "national.html"
    national.write_text(
        page(
            national_view(
                data, cooccurrence_from_rows(data.findings), persistence_from_pairs(data.persistence["pairs"])
            ),
            "national",
            {},
        ),
        encoding="utf-8",
    )
    print(
        f"authority view: {len(fig.nodes)} nodes, {len(fig.edges)} edges, {len(html) / 1e6:.1f} MB; "
        f"laid out and written in {build * 1000:.0f} ms"
    )
    pages = [out, national]
    if args.store is not None and args.store.exists():
        pages += _real_views(args.store, out.parent)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            times = []
            for _ in range(args.repeat):
                tab = browser.new_page(viewport={"width": 1600, "height": 1000})
                tab.goto(path.as_uri())
                tab.wait_for_function("window.inspectkg && window.inspectkg.drawn", timeout=60_000)
                times.append(tab.evaluate("window.inspectkg.drawnAt"))
                count = tab.evaluate("window.inspectkg.nodes.length")
                tab.close()
            print(
                f"{path.stem}: {count} nodes drawn in Chromium in {statistics.median(times):.0f} ms "
                f"(median of {args.repeat}; runs: {', '.join(f'{t:.0f}' for t in times)} ms)"
            )
        browser.close()


def _real_views(store_path: Path, folder: Path) -> list[Path]:
    """The views of a real store, written to `folder`, each with the time render_view took."""
    store = Store(store_path, read_only=True)
    docs = run_named_query(store, "viz-documents")
    if not docs:
        return []
    la = Counter(d["authority"] for d in docs).most_common(1)[0][0]
    paths = []
    for name, view, params in (
        ("store-national", "national", {}),
        ("store-authority", "authority", {"la": la}),
        ("store-practice-area", "practice-area", {"area": "neglect"}),
    ):
        started = time.perf_counter()
        html = render_view(store, view, filters=params)
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        print(
            f"{name} {params}: rendered from {len({d['document'] for d in docs})} documents in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms, {len(html) / 1e6:.1f} MB"
        )
        paths.append(path)
    return paths


if __name__ == "__main__":
    main()
