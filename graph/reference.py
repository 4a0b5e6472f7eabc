"""Reference data: the ontology, its SKOS schemes and the local authorities, in one named graph."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from inspectkg.ontology import IKG, turtle
from inspectkg.ontology.lexicon import TURTLE_FILES

from .iri import Iris
from .store import Store

VERSION_MARK = str(IKG.referenceChecksum)


def ensure_reference(
    store: Store, iris: Iris, derive: Callable[[], object] | None = None, version: str = ""
) -> bool:
    """Load the reference graph when it is absent or out of date with the installed ontology (or
    with `version`, that of what is derived under it); whether it was (re)loaded.

    After a load, `derive` runs (linking every authority again) before the graph is marked current,
    so that a derivation cut short (a killed process) runs again the next time.
    """
    data = "\n".join(turtle(name) for name in TURTLE_FILES)
    checksum = hashlib.sha256((iris.base + version + data).encode("utf-8")).hexdigest()
    graph = iris.reference_graph
    present = bool(store.query(f'ASK {{ GRAPH <{graph}> {{ <{graph}> <{VERSION_MARK}> "{checksum}" }} }}'))
    if present:
        return False
    store.load_turtle(data, graph, iris.base)
    if derive is not None:
        derive()
    store.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{graph}> <{VERSION_MARK}> "{checksum}" }} }}')
    return True
