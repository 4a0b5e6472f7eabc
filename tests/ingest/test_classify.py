"""Classification of real sentences of the Blackpool sample: kind, polarity, areas, teams, trajectory."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspectkg.ingest.classify import classify, polarity_of, practice_areas_of, segments, teams_of
from inspectkg.ingest.structure import Sentence, acronyms

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"
HELP_AND_PROTECTION = "The experiences and progress of children who need help and protection is inadequate"
GOOD_SECTION = "The experiences and progress of children in care and care leavers: good"


@pytest.fixture(scope="module")
def letter_acronyms() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(acronyms(LETTER.read_text(encoding="utf-8")).items()))


def sentence(text: str, section: str | None = None, **fields: object) -> Sentence:
    return Sentence(0, len(text), text, section, None, False, 0, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Health assessments and plans are not always completed in a timely manner.", "concern"),
        (
            "Clear criteria are applied to assess need and respond appropriately to safeguarding concerns.",
            "strength",
        ),
        (
            "Agency decision-making takes place at the right time, but the quality of recording is weak.",
            "mixed",
        ),
        ("Early help assessments are completed, although the quality of these vary.", "mixed"),
        ("Despite these efforts, recruitment continues to be a significant challenge.", "concern"),
        (
            "Despite this, ASYE support was valued by new social workers, with peer group supervisions held "
            "regularly by new ASYE coordinators.",
            "strength",
        ),
        (
            "Social workers are not being well prepared to confidently "
            "present the plan for permanence to the "
            "court to achieve appropriate outcomes for children.",
            "concern",
        ),
        (
            "Children in care have care plans that are routinely "
            "completed and updated, but these are not always "
            "tailored to the needs of individual children, and lack "
            "clarity in relation to a plan for permanence.",
            "mixed",
        ),
        (
            "The DCS has been pro-active in taking prompt remedial action "
            "during the inspection to address practice "
            "deficits.",
            "strength",
        ),
    ],
)
def test_polarity(text: str, polarity: str) -> None:
    assert classify(sentence(text)).polarity == polarity


def test_negated_strength_is_a_concern_cue() -> None:
    found, cues = polarity_of("Recording is not always clear or timely and sometimes lacks analysis.")
    assert (found, cues) == ("concern", ["segment concern: -not, -not clear, -not timely, -lacks"])


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Although A is done well, B is weak.", ["Although A is done well,", " B is weak."]),
        (
            "However, this was based on partial information.",
            ["However, this was based on partial information."],
        ),
        ("A is good, but B is weak; C is poor.", ["A is good, ", "but B is weak; ", "C is poor."]),
    ],
)
def test_segments(text: str, parts: list[str]) -> None:
    assert [text[a:b] for a, b in segments(text)] == parts


@pytest.mark.parametrize(
    ("text", "trajectory"),
    [
        ("Caseloads are still too high in some teams, including for some ASYE social workers.", "persisting"),
        ("Thresholds at the front door continue to be applied well in most cases.", "maintained"),
        ("Despite these efforts, recruitment continues to be a significant challenge.", "persisting"),
        (
            "The standard of social work practice in Blackpool has declined since the last inspection.",
            "declined",
        ),
        (
            "A new model of social work practice has been introduced to help social workers recognise risk.",
            "new",
        ),
        (
            "The progress made by the MASH, which was noted during the "
            "first monitoring visit in August 2019, has "
            "been maintained.",
            "maintained",
        ),
        (
            "A recently formed ‘becoming looked after’ panel has improved senior managers’ understanding of "
            "children coming into care.",
            "improved",
        ),
        ("The quality of CAFAs is variable.", None),
    ],
)
def test_trajectory(text: str, trajectory: str | None) -> None:
    assert classify(sentence(text)).trajectory == trajectory


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        (
            "Caseloads are still too high in some teams, including for some ASYE social workers.",
            ["workforce", "workforce-development"],
        ),
        (
            "Life-story books are not always completed in a timely way "
            "for children with a plan of permanence.",
            ["care-planning"],
        ),
        (
            "Thresholds at the front door continue to be applied well in most cases.",
            ["thresholds", "front-door"],
        ),
        ("This is a significant gap.", []),
    ],
)
def test_practice_areas(text: str, areas: list[str]) -> None:
    assert practice_areas_of(text)[0] == areas


def test_generic_cue_of_another_judgement_area_is_dropped_in_a_judgement_section() -> None:
    text = "Social workers have clear aspirations for children, but these are not reflected in the plans."
    assert practice_areas_of(text)[0] == ["planning"]
    assert practice_areas_of(text, "children-in-care")[0] == []


def test_sentence_without_area_takes_the_one_before_it() -> None:
    first = "The quality of CAFAs is variable."
    then = sentence("This means that crucial information can be missed.", preceding=(first,))
    assert classify(then).practice_areas == ("assessment",)


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        (
            "There is timely allocation of work from the MASH to social workers in AST teams, with clear "
            "direction regarding the areas to be considered within the child and family assessment.",
            ["Multi-Agency Safeguarding Hub (MASH)", "assessment and support teams (AST)"],
        ),
        (
            "Although frontline management capacity has increased in the "
            "AST and SSF teams since the inspection, "
            "management oversight is inconsistent, and weak in some areas.",
            ["assessment and support teams (AST)", "strengthening and supporting families teams (SSF)"],
        ),
        (
            "Disabled children benefit from a safe, timely and "
            "outcome-focused service, provided by a stable and "
            "experienced complex needs team.",
            ["complex needs team"],
        ),
        (
            "Children’s health needs are routinely assessed by health "
            "workers located in the social work teams.",
            [],
        ),
        (
            "This places pressure on the whole service, which is "
            "continually coping with high levels of demand.",
            [],
        ),
        (
            "A weekly resolution panel has been recently introduced to the service.",
            ["weekly resolution panel"],
        ),
        (
            "The DCS and CE set up the improvement board, which is chaired independently.",
            ["DCS", "improvement board"],
        ),
        ("There were complaints about Sefton children’s services and the wider council.", []),
    ],
)
def test_teams(text: str, teams: list[str], letter_acronyms: tuple[tuple[str, str], ...]) -> None:
    assert teams_of(text, dict(letter_acronyms)) == teams


@pytest.mark.parametrize(
    ("text", "section", "kind", "polarity"),
    [
        (
            "Inspectors considered a range of evidence, including electronic case records.",
            None,
            "context",
            "neutral",
        ),
        ("I am copying this letter to the Department for Education.", None, "context", "neutral"),
        ("The new model will launch after social workers have been trained.", None, "context", "neutral"),
        ("Overall effectiveness was judged to be inadequate.", None, "judgement", "concern"),
        (
            "The experiences and progress of children in care and care "
            "leavers requires improvement to be good.",
            None,
            "judgement",
            "concern",
        ),
        (
            "Leaders and operational managers have supported frontline "
            "staff to significantly improve practice "
            "since the last inspection, when the overall effectiveness was inadequate.",
            None,
            "finding",
            "strength",
        ),
        (
            "The quality and impact of audit and performance management.",
            "What needs to improve?",
            "recommendation",
            "concern",
        ),
        (
            "Ensure that all statutory partners routinely attend and contribute to the work of the Board.",
            None,
            "recommendation",
            "concern",
        ),
        (
            "Leaders, managers and staff have worked hard to drive change.",
            GOOD_SECTION,
            "finding",
            "strength",
        ),
        (
            "Leaders, managers and staff have worked hard to drive change.",
            HELP_AND_PROTECTION,
            "finding",
            "concern",
        ),
    ],
)
def test_kind(text: str, section: str | None, kind: str, polarity: str) -> None:
    result = classify(sentence(text, section))
    assert (result.kind, result.polarity) == (kind, polarity)


def test_recommendation_after_an_intro_in_running_text() -> None:
    text = "The quality of social work assessments and plans need work."
    assert classify(sentence(text, after_recommendation_intro=True)).kind == "recommendation"
    assert classify(sentence(text)).kind == "finding"


def test_judgement_area_comes_from_the_section() -> None:
    result = classify(
        sentence("Return home interviews do not include a clear risk assessment.", HELP_AND_PROTECTION)
    )
    assert result.judgement_area == "help-and-protection"


def test_headline_grade_is_a_judgement() -> None:
    result = classify(sentence("Blackpool rated as inadequate", heading=True))
    assert (result.kind, result.polarity, result.judgement_area) == ("judgement", "concern", None)


def test_cues_say_why() -> None:
    result = classify(sentence("Caseloads are still too high in some teams."))
    assert result.cues == (
        "practice_area workforce: Caseloads",
        "segment concern: -too high",
        "trajectory persisting: still",
    )
