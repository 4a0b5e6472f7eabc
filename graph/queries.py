"""Named SPARQL queries: the .rq files of graph/queries/, loaded once, run with bound parameters.

Each file opens with a header of comment lines:
    # title: Persisting concerns of an authority
    # description: what the query answers
    # param: la: the local authority's name (optional)
Parameters are bound as SPARQL variables (?la) by a VALUES block of RDF terms (graph.store.bind), never pasted
into the query text; an optional parameter that is not given is left unbound. A parameter of kind
`authority` takes a local authority's name, GSS code, Ofsted URN or IRI and is bound to the authority's
IRI (the `authority` query resolves it), so that the query starts from that authority's index entries.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from inspectkg.errors import MissingParameter, NotFound, UnknownQuery
from inspectkg.ontology import PREFIXES, sparql_prefixes

from .store import Store

HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")


@dataclass(frozen=True)
class Parameter:
    """A named query's parameter: a variable name, what it means, and whether it may be left out."""

    name: str
    description: str
    optional: bool
    kind: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its file stem, header and SPARQL text (with the project's prefixes)."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str

    def bind(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal | None]:
        """RDF terms for the given parameter values (None when left out); raises on a missing one."""
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise MissingParameter(f"query {self.name} has no parameter {', '.join(sorted(unknown))}")
        out: dict[str, ox.NamedNode | ox.Literal | None] = {}
        for p in self.parameters:
            value = values.get(p.name)
            if value is None or value == "":
                if not p.optional:
                    raise MissingParameter(f"query {self.name} needs the parameter {p.name}")
                out[p.name] = None
                continue
            if p.kind == "iri":
                out[p.name] = ox.NamedNode(value)
            elif p.kind == "integer":
                out[p.name] = ox.Literal(str(int(value)), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
            elif p.kind == "date":
                out[p.name] = ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))
            else:
                out[p.name] = ox.Literal(value)
        return out


def _parse(name: str, text: str) -> NamedQuery:
    title, description, params = name, "", []
    for line in text.splitlines():
        m = HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        field, value = m.groups()
        if field == "title":
            title = value.strip()
        elif field == "description":
            description = (description + " " + value.strip()).strip()
        else:
            pname, _, rest = value.partition(":")
            kind = "string"
            km = re.match(r"\s*\((iri|integer|date|string|authority)\)\s*", rest)
            if km:
                kind, rest = km.group(1), rest[km.end() :]
            params.append(Parameter(pname.strip(), rest.strip(), "(optional)" in rest, kind))
    return NamedQuery(name, title, description, tuple(params), sparql_prefixes() + text)


@cache
def registry() -> dict[str, NamedQuery]:
    """Every named query by name (file stem), parsed once."""
    folder = resources.files(__package__).joinpath("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def get_query(name: str) -> NamedQuery:
    """A named query by name; UnknownQuery lists the names there are."""
    try:
        return registry()[name]
    except KeyError:
        raise UnknownQuery(f"no named query {name!r}; there are: {', '.join(registry())}") from None


# Authorities come from the reference graph, which a store keeps for its lifetime: resolved once per store.
_resolved: weakref.WeakKeyDictionary[Store, dict[str, ox.NamedNode]] = weakref.WeakKeyDictionary()


def resolve_authority(store: Store, given: str, parameter: str = "la") -> ox.NamedNode:
    """The IRI of the authority a name, GSS code, Ofsted URN or IRI names; NotFound names the parameter."""
    known = _resolved.setdefault(store, {})
    key = given.strip().lower()
    if key not in known:
        rows = store.select(get_query("authority").sparql, bindings={"given": ox.Literal(given.strip())})
        if not rows:
            raise NotFound(
                f"no local authority {given!r} (parameter {parameter}); see the query api-authorities"
            )
        known[key] = ox.NamedNode(rows[0]["authority"])
    return known[key]


def bindings_of(
    store: Store, query: NamedQuery, params: dict[str, str]
) -> dict[str, ox.NamedNode | ox.Literal | None]:
    """The query's parameters as RDF terms, authorities resolved to their IRIs in the store."""
    bindings = query.bind(params)
    for p in query.parameters:
        value = bindings[p.name]
        if p.kind == "authority" and value is not None:
            bindings[p.name] = resolve_authority(store, value.value, p.name)
    return bindings


def run_named_query(store: Store, name: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows of a named SELECT query with its parameters bound (authorities resolved to their IRIs)."""
    query = get_query(name)
    return store.select(query.sparql, bindings=bindings_of(store, query, params or {}))
