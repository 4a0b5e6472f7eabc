"""PDF text: running headers, footnotes, contents, back page, soft hyphens and paragraph breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.ingest.pdftext import (
    PdfLine,
    _drop_back_matter,
    _drop_contents,
    _drop_footnotes,
    _is_break,
    _mend_soft_hyphens,
)
from inspectkg.ingest.readers import read_document

REPORTS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted-reports"
LIMIT = 100 * 1024 * 1024


def lines_of(text: str) -> list[str]:
    return text.split("\n")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("high-quality, child\ufffecentred practice", "high-quality, child-centred practice"),
        ("needs of chil\ufffedren; children are safe", "needs of children; children are safe"),
        ("decision\ufffemaking and decision-making", "decision-making and decision-making"),
    ],
)
def test_soft_hyphen_marks(page: str, expected: str) -> None:
    assert _mend_soft_hyphens([page]) == [expected]


def test_footnote_marker_and_footnote_are_dropped() -> None:
    page = [
        "Review of the effectiveness of the Local Safeguarding Children ",
        "Board1",
        "Inspection date: 2 July 2014",
        "1 Ofsted produces this report under its power",
    ]
    assert _drop_footnotes(page) == [*page[:1], "Board", "Inspection date: 2 July 2014"]


def test_superscript_marker_on_its_own_line_and_footnote_are_dropped() -> None:
    page = ["What needs to improve?", "1", "• The effectiveness of oversight.", "1 The areas for improvement"]
    assert _drop_footnotes(page) == ["What needs to improve?", "• The effectiveness of oversight."]


def pdf_line(text: str, gap: float, pitch: float = 14.5) -> PdfLine:
    line = PdfLine(text)
    line.gap, line.pitch = gap, pitch
    return line


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("in Newham are strong.", pdf_line("Thresholds are understood by both", 14.4), False),
        (
            "the development of effective early help services.",
            pdf_line("Strong political involvement", 26.5),
            True,
        ),
        ("Inspection of Newham local authority ", pdf_line("children’s services ", 31.5, 30.4), False),
    ],
)
def test_line_spacing_decides_paragraphs(line: str, following: PdfLine, expected: bool) -> None:
    assert _is_break(line, line, following, "", 85) is expected


def test_number_at_line_end_without_footnote_is_kept() -> None:
    page = ["the inspection in March 2019", "Children are seen alone."]
    assert _drop_footnotes(page) == page


def test_ofsted_back_page_is_dropped() -> None:
    pages = [
        ["Staff feel valued."],
        [
            "Inspection of Newham",
            "The Office for Standards in Education, Children’s Services and Skills (Ofsted) ",
            "regulates and inspects",
            "© Crown copyright 2022",
        ],
    ]
    assert _drop_back_matter(pages) == [["Staff feel valued."], ["Inspection of Newham"]]


def test_contents_list_is_dropped() -> None:
    page = [
        "Contents",
        "The local authority 3",
        "Summary of findings 3",
        "What does the LSCB need to improve? 37",
        "Information about the inspection 42",
        "The local authority",
    ]
    assert _drop_contents(page) == ["The local authority"]


@pytest.mark.parametrize(
    ("current", "line", "following", "measure", "expected"),
    [
        ("Overall effectiveness Outstanding ", "Outstanding ", "Children in Newham continue", 85, True),
        ("1. Children who need help and protection Requires ", "Requires ", "Improvement ", 85, False),
        (
            "The experiences and progress of care ",
            "The experiences and progress of care ",
            "leavers",
            85,
            False,
        ),
        (
            "Lead inspector: Lorna Schlechte",
            "Lead inspector: Lorna Schlechte",
            "Her Majesty’s Inspector",
            85,
            True,
        ),
        ("services ", "children’s services ", "Inspection dates: 10 to 14 November 2025", 85, True),
        (
            "commencing reviews of work and audit actions. ",
            "audit actions. ",
            "An improvement board",
            85,
            True,
        ),
        ("x" * 80 + " actions. ", "x" * 75 + " actions. ", "An improvement board", 85, False),
        (
            "in a small number of cases seen,",
            "in a small number of cases seen,",
            "risk was not assessed",
            85,
            False,
        ),
    ],
)
def test_paragraph_breaks(current: str, line: str, following: str, measure: int, expected: bool) -> None:
    assert _is_break(current, line, following, "", measure) is expected


needs_reports = pytest.mark.skipif(not REPORTS.exists(), reason="needs ../shared/corpus/ofsted-reports")


@needs_reports
@pytest.mark.parametrize(
    ("name", "lines"),
    [
        (
            "blackpool-2014-09-08.pdf",
            [
                "Review of the effectiveness of the Local Safeguarding Children Board",
                "The overall judgement is that children’s services require improvement.",
                "1. Children who need help and protection Requires Improvement",
                "2.1 Adoption performance Requires Improvement",
                "3. Leadership, management and governance Requires Improvement",
            ],
        ),
        (
            "wakefield-2016-09-20.pdf",
            [
                "Inspection date: 05 July 2016–27 July 2016",
                "2. Children looked after and achieving permanence Requires improvement",
                "The Local Safeguarding Children Board is good.",
            ],
        ),
        (
            "newham-2026-01-12.pdf",
            [
                "Inspection of Newham local authority children’s services",
                "The experiences and progress of care leavers Outstanding",
                "What needs to improve?",
            ],
        ),
        (
            "north-northamptonshire-2026-07-07.pdf",
            [
                "The impact of leaders on practice with children and families Outstanding",
            ],
        ),
    ],
)
def test_real_report_lines(name: str, lines: list[str]) -> None:
    text_lines = lines_of(read_document(REPORTS / name, LIMIT).text)
    assert [ln for ln in lines if ln not in text_lines] == []


@needs_reports
def test_sif_contents_page_and_footnotes_are_gone() -> None:
    text = read_document(REPORTS / "blackpool-2014-09-08.pdf", LIMIT).text
    assert ("\nContents\n" in text, "Ofsted produces this report under its power" in text) == (False, False)


@needs_reports
def test_numbered_paragraph_without_space_is_split() -> None:
    text = read_document(REPORTS / "newham-2026-01-12.pdf", LIMIT).text
    assert "\n16. Children at risk of exploitation and those who go missing" in text
    assert "child-centred practice across all service areas" in text
