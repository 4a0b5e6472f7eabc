"""Reference data: the ontology, its SKOS schemes and the local authorities, in one named graph."""

from __future__ import annotations

import hashlib

from inspectkg.ontology import IKG, turtle
from inspectkg.ontology.lexicon import TURTLE_FILES

from .iri import Iris
from .store import Store

VERSION_MARK = str(IKG.referenceChecksum)


def ensure_reference(store: Store, iris: Iris) -> bool:
    """Load the reference graph when it is absent or out of date with the installed ontology;
    whether it was (re)loaded."""
    data = "\n".join(turtle(name) for name in TURTLE_FILES)
    checksum = hashlib.sha256((iris.base + data).encode("utf-8")).hexdigest()
    graph = iris.reference_graph
    present = bool(store.query(f'ASK {{ GRAPH <{graph}> {{ <{graph}> <{VERSION_MARK}> "{checksum}" }} }}'))
    if present:
        return False
    store.load_turtle(data + f'\n<{graph}> <{VERSION_MARK}> "{checksum}" .\n', graph, iris.base)
    return True
