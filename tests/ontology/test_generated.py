"""The generated reference files match their sources in ../shared (tools/build_reference.py)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from inspectkg.ontology import authorities, practice_areas

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")


def build_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_reference", ROOT / "tools" / "build_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_practice_areas_ttl_is_generated_from_the_tsv() -> None:
    text = build_reference().practice_areas(SHARED / "spec" / "practice-areas.tsv")
    assert text == (ROOT / "ontology" / "practice-areas.ttl").read_text(encoding="utf-8")


@needs_shared
def test_local_authorities_ttl_is_generated_from_the_csv() -> None:
    text = build_reference().local_authorities(SHARED / "reference" / "local-authorities.csv")
    assert text == (ROOT / "ontology" / "local-authorities.ttl").read_text(encoding="utf-8")


@needs_shared
def test_every_row_of_the_tsv_is_a_practice_area_with_its_cues() -> None:
    with (SHARED / "spec" / "practice-areas.tsv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    concepts = {c.id: c for c in practice_areas()}
    assert sorted(concepts) == sorted(rows)
    for pid, row in rows.items():
        c = concepts[pid]
        assert (c.label, c.definition, c.broader) == (row["label"], row["definition"], row["judgement_area"])
        assert set(c.cues) == {t.strip() for t in row["cue_terms"].split(";") if t.strip()}


@needs_shared
def test_every_row_of_the_csv_is_an_authority() -> None:
    with (SHARED / "reference" / "local-authorities.csv").open(encoding="utf-8-sig") as f:
        urns = {r["urn"] for r in csv.DictReader(f)}
    assert {a.urn for a in authorities()} == urns
