"""Settings: declared once here, overridden by environment, then by CLI flags; frozen after."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "INSPECTKG_"


def default_store_path(env: Mapping[str, str]) -> Path:
    """$XDG_DATA_HOME/inspectkg/store, i.e. ~/.local/share/inspectkg/store by default."""
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "inspectkg" / "store"


@dataclass(frozen=True)
class Settings:
    """Everything configurable; each field can be set by INSPECTKG_<NAME> in the environment."""

    store: Path | None = None
    base_iri: str = "https://w3id.org/inspectkg/id/"
    max_file_bytes: int = 100 * 1024 * 1024
    query_timeout_s: float = 10.0
    query_row_cap: int = 10_000
    # Two cores busy with queries and a third worker ready while the server reads an answer and
    # sends the next job: 499 -> 545 req/s computed on the 500-document store (benchmarks/README.md).
    query_workers: int = 3
    max_body_bytes: int = 10 * 1024 * 1024
    cache_bytes: int = 64 * 1024 * 1024
    admin_token: str | None = None
    remote_endpoint: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    viz_node_cap: int = 2_000
    jobs: int = 0

    @property
    def store_path(self) -> Path:
        """The on-disk store folder; the XDG default when none was given."""
        return self.store if self.store is not None else default_store_path(os.environ)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values (flags) applied."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def load_settings(env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
    """Defaults -> environment (INSPECTKG_*) -> flags, into one frozen Settings."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw is None or raw == "":
            continue
        kind = str(f.type)
        if "Path" in kind:
            values[f.name] = Path(raw)
        elif kind.startswith("int"):
            values[f.name] = int(raw)
        elif kind.startswith("float"):
            values[f.name] = float(raw)
        else:
            values[f.name] = raw
    flags = {k: (Path(v) if k == "store" and v is not None else v) for k, v in flags.items()}
    return Settings(**values).with_overrides(**flags)
