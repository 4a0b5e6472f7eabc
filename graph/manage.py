"""Store management: removing a document and counting what the store holds."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from inspectkg.errors import NotFound
from inspectkg.settings import Settings

from .iri import Iris
from .linking import relink
from .store import Store

FIND_DOC = """
SELECT ?doc ?urn WHERE { ?doc a ikg:Document ; ikg:about ?la . ?la ikg:ofstedURN ?urn .
  OPTIONAL { ?doc ikg:fileName ?file }
  FILTER(STR(?doc) = ?key || ?file = ?key) }
"""

STATS = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?la) AS ?authorities)
WHERE { ?doc a ikg:Document ; ikg:about ?la }
"""

FINDING_STATS = """
SELECT ?kind (COUNT(?f) AS ?n) WHERE { ?f ikg:kind/skos:notation ?kind } GROUP BY ?kind ORDER BY ?kind
"""


def remove_document(store: Store, settings: Settings, key: str) -> str:
    """Drop a document's graph by its file name or IRI and relink its authority."""
    rows = store.select(FIND_DOC, bindings={"key": ox.Literal(key)})
    if not rows:
        raise NotFound(f"no document {key!r} in the store")
    doc, urn = rows[0]["doc"], rows[0]["urn"]
    store.drop_graph(doc)
    relink(store, Iris(settings.base_iri), urn)
    store.flush()
    return str(doc)


def store_stats(store: Store) -> list[dict[str, Any]]:
    """What the store holds: documents, authorities, findings by kind, links and triples."""
    row = store.select(STATS)[0]
    out: list[dict[str, Any]] = [
        {"what": "documents", "count": row["documents"]},
        {"what": "authorities", "count": row["authorities"]},
    ]
    out += [{"what": f"sentences: {r['kind']}", "count": r["n"]} for r in store.select(FINDING_STATS)]
    links = store.select("SELECT (COUNT(?l) AS ?n) WHERE { ?l a ikg:AreaTrajectory }")[0]["n"]
    out.append({"what": "area links", "count": links})
    out.append({"what": "triples", "count": len(store)})
    return out
