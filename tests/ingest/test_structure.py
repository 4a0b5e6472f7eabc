"""Structure: paragraphs, headings, sentences and acronyms of the Blackpool sample letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.ingest.structure import acronyms, in_recommendation_section, paragraphs, sentences

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"
NEWS = SAMPLE / "blackpool-2019-01-news-summary.txt"


@pytest.fixture(scope="module")
def letter() -> str:
    return LETTER.read_text(encoding="utf-8")


def test_acronyms_fold_in_the_head_noun_after_the_parenthesis(letter: str) -> None:
    assert acronyms(letter) == {
        "AST": "assessment and support teams",
        "SSF": "strengthening and supporting families teams",
        "PIP": "partners in practice authorities",
        "MASH": "Multi-Agency Safeguarding Hub",
        "CAFA": "child and family assessment",
        "PLO": "public law outline",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the director of children’s services (DCS) was appointed",
            {"DCS": "director of children’s services"},
        ),
        (
            "Independent Reviewing Officers (IROs) write to the child",
            {"IRO": "Independent Reviewing Officers"},
        ),
        ("the early help hub (EHH) inappropriately", {"EHH": "early help hub"}),
        ("in the year (2019) before", {}),
    ],
)
def test_acronym_definitions(text: str, expected: dict[str, str]) -> None:
    assert acronyms(text) == expected


def test_every_sentence_is_its_slice_of_the_text(letter: str) -> None:
    assert all(letter[s.start : s.end] == s.text for s in sentences(letter))


def test_sentence_broken_by_a_blank_line_is_joined(letter: str) -> None:
    found = [
        s for s in sentences(letter) if s.text.endswith("over-optimism about parents' capacity to change.")
    ]
    assert [s.text for s in found] == ["This leads to an\n\nover-optimism about parents' capacity to change."]
    assert found[0].preceding[0] == "The quality of CAFAs is variable."


def test_paragraphs_join_a_lower_case_continuation() -> None:
    text = "Plans are\n\nnot specific.\nNext one."
    assert [p.text for p in paragraphs(text)] == ["Plans are\n\nnot specific.", "Next one."]


def test_headings_open_sections(letter: str) -> None:
    found = sentences(letter)
    heading = next(s for s in found if s.text == "Findings and evaluation of progress")
    assert heading.heading
    after = found[heading.order + 1]
    assert (after.section, after.heading) == ("Findings and evaluation of progress", False)


def test_question_mark_recommendation_heading() -> None:
    text = "What needs to improve?\n\nConsistency in the offer of advocates for children.\n"
    first, item = sentences(text)
    assert (first.heading, item.section, in_recommendation_section(item.section)) == (
        True,
        "What needs to improve?",
        True,
    )


def test_recommendations_announced_in_running_text() -> None:
    found = sentences(NEWS.read_text(encoding="utf-8"))
    flagged = [s.text for s in found if s.after_recommendation_intro]
    assert [t[:40] for t in flagged] == [
        "The report makes a number of recommendat",
        "The quality of social work assessments a",
        "The response to children at risk of expl",
        "Oversight of pre-proceedings work and pl",
        "Training needs of social workers needs t",
    ]
