"""Fixtures of the viz tests: synthetic query rows, and a real server for the browser tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from live_server import serving
from viewrows import document_row

from inspectkg.graph import Store
from inspectkg.settings import Settings
from inspectkg.viz.layout import ViewData


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


@pytest.fixture(scope="session")
def served(sample_store: Store, settings: Settings) -> Iterator[str]:
    """`inspectkg serve` over the sample store, on a free port of 127.0.0.1; yields its base URL."""
    with serving(settings, sample_store) as server:
        yield server.url
