"""Fixtures of the API tests: real servers on 127.0.0.1 over an on-disk store of the sample letters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from live_server import LETTER, NEWS, TOKEN, Served, make_store, serving

from inspectkg.graph import Store
from inspectkg.settings import Settings


@pytest.fixture(scope="session")
def letters_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return make_store(tmp_path_factory.mktemp("api") / "store", LETTER, NEWS)


@pytest.fixture(scope="session")
def server(letters_store: Store) -> Iterator[Served]:
    """The server as `inspectkg serve` runs it, with default limits, over the two letters."""
    with serving(Settings(store=letters_store.path), letters_store) as served:
        yield served


@pytest.fixture(scope="session")
def strict_server(letters_store: Store) -> Iterator[Served]:
    """The same store behind tight limits and an admin token, for the abuse tests."""
    settings = Settings(
        store=letters_store.path,
        query_timeout_s=2.0,
        query_row_cap=50,
        max_body_bytes=64 * 1024,
        admin_token=TOKEN,
    )
    with serving(settings, letters_store) as served:
        yield served


@pytest.fixture()
def admin_server(tmp_path: Path) -> Iterator[Served]:
    """A server over a store of its own (the letter only), which tests may write to."""
    store = make_store(tmp_path / "store", LETTER)
    with serving(Settings(store=store.path, admin_token=TOKEN), store) as served:
        yield served


@pytest.fixture(scope="session")
def sample_server(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The whole bundled Blackpool corpus (the session's sample store, copied to disk)."""
    path = tmp_path_factory.mktemp("api-sample") / "store"
    store = Store(path)
    store.raw.load(ox.serialize(sample_store.raw, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    store.flush()
    with serving(Settings(store=path, query_timeout_s=60.0), store) as served:
        yield served
