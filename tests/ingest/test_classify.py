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


# Practice areas by sense, not by word: each row is one rule class of `_areas` and the lexicon.
# Sentences from the Blackpool sample and from Newham 2022 / West Sussex 2023 (shared corpus).
@pytest.mark.parametrize(
    ("text", "section_area", "areas"),
    [
        # One regex per pattern: "not in education" no longer hides the longer term, nor "training".
        (
            "For example, a significant number of children (52%) in care who left Year 11 at the end of the "
            "previous school year are not in education, employment or training.",
            None,
            ["care-leaver-eet"],
        ),
        # "capacity": parents' capacity is assessed; social work capacity is the workforce.
        (
            "Supervision is not happening frequently enough to prevent delay and help workers "
            "address concerns about parenting capacity for disabled children.",
            None,
            ["supervision", "assessment", "disabled-children"],
        ),
        (
            "Social work capacity has been increased in some parts of the service and practice development "
            "roles are starting to become a feature of teams.",
            None,
            ["workforce", "workforce-development"],
        ),
        # Attendance at meetings is not school attendance; "challenges" are difficulties, not oversight.
        (
            "The Children in Care Council and young people’s attendance at the corporate parenting meetings "
            "have been influential in the co-development of ‘The Cove’.",
            None,
            ["corporate-parenting"],
        ),
        (
            "There are challenges identifying placements that can meet some children’s complex needs; "
            "however, matching is effective for most children in care.",
            None,
            ["placements"],
        ),
        # Children "on" a child protection plan: a status, not an evaluation of the plan.
        (
            "Regular core groups for children on child protection plans take place but progress "
            "is not always well recorded.",
            None,
            ["cp-conferences"],
        ),
        (
            "Oversight of pre-proceedings work and placement-with-parent practice needs focus to address "
            "drift and delay.",
            None,
            ["pre-proceedings", "children-entering-care", "management-oversight"],
        ),
        # "care leavers" names whom the sentence concerns beside a more specific care-leavers area ...
        (
            "There is insufficient clarity as to the role and tasks to be undertaken by "
            "personal advisers when they are working with care leavers before their 18th birthday.",
            None,
            ["pathway-planning"],
        ),
        (
            "Most care leavers are in appropriate accommodation.",
            "care-leavers",
            ["care-leaver-accommodation"],
        ),
        # ... and alone it is the area.
        (
            "Too few care leavers aged over 21 are actively supported by the local authority.",
            None,
            ["care-leaver-support"],
        ),
        # A strategy qualified by another area's words belongs to that area.
        (
            "The workforce development strategy and offer have been reviewed and enhanced to secure more "
            "permanent staff in the light of these challenges, but gaps remain.",
            None,
            ["workforce-development", "workforce"],
        ),
        (
            "In a context where child sexual exploitation and children going missing are prevalent "
            "and widely known, the absence of a strategy to respond to contextual safeguarding "
            "is a significant concern.",
            None,
            ["exploitation", "missing-children"],
        ),
        # The DCS as agent or time mark, and the police as actor, are not what is evaluated.
        (
            "While it is positive that a quality assurance framework has been implemented by the DCS, the "
            "local authority has acknowledged that the quality of audits is too variable.",
            None,
            ["quality-assurance"],
        ),
        (
            "A comprehensive workforce strategy has been implemented since the DCS came into post.",
            None,
            ["workforce"],
        ),
        (
            "The police triage of domestic abuse notifications has led to some cases being stepped down "
            "to the early help hub (EHH) inappropriately, when the threshold for intervention "
            "by children’s social care had already been met.",
            None,
            ["thresholds", "early-help", "domestic-abuse"],
        ),
    ],
)
def test_practice_areas_by_sense(text: str, section_area: str | None, areas: list[str]) -> None:
    assert practice_areas_of(text, section_area)[0] == areas


