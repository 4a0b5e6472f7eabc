"""Fixtures of the viz tests: synthetic query rows, and a real server for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from inspectkg.api import create_app
from inspectkg.graph import Store
from inspectkg.settings import Settings
from inspectkg.viz.layout import ViewData

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags that keep Chromium from calling home, so any request off 127.0.0.1 comes from the page itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LA = "Testshire"


def finding_row(
    i: int,
    doc: int,
    polarity: str = "concern",
    areas: str = "neglect",
    kind: str = "finding",
    text: str | None = None,
    teams: str | None = None,
) -> dict[str, Any]:
    """One row as the findings query gives it."""
    return {
        "finding": f"https://example.org/doc/{doc}/finding/{i}",
        "document": f"https://example.org/doc/{doc}",
        "file": f"doc-{doc}.txt",
        "authority": LA,
        "text": text or f"Sentence {i} of document {doc}.",
        "start": i * 10,
        "end": i * 10 + 9,
        "page": 1,
        "kind": kind,
        "polarity": polarity,
        "trajectory": None,
        "judgement_area": None,
        "date": f"20{10 + doc}-03-01",
        "section": None,
        "areas": areas,
        "teams": teams,
    }


def document_row(doc: int) -> dict[str, Any]:
    """One row as the viz-documents query gives it; document 0 is the earliest."""
    return {
        "document": f"https://example.org/doc/{doc}",
        "file": f"doc-{doc}.txt",
        "authority": LA,
        "type": "inspection",
        "framework": "ILACS",
        "start": f"20{10 + doc}-03-01",
        "end": None,
        "published": None,
        "lead": None,
    }


def pair(earlier: int, later: int, **statuses: list[str]) -> dict[str, Any]:
    """One pair of the persistence export with practice areas under each status."""
    return {
        "local_authority": LA,
        "earlier": f"doc-{earlier}.txt",
        "later": f"doc-{later}.txt",
        "earlier_iri": f"https://example.org/doc/{earlier}",
        "later_iri": f"https://example.org/doc/{later}",
        **{
            s: [{"practice_area": a} for a in statuses.get(s, [])]
            for s in ("persisting", "improved", "new", "not_covered")
        },
    }


@pytest.fixture()
def make_data() -> Callable[..., ViewData]:
    def make(
        findings: list[dict[str, Any]],
        docs: int = 2,
        pairs: list[dict[str, Any]] | None = None,
        cap: int = 2_000,
        **filters: str,
    ) -> ViewData:
        return ViewData(
            findings=findings,
            documents=[document_row(d) for d in range(docs)],
            judgements=[
                {
                    "document": "https://example.org/doc/0",
                    "key": "overall_effectiveness",
                    "grade": "inadequate",
                }
            ],
            persistence={"pairs": pairs or []},
            area_labels={"neglect": "Neglect", "planning": "Quality of plans", "front-door": "Front door"},
            area_groups={"neglect": "help-and-protection", "planning": "help-and-protection"},
            node_cap=cap,
            filters=filters,
        )

    return make


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def served(sample_store: Store, settings: Settings) -> Iterator[str]:
    """`inspectkg serve` over the sample store, on a free port of 127.0.0.1; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, store=sample_store),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ws="none",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
