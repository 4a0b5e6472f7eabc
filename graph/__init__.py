"""Graph: the store, the IRI policy, cross-visit linking, named queries, exports and analysis."""

from .iri import Iris
from .queries import NamedQuery, get_query, registry, run_named_query
from .store import Store, open_store

__all__ = ["Iris", "NamedQuery", "Store", "get_query", "open_store", "registry", "run_named_query"]
