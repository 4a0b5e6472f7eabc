"""The ontology: namespaces, SKOS schemes and the extractor's lexicon, all read from Turtle."""

from .lexicon import (
    Authority,
    Concept,
    authorities,
    concept_by_id,
    lexicon_entries,
    lexicon_patterns,
    lexicon_terms,
    ontology_graph,
    pair_counts,
    practice_areas,
    scheme,
    turtle,
)
from .terms import IKG, OA, ORG, PREFIXES, SCHEMES, concept, notation, sparql_prefixes

__all__ = [
    "IKG",
    "OA",
    "ORG",
    "PREFIXES",
    "SCHEMES",
    "Authority",
    "Concept",
    "authorities",
    "concept",
    "concept_by_id",
    "lexicon_entries",
    "lexicon_patterns",
    "lexicon_terms",
    "notation",
    "ontology_graph",
    "pair_counts",
    "practice_areas",
    "scheme",
    "sparql_prefixes",
    "turtle",
]
