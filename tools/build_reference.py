"""Regenerate ontology/practice-areas.ttl and ontology/local-authorities.ttl from ../shared.

    python tools/build_reference.py [--shared ../shared]

The generated files are committed; tests/ontology/test_generated.py checks they match the
sources whenever ../shared is present.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PA_HEADER = """\
# Practice areas of children's services: generated from shared/spec/practice-areas.tsv by
# tools/build_reference.py; do not edit by hand. skos:altLabel values are the cue terms the
# extractor matches; skos:broader is the judgement area the practice area belongs to.
@prefix ikg:  <https://w3id.org/inspectkg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix pa:   <https://w3id.org/inspectkg/def/practice-area/> .
@prefix ja:   <https://w3id.org/inspectkg/def/judgement-area/> .

ikg:PracticeAreas a skos:ConceptScheme ;
    skos:prefLabel "Practice areas of children's services"@en .
"""

LA_HEADER = """\
# English local authorities with children's services: generated from
# shared/reference/local-authorities.csv (a public scraping project, MIT licence) by
# tools/build_reference.py; do not edit by hand. Keyed by Ofsted URN. IRIs are relative:
# they resolve against the deployment's base IRI (Settings.base_iri) when loaded.
@prefix ikg:  <https://w3id.org/inspectkg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix geo:  <http://statistics.data.gov.uk/id/statistical-geography/> .
"""


def lit(text: str) -> str:
    """A Turtle string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def practice_areas(tsv: Path) -> str:
    """practice-areas.ttl: one SKOS concept per row of the tsv."""
    out = [PA_HEADER]
    with tsv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            cues = [c.strip() for c in row["cue_terms"].split(";") if c.strip()]
            out.append(
                f"\npa:{row['id']} a skos:Concept ; skos:inScheme ikg:PracticeAreas ;\n"
                f"    skos:notation {lit(row['id'])} ; skos:prefLabel {lit(row['label'])}@en ;\n"
                f"    skos:definition {lit(row['definition'])}@en ;\n"
                f"    skos:broader ja:{row['judgement_area']} ;\n"
                f"    skos:altLabel {', '.join(lit(c) + '@en' for c in cues)} .\n"
            )
    return "".join(out)


def local_authorities(path: Path) -> str:
    """local-authorities.ttl: one ikg:LocalAuthority per row of the csv, keyed by Ofsted URN."""
    out = [LA_HEADER]
    with path.open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            names = {row["local_authority_ons_name"], row["ltla23nm"], row["utla23nm"]}
            names |= {n.strip() for n in re.findall(r"[^\[\],]+(?:, City of)?", row["also_known_as"] or "")}
            names = {n for n in names if n and n.strip()}
            pref = (row["utla23nm"] or row["local_authority_ons_name"]).removesuffix(", City of")
            names.add(pref)
            alts = sorted(n for n in names if n != pref)
            lines = [
                f"\n<la/{row['urn']}> a ikg:LocalAuthority, org:Organization ;",
                f"    skos:prefLabel {lit(pref)}@en ; rdfs:label {lit(pref)}@en ;",
                f"    ikg:ofstedURN {lit(row['urn'])} ;",
            ]
            if alts:
                lines.append(f"    skos:altLabel {', '.join(lit(a) + '@en' for a in alts)} ;")
            if row["la_code"]:
                lines.append(f"    ikg:dfeCode {lit(row['la_code'])} ;")
            if row["region_name"]:
                lines.append(f"    ikg:region {lit(row['region_name'])} ;")
            code = row["la_code_new"]
            lines.append(f"    ikg:gssCode {lit(code)} ; ikg:statisticalGeography geo:{code} .")
            out.append("\n".join(lines) + "\n")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    (ROOT / "ontology" / "practice-areas.ttl").write_text(
        practice_areas(args.shared / "spec" / "practice-areas.tsv"), encoding="utf-8"
    )
    (ROOT / "ontology" / "local-authorities.ttl").write_text(
        local_authorities(args.shared / "reference" / "local-authorities.csv"), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
