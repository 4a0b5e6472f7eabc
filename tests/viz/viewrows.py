"""Synthetic query rows and browser settings shared by the viz tests (a module of its own, so its
name does not clash with other test folders' conftest when they are collected together)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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
