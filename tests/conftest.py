"""Shared fixtures: paths to the fixture corpus and one session store of the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.graph import Store
from inspectkg.ingest import IngestResult, ingest_paths
from inspectkg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "examples" / "blackpool"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def sample_ingest(settings: Settings) -> tuple[Store, list[IngestResult]]:
    """The bundled Blackpool corpus in an in-memory store, ingested as `make demo` does."""
    store = Store(None)
    results = ingest_paths([SAMPLE], store, settings)
    return store, results


@pytest.fixture(scope="session")
def sample_store(sample_ingest: tuple[Store, list[IngestResult]]) -> Store:
    return sample_ingest[0]
