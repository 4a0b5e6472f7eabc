"""The competency questions of ontology/README.md, each a graph/queries/cq-*.rq run on the sample corpus.

Answers are checked against the documents themselves: the letter's words, the reports' judgement tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspectkg.graph import Store
from inspectkg.graph.queries import registry, run_named_query
from inspectkg.ontology import practice_areas

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "blackpool"
LETTER = "blackpool-2019-12-monitoring-letter.txt"
INSPECTION_2019 = "blackpool-2019-01-17.pdf"


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def texts(store: Store) -> dict[str, str]:
    """Each document's extracted text by file name, white space folded."""
    rows = store.select("SELECT ?file ?text WHERE { ?d ikg:fileName ?file ; ikg:extractedText ?text }")
    return {r["file"]: folded(r["text"]) for r in rows}


def test_every_competency_question_is_documented() -> None:
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    names = [n for n in registry() if n.startswith("cq-")]
    assert len(names) == 4
    for name in names:
        assert f"graph/queries/{name}.rq" in readme


def test_concerns_persisting_from_the_2019_inspection_to_the_december_2019_visit(sample_store: Store) -> None:
    # The inspection ran from 26 November 2018 and was published in January 2019.
    rows = run_named_query(
        sample_store, "cq-persisting-concerns", {"la": "Blackpool", "earlier": "2018-11", "later": "2019-12"}
    )
    assert {(r["earlier_file"], r["later_file"]) for r in rows} == {(INSPECTION_2019, LETTER)}
    areas = {r["area"] for r in rows}
    # The letter says so in words: plans "lack specificity" as the inspection found; the response to
    # neglect is "too slow, as was the case at the time of the inspection"; consent "is still not always
    # sought"; assessments "continue to lack robust analysis".
    assert {"planning", "neglect", "consent", "assessment"} <= areas
    # Every area has evidence on both sides, and every quote is in its document.
    for area in areas:
        assert {r["side"] for r in rows if r["area"] == area} == {"earlier", "later"}
    by_file = texts(sample_store)
    letter = folded((SAMPLE / LETTER).read_text(encoding="utf-8"))
    for r in rows:
        assert folded(r["quote"]) in by_file[r["later_file"] if r["side"] == "later" else r["earlier_file"]]
        if r["side"] == "later":
            assert folded(r["quote"]) in letter
    later_planning = {r["quote"] for r in rows if r["area"] == "planning" and r["side"] == "later"}
    assert any("lack" in q for q in later_planning)


def test_persisting_concerns_filter_by_authority(sample_store: Store) -> None:
    assert run_named_query(sample_store, "cq-persisting-concerns", {"la": "Blackburn with Darwen"}) == []


def test_recommendations_of_the_2019_inspection_with_later_evidence_of_improvement(
    sample_store: Store,
) -> None:
    rows = run_named_query(
        sample_store, "cq-recommendations-improved", {"la": "Blackpool", "inspection": "2018-11"}
    )
    assert {r["inspection_file"] for r in rows} == {INSPECTION_2019}
    kinds = {
        r["f"]: r["kind"]
        for r in sample_store.select("SELECT ?f ?kind WHERE { ?f ikg:kind/skos:notation ?kind }")
    }
    polarity = {
        r["f"]: r["p"] for r in sample_store.select("SELECT ?f ?p WHERE { ?f ikg:polarity/skos:notation ?p }")
    }
    assert {kinds[r["recommendation"]] for r in rows} == {"recommendation"}
    # Improvement is evidenced by strengths (or mixed sentences) of later documents.
    assert {polarity[r["evidence"]] for r in rows} <= {"strength", "mixed"}
    assert INSPECTION_2019 not in {r["later_file"] for r in rows}
    found = {(r["area"], r["later_file"]) for r in rows}
    # The 2023 report grades children in care and care leavers good, up from requires improvement:
    # some recommendation about children in care or care leavers is answered by its strengths.
    in_care = {c.id for c in practice_areas() if c.broader in {"children-in-care", "care-leavers"}}
    assert {area for area, file in found if file == "blackpool-2023-02-01.pdf"} & in_care
    # The letter: "Thresholds at the front door continue to be applied well in most cases."
    assert found & {("thresholds", LETTER), ("front-door", LETTER)}
    by_file = texts(sample_store)
    for r in rows:
        assert folded(r["evidence_text"]) in by_file[r["later_file"]]
        assert folded(r["recommendation_text"]) in by_file[INSPECTION_2019]