# More rule classes of `_areas`: qualified heads, purpose phrases, inflections, and evaluations of
# assessment stated with a verb. Sentences from Blackpool 2019 and Newham 2022 / 2026.
@pytest.mark.parametrize(
    ("text", "areas"),
    [
        # "assessments" and "decision-making" qualified by another area's words belong to it; "stepped up
        # and down" is an inflection of the thresholds terms.
        ("Foster carer assessments are timely and of good quality.", ["fostering"]),
        (
            "Decision-making on PLO is unfocused, and cases are stepped up and down "
            "without a clear rationale.",
            ["pre-proceedings", "thresholds"],
        ),
        # Decision-making as the purpose of information is not what is evaluated.
        (
            "Referrals into the multi-agency safeguarding hub (MASH) do not provide sufficient information "
            "to inform decision-making.",
            ["front-door"],
        ),
        # Needs and circumstances judged understood or not: the quality of assessment.
        ("For some children, their vulnerability and circumstances are not well understood.", ["assessment"]),
        (
            "This means that, when children first come into care, their health needs "
            "are not fully understood.",
            ["children-entering-care", "health-of-children-in-care"],
        ),
        ("Evaluation of children’s histories is ineffective.", ["assessment"]),
        # Change in the quality of practice as a whole, and cultural change: what leaders are judged on.
        (
            "Significant financial investment has supported several key improvements and transformational "
            "change but there remains variability in the quality of service children "
            "and their families receive.",
            ["resources", "strategic-leadership"],
        ),
        # Organisational plans to act, demand at the front door, and a director's arrival name no area.
        (
            "The local authority has appropriate plans to develop the exploitation service to take "
            "account of wider contextual safeguarding issues.",
            ["exploitation"],
        ),
        (
            "Some key posts have been hard to fill, and the service is still made up of a largely "
            "inexperienced workforce, with high caseloads due to the volume of work "
            "coming through the front door.",
            ["workforce"],
        ),
        (
            "By the time a new director of children’s services (DCS) was appointed 17 months ago, standards "
            "of practice had seriously deteriorated.",
            [],
        ),
    ],
)
def test_practice_areas_by_phrase(text: str, areas: list[str]) -> None:
    assert practice_areas_of(text)[0] == areas


CARE_SECTION = (
    "The experiences and progress of children in care and care leavers requires improvement to be good"
)


@pytest.mark.parametrize(
    "text",
    [
        "Most care leavers are in appropriate accommodation.",
        "Housing options remain limited, however, with the range of options having only recently begun "
        "to improve.",
    ],
)
def test_a_section_heading_naming_care_leavers_admits_their_generic_cues(text: str) -> None:
    assert classify(sentence(text, CARE_SECTION)).practice_areas == ("care-leaver-accommodation",)


def test_a_sentence_naming_no_area_inherits_the_main_area_of_the_one_before() -> None:
    before = (
        "The need to seek parental consent is not always fully understood and workers often fail to take "
        "account of historical information to inform a more balanced understanding of risk."
    )
    found = classify(sentence("This means that crucial information can be missed.", preceding=(before,)))
    assert found.practice_areas == ("consent",)


@pytest.mark.parametrize(
    ("before", "text", "areas"),
    [
        (
            "When children are subject to child protection enquiries, in most cases appropriate procedures "
            "are followed, and children are offered immediate protection.",
            "However, the quality of the investigation and the subsequent assessment does not lead to "
            "consistently effective decision-making.",
            ("assessment", "management-oversight", "strategy-s47"),
        ),
        (
            "Children in care have care plans that are routinely completed and updated.",
            "However, the quality of the investigation and the subsequent assessment does not lead to "
            "consistently effective decision-making.",
            ("assessment", "management-oversight"),
        ),
    ],
)
def test_a_definite_noun_phrase_refers_back_to_the_area_of_the_sentence_before(
    before: str, text: str, areas: tuple[str, ...]
) -> None:
    assert classify(sentence(text, preceding=(before,))).practice_areas == areas


LEADERS_SECTION = "The impact of leaders on social work practice with children and families is inadequate"


