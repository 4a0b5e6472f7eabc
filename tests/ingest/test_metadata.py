"""Document metadata: authority, type, framework, dates, inspectors, ordinal, judgements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspectkg.errors import UnrecognisedAuthority
from inspectkg.ingest.metadata import (
    document_type,
    extract_metadata,
    find_authority,
    grade_id,
    judgement_row,
)
from inspectkg.ingest.readers import RawDocument, read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPORTS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted-reports"
LIMIT = 100 * 1024 * 1024


def text_document(text: str, fmt: str = "text") -> RawDocument:
    return RawDocument(path=Path("doc.txt"), format=fmt, text=text, page_starts=(0,), sha256="")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inspection of North Northamptonshire local authority children’s services\n"
            "services delivered by Northamptonshire Children’s Trust for West "
            "Northamptonshire County Council",
            "North Northamptonshire",
        ),
        (
            "Ofsted\nPiccadilly Gate\nManchester\nM1 2WD\n\nMonitoring visit of Blackpool "
            "children's services",
            "Blackpool",
        ),
        ("London Borough of Newham\nInspection of children’s social care services", "Newham"),
        ("Wakefield Metropolitan District Council\nInspection of services for children", "Wakefield"),
        ("Children in Sefton are reading more. Sefton leaders know their services.", "Sefton"),
    ],
)
def test_find_authority(text: str, expected: str) -> None:
    la = find_authority(text)
    assert la is not None and la.name == expected


def test_find_authority_gss_code() -> None:
    la = find_authority("Inspection of North Northamptonshire local authority children’s services")
    assert la is not None and la.gss == "E06000061"


def test_lowercase_words_are_not_authorities() -> None:
    assert find_authority("Children enjoy reading and the bury of the day.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The impact of leaders on social work practice with children and families Outstanding",
            ("impact_of_leaders", "outstanding"),
        ),
        ("The impact of leaders on practice with children and families Good", ("impact_of_leaders", "good")),
        (
            "The experiences and progress of children in care and care leavers Requires "
            "improvement to be good",
            ("children_in_care_and_care_leavers", "requires_improvement"),
        ),
        ("The experiences and progress of children in care Good", ("children_in_care", "good")),
        ("The experiences and progress of care leavers Inadequate", ("care_leavers", "inadequate")),
        (
            "The experiences and progress of children who need help and protection: requires "
            "improvement to be good",
            ("help_and_protection", "requires_improvement"),
        ),
        (
            "Overall effectiveness Requires improvement to be good",
            ("overall_effectiveness", "requires_improvement"),
        ),
        (
            "1. Children who need help and protection Requires Improvement",
            ("help_and_protection", "requires_improvement"),
        ),
        (
            "2. Children looked after and achieving permanence Requires improvement",
            ("children_looked_after", "requires_improvement"),
        ),
        ("2.1 Adoption performance Good", ("adoption_performance", "good")),
        ("2.2 Experiences and progress of care leavers Good", ("care_leavers", "good")),
        (
            "3. Leadership, management and governance Inadequate",
            ("leadership_management_governance", "inadequate"),
        ),
        ("The Local Safeguarding Children Board is good.", ("lscb", "good")),
        ("The Local Safeguarding Children Board requires improvement", ("lscb", "requires_improvement")),
        (
            "The overall judgement is that children’s services require improvement.",
            ("overall_effectiveness", "requires_improvement"),
        ),
        (
            "Children’s services in Wakefield Metropolitan District Council require improvement to be good.",
            ("overall_effectiveness", "requires_improvement"),
        ),
        ("Children’s services in Blackpool require improvement because:", None),
        ("Overall effectiveness is a judgement the inspectors make with care.", None),
        ("The experiences and progress of care leavers are improving.", None),
    ],
)
def test_judgement_row(line: str, expected: tuple[str, str] | None) -> None:
    assert judgement_row(line) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Requires Improvement", "requires_improvement"),
        ("require improvement to be good", "requires_improvement"),
        ("Outstanding", "outstanding"),
        ("adequate", None),
    ],
)
def test_grade_id(words: str, expected: str | None) -> None:
    assert grade_id(words) == expected


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            "Inspection of Sefton local authority children’s services\nInspection dates: 23 "
            "June to 4 July 2025",
            "pdf",
            "inspection",
        ),
        (
            "London Borough of Newham\nInspection of children’s social care services\nThe "
            "focused visit of 2018 "
            "found",
            "pdf",
            "inspection",
        ),
        ("Dear Director\n\nMonitoring visit of Blackpool children's services\n", "text", "monitoring_visit"),
        ("Dear Director\n\nFocused visit to Newham children's services\n", "text", "focused_visit"),
        (
            "Blackpool rated as inadequate\n\nAn inspection of children's services found "
            "that, Ofsted has warned.",
            "text",
            "news_summary",
        ),
        ("Council budget set for next year\n\nThe council agreed its budget.", "text", "other"),
    ],
)
def test_document_type(text: str, fmt: str, expected: str) -> None:
    assert document_type(text, fmt) == expected


def test_letter_metadata() -> None:
    meta = extract_metadata(read_document(FIXTURES / "letter.txt", LIMIT))
    assert (meta.authority.name, meta.document_type, meta.framework, meta.title) == (
        "Blackpool",
        "monitoring_visit",
        "ILACS",
        "Monitoring visit of Blackpool children's services",
    )
    assert (meta.inspection_start, meta.inspection_end, meta.published) == (
        date(2019, 12, 16),
        date(2019, 12, 17),
        date(2020, 1, 21),
    )
    assert (meta.lead_inspector, meta.inspectors, meta.visit_ordinal) == (
        "Lorna Schlechte",
        ["Lorna Schlechte", "Shabana Abasi"],
        2,
    )
    assert (meta.earlier_inspection, meta.earlier_grade, meta.judgements) == ("2019-01", "inadequate", {})


def test_report_pages_metadata() -> None:
    meta = extract_metadata(read_document(FIXTURES / "report-3-pages.pdf", LIMIT))
    assert (meta.authority.name, meta.document_type, meta.framework) == ("Blackpool", "inspection", "ILACS")
    assert (meta.inspection_start, meta.inspection_end, meta.lead_inspector) == (
        date(2018, 11, 26),
        date(2018, 12, 7),
        "Lorna Schlechte",
    )
    assert meta.judgements == {
        "impact_of_leaders": "inadequate",
        "help_and_protection": "inadequate",
        "children_in_care_and_care_leavers": "requires_improvement",
        "overall_effectiveness": "inadequate",
    }


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Inspection dates: 23 June to 4 July 2025", date(2025, 6, 23), date(2025, 7, 4)),
        ("Inspection date: 2 July 2014 – 23 July 2014", date(2014, 7, 2), date(2014, 7, 23)),
        ("Inspection date: 05 July 2016–27 July 2016", date(2016, 7, 5), date(2016, 7, 27)),
        ("Inspection dates: 26 November 2018 to 7 December 2018", date(2018, 11, 26), date(2018, 12, 7)),
        (
            "the monitoring visit to Blackpool children's services on 16 and 17 December 2019.",
            date(2019, 12, 16),
            date(2019, 12, 17),
        ),
        (
            "the focused visit to Blackpool children's services on 4 June 2018.",
            date(2018, 6, 4),
            date(2018, 6, 4),
        ),
    ],
)
def test_visit_dates(sentence: str, start: date, end: date) -> None:
    meta = extract_metadata(text_document(f"Inspection of Blackpool children’s services\n{sentence}\n"))
    assert (meta.inspection_start, meta.inspection_end) == (start, end)


def test_report_refers_to_earlier_inspection() -> None:
    meta = extract_metadata(
        text_document(
            "Inspection of West Sussex local authority children’s services\nServices have "
            "substantially improved "
            "since the inspection in 2019, when they were judged to be inadequate across all areas."
        )
    )
    assert (meta.earlier_inspection, meta.earlier_grade) == ("2019", "inadequate")


def test_no_authority_raises() -> None:
    with pytest.raises(UnrecognisedAuthority):
        extract_metadata(read_document(FIXTURES / "no-authority.txt", LIMIT))


# What each real report's PDF says (checked by eye against the PDF; reports.csv agrees on every field).
REAL = {
    "blackpool-2014-09-08.pdf": (
        "Blackpool",
        "SIF",
        "2014-07-02",
        "2014-07-23",
        "2014-09-08",
        "Janet Fraser",
        {
            "overall_effectiveness": "requires_improvement",
            "help_and_protection": "requires_improvement",
            "children_looked_after": "requires_improvement",
            "adoption_performance": "requires_improvement",
            "care_leavers": "requires_improvement",
            "leadership_management_governance": "requires_improvement",
            "lscb": "requires_improvement",
        },
    ),
    "wakefield-2016-09-20.pdf": (
        "Wakefield",
        "SIF",
        "2016-07-05",
        "2016-07-27",
        "2016-09-20",
        "Susan Myers",
        {
            "overall_effectiveness": "requires_improvement",
            "help_and_protection": "requires_improvement",
            "children_looked_after": "requires_improvement",
            "adoption_performance": "good",
            "care_leavers": "good",
            "leadership_management_governance": "requires_improvement",
            "lscb": "good",
        },
    ),
    "blackpool-2019-01-17.pdf": (
        "Blackpool",
        "ILACS",
        "2018-11-26",
        "2018-12-07",
        None,
        "Lorna Schlechte",
        {
            "impact_of_leaders": "inadequate",
            "help_and_protection": "inadequate",
            "children_in_care_and_care_leavers": "requires_improvement",
            "overall_effectiveness": "inadequate",
        },
    ),
    "newham-2019-03-25.pdf": (
        "Newham",
        "ILACS",
        "2019-02-11",
        "2019-02-22",
        None,
        "Dawn Godfrey",
        {
            "impact_of_leaders": "inadequate",
            "help_and_protection": "requires_improvement",
            "children_in_care_and_care_leavers": "inadequate",
            "overall_effectiveness": "inadequate",
        },
    ),
    "newham-2022-09-21.pdf": (
        "Newham",
        "ILACS",
        "2022-07-18",
        "2022-07-29",
        None,
        "Christine Kennet",
        {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "good",
            "children_in_care_and_care_leavers": "good",
            "overall_effectiveness": "good",
        },
    ),
    "blackpool-2023-02-01.pdf": (
        "Blackpool",
        "ILACS",
        "2022-12-05",
        "2022-12-16",
        None,
        "Lisa Summers",
        {
            "impact_of_leaders": "requires_improvement",
            "help_and_protection": "requires_improvement",
            "children_in_care_and_care_leavers": "good",
            "overall_effectiveness": "requires_improvement",
        },
    ),
    "west-sussex-2023-05-11.pdf": (
        "West Sussex",
        "ILACS",
        "2023-03-13",
        "2023-03-24",
        None,
        "Maire Atherton",
        {
            "impact_of_leaders": "good",
            "help_and_protection": "requires_improvement",
            "children_in_care": "good",
            "care_leavers": "requires_improvement",
            "overall_effectiveness": "requires_improvement",
        },
    ),
    "sefton-2025-08-12.pdf": (
        "Sefton",
        "ILACS",
        "2025-06-23",
        "2025-07-04",
        None,
        "Lisa Walsh",
        {
            "impact_of_leaders": "good",
            "help_and_protection": "requires_improvement",
            "children_in_care": "good",
            "care_leavers": "good",
            "overall_effectiveness": "good",
        },
    ),
    "newham-2026-01-12.pdf": (
        "Newham",
        "ILACS",
        "2025-11-10",
        "2025-11-14",
        None,
        "Ceri Evans",
        {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "outstanding",
            "children_in_care": "outstanding",
            "care_leavers": "outstanding",
            "overall_effectiveness": "outstanding",
        },
    ),
    "north-northamptonshire-2026-07-07.pdf": (
        "North Northamptonshire",
        "ILACS",
        "2026-05-11",
        "2026-05-22",
        None,
        "David Cohen",
        {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "good",
            "children_in_care": "good",
            "care_leavers": "good",
        },
    ),
    "blackpool-2026-07-28.pdf": (
        "Blackpool",
        "ILACS",
        "2026-06-08",
        "2026-06-19",
        None,
        "Margaret Burke",
        {
            "impact_of_leaders": "outstanding",
            "help_and_protection": "good",
            "children_in_care": "outstanding",
            "care_leavers": "outstanding",
        },
    ),
}


@pytest.mark.skipif(not REPORTS.exists(), reason="needs ../shared/corpus/ofsted-reports")
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_report_metadata(name: str) -> None:
    meta = extract_metadata(read_document(REPORTS / name, LIMIT))
    iso = [d.isoformat() if d else None for d in (meta.inspection_start, meta.inspection_end, meta.published)]
    got = (meta.authority.name, meta.framework, *iso, meta.lead_inspector, meta.judgements)
    assert (meta.document_type, got) == ("inspection", REAL[name])