@pytest.mark.parametrize("area", ["neglect", "front-door"])
def test_teams_named_in_concerns_match_the_findings(sample_store: Store, area: str) -> None:
    params = {} if area == "neglect" else {"area": area}
    rows = run_named_query(sample_store, "cq-teams-in-concerns", params)
    expected: dict[str, int] = {}
    for polarity in ("concern", "mixed"):
        for f in run_named_query(sample_store, "findings", {"area": area, "polarity": polarity}):
            for team in filter(None, (f["teams"] or "").split("|")):
                expected[team] = expected.get(team, 0) + 1
    assert {r["team_name"]: int(r["concerns"]) for r in rows} == expected
    for r in rows:
        assert r["type"].rsplit("#", 1)[-1] in {"Team", "Role"}


def test_the_mash_is_named_in_concerns_about_the_front_door(sample_store: Store) -> None:
    rows = run_named_query(sample_store, "cq-teams-in-concerns", {"area": "front-door", "la": "Blackpool"})
    mash = [r for r in rows if "MASH" in r["team_name"]]
    assert mash
    # The letter: "Consent is still not always sought by all partners, particularly the police, prior to
    # contacting the MASH".
    assert any(LETTER in r["documents"] for r in mash)


# The judgement tables of the three ILACS reports (first pages of the PDFs); the 2014 SIF report judged
# overall effectiveness and help and protection "requires improvement". From April 2026 there is no
# overall grade.
MOVES_SINCE_2019 = [
    ("care_leavers", "blackpool-2026-07-28.pdf", "outstanding", "requires_improvement", "up"),
    ("children_in_care", "blackpool-2026-07-28.pdf", "outstanding", None, "first"),
    ("children_in_care_and_care_leavers", INSPECTION_2019, "requires_improvement", None, "first"),
    ("children_in_care_and_care_leavers", "blackpool-2023-02-01.pdf", "good", "requires_improvement", "up"),
    ("help_and_protection", INSPECTION_2019, "inadequate", "requires_improvement", "down"),
    ("help_and_protection", "blackpool-2023-02-01.pdf", "requires_improvement", "inadequate", "up"),
    ("help_and_protection", "blackpool-2026-07-28.pdf", "good", "requires_improvement", "up"),
    ("impact_of_leaders", INSPECTION_2019, "inadequate", None, "first"),
    ("impact_of_leaders", "blackpool-2023-02-01.pdf", "requires_improvement", "inadequate", "up"),
    ("impact_of_leaders", "blackpool-2026-07-28.pdf", "outstanding", "requires_improvement", "up"),
    ("overall_effectiveness", INSPECTION_2019, "inadequate", "requires_improvement", "down"),
    ("overall_effectiveness", "blackpool-2023-02-01.pdf", "requires_improvement", "inadequate", "up"),
]


def test_how_each_judgement_of_blackpool_moved_between_2019_2023_and_2026(sample_store: Store) -> None:
    rows = run_named_query(sample_store, "cq-judgement-moves", {"la": "Blackpool"})
    since_2019 = [
        (r["key"], r["file"], r["grade"], r["previous_grade"], r["move"])
        for r in rows
        if r["file"] != "blackpool-2014-09-08.pdf"
    ]
    assert since_2019 == MOVES_SINCE_2019
    # The 2026 report makes no overall judgement.
    assert not [
        r for r in rows if r["key"] == "overall_effectiveness" and r["file"] == "blackpool-2026-07-28.pdf"
    ]