# Issue 4's area rules, each on real sentences of the Blackpool sample (report, letter, news summary).
@pytest.mark.parametrize(
    ("before", "text", "section", "areas"),
    [
        # A sentence naming no area, with no word referring back, inherits nothing.
        (
            "This has sometimes led to unsafe decision-making, which places children at risk of harm.",
            "Widespread and serious failures were identified in some areas of practice during the "
            "inspection.",
            LEADERS_SECTION,
            (),
        ),
        # A definite noun phrase ("the interview") refers back to the area of the sentence before.
        (
            "Children who go missing do not always receive a timely return home interview.",
            "There is limited intelligence-gathering to explore risk in more detail or consider wider "
            "factors, as the interview is limited to an account from the child.",
            HELP_AND_PROTECTION,
            ("missing-children",),
        ),
        # A sentence stating the consequence of the one before carries its main area.
        (
            "Chronologies are not sufficiently updated or used effectively.",
            "This means that social workers are not always able to present a detailed understanding of "
            "children’s histories to the court.",
            CARE_SECTION,
            ("court-proceedings", "assessment"),
        ),
        # Education, employment or training of children in care is their education, not care leavers' EET;
        # "their" takes the population of the sentence before.
        (
            "",
            "For example, a significant number of children (52%) in care who left Year 11 at the end of the "
            "previous school year are not in education, employment or training.",
            CARE_SECTION,
            ("education-of-children-in-care",),
        ),
        (
            "For example, a significant number of children (52%) in care who left Year 11 at the end of the "
            "previous school year are not in education, employment or training.",
            "The complexity of their needs means that some require greater support than is currently "
            "available to enable them to access education, employment or training.",
            CARE_SECTION,
            ("education-of-children-in-care",),
        ),
        # Health needs of care leavers are part of their wider support; bed and breakfast is a care
        # leaver's accommodation or a homeless 16-year-old's, by whom the sentence names.
        (
            "",
            "Care leavers have access to information about their health needs.",
            CARE_SECTION,
            ("care-leaver-support",),
        ),
        (
            "",
            "A few care leavers have experienced periods in bed and breakfast accommodation and this "
            "represents an unnecessary risk.",
            CARE_SECTION,
            ("care-leaver-accommodation",),
        ),
        (
            "",
            "A small number of 16- and 17-year-olds experience unsuitable accommodation, such as bed and "
            "breakfast and sofa-surfing.",
            HELP_AND_PROTECTION,
            ("homeless-young-people",),
        ),
        # A population's area named only by a generic cue needs its population in the sentence or heading.
        ("", "However, inspectors did see some examples of attendance declining over time.", None, ()),
        (
            "",
            "However, inspectors did see some examples of attendance declining over time.",
            CARE_SECTION,
            ("education-of-children-in-care",),
        ),
        # Words that accompany a leadership area yield to one named specifically; others do not.
        (
            "",
            "Audits do not always lead to timely completion of actions to ensure that learning is embedded "
            "and leads to effective change.",
            LEADERS_SECTION,
            ("quality-assurance",),
        ),
        (
            "",
            "The DCS and CE set up the improvement board, which is chaired independently in order to offer "
            "additional scrutiny and challenge.",
            LEADERS_SECTION,
            ("strategic-leadership",),
        ),
        (
            "",
            "Substantial council financial investment has enabled a service restructure, as well as a "
            "relentless focus on expanding the workforce.",
            LEADERS_SECTION,
            ("resources", "workforce"),
        ),
        # "Plans" name the planning area of the section, when the sentence names no other area and no
        # demonstrative points back to plans of another kind.
        (
            "",
            "Social workers have clear aspirations for children, but these are not reflected in the plans.",
            CARE_SECTION,
            ("care-planning",),
        ),
        (
            "A year ago, only 14% of children looked after had a personal education plan (PEP).",
            "The quality of these plans varies, and many are poor with targets that lack aspiration.",
            CARE_SECTION,
            ("education-of-children-in-care",),
        ),
        # Cue precision: information shared, self-knowledge, improvement required, letters before
        # proceedings, a board named with a possessive; screening of cases and outcome-focused services.
        (
            "",
            "Core groups and reviews, where information is appropriately shared, are held regularly and most "
            "are attended by relevant partner agencies.",
            None,
            ("cp-conferences", "consent", "partnership"),
        ),
        (
            "",
            "Prior to the inspection, the local authority had recognised some of, but not all, the "
            "shortfalls in its practice.",
            None,
            ("strategic-leadership",),
        ),
        (
            "",
            "This has led to delays in delivering the level of improvement required and has restricted the "
            "impact on children and young people in Blackpool.",
            None,
            ("strategic-leadership",),
        ),
        (
            "",
            "Letters before proceedings clearly outline the local authority concerns, the support offered "
            "to families and next steps.",
            HELP_AND_PROTECTION,
            ("pre-proceedings",),
        ),
        (
            "",
            "In addition, screening of all open child sexual exploitation cases was undertaken during the "
            "inspection to provide assurance that risk assessments of children’s needs are appropriate.",
            LEADERS_SECTION,
            ("exploitation",),
        ),
        (
            "",
            "Disabled children benefit from a safe, timely and outcome-focused service, provided by a stable "
            "and experienced complex needs team.",
            HELP_AND_PROTECTION,
            ("disabled-children",),
        ),
    ],
)
def test_area_rules_on_real_sentences(
    before: str, text: str, section: str | None, areas: tuple[str, ...]
) -> None:
    preceding = (before,) if before else ()
    assert classify(sentence(text, section, preceding=preceding)).practice_areas == areas


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        (
            "The impact of leaders on social work practice with children and families is inadequate",
            ("strategic-leadership",),
        ),
        ("The impact of leaders on social work practice with children and families Inadequate", ()),
        ("The impact of leaders on social work practice with children and families: good", ()),
        (
            CARE_SECTION,
            (),
        ),
    ],
)
def test_a_judgement_sentence_names_the_area_it_judges_a_table_row_none(
    text: str, areas: tuple[str, ...]
) -> None:
    found = classify(sentence(text, text))
    assert (found.kind, found.practice_areas) == ("judgement", areas)
