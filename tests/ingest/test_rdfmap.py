"""The mapping writes N-Triples itself: each statement is what pyoxigraph prints for the same triple."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from inspectkg.ingest import rdfmap
from inspectkg.ingest.pipeline import process_file
from inspectkg.settings import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"


@pytest.mark.parametrize("name", ["blackpool-2019-01-17.pdf", "blackpool-2019-12-monitoring-letter.txt"])
def test_every_statement_is_pyoxigraphs_own_printing_of_it(name: str) -> None:
    mapped, _ = process_file(SAMPLE / name, Settings())
    text = "".join(f"{t} .\n" for t in mapped.triples)
    parsed = [str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    assert parsed == mapped.triples
    assert len(parsed) > 1000


@pytest.mark.parametrize(
    "value",
    ["plain", 'a "quoted" back\\slash', "".join(map(chr, range(0x20))) + "\x7f é ’ \u2028", ""],
)
def test_literals_are_escaped_as_pyoxigraph_escapes_them(value: str) -> None:
    assert rdfmap._lit(value) == str(ox.Literal(value))
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert rdfmap._lit(12) == str(ox.Literal("12", datatype=integer))


def test_an_iri_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError):
        rdfmap._n("not an iri")
