"""Readers: text, paragraphs and page map of real PDF pages, letters and web pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspectkg.ingest.readers import (
    _drop_contents,
    _drop_footnotes,
    _is_break,
    _looks_utf16,
    _mend_soft_hyphens,
    read_document,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPORTS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted-reports"
LIMIT = 100 * 1024 * 1024


@pytest.fixture(scope="module")
def report() -> object:
    return read_document(FIXTURES / "report-3-pages.pdf", LIMIT)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_report_front_page_lines(report) -> None:
    assert lines_of(report.text)[:10] == [
        "Blackpool Borough Council",
        "Inspection of children’s social care services",
        "Inspection dates: 26 November 2018 to 7 December 2018",
        "Lead inspector: Lorna Schlechte",
        "Her Majesty’s Inspector",
        "Judgement Grade",
        "The impact of leaders on social work practice with children and families Inadequate",
        "The experiences and progress of children who need help and protection Inadequate",
        "The experiences and progress of children in care and care leavers Requires improvement to be good",
        "Overall effectiveness Inadequate",
    ]


def test_report_page_map(report) -> None:
    assert report.page_starts == (0, 1674, 4013)
    assert [report.page_at(o) for o in (0, 1673, 1674, 4013, len(report.text) - 1)] == [1, 1, 2, 3, 3]


def test_paragraph_crossing_a_page_is_joined_without_the_page_number(report) -> None:
    start = report.page_starts[1]
    assert report.text[start - 24 : start + 18] == "recognised some of, but not all, the short"


def test_paragraph_ending_short_of_the_measure_breaks(report) -> None:
    assert "audit actions.\nAn improvement board was set up" in report.text


@pytest.mark.parametrize(
    "line",
    [
        "What needs to improve",
        "• The identification of and response to risk, particularly in relation to long-standing concerns "
        "of chronic neglect.",
        "• The quality and impact of audit and performance management.",
        "The experiences and progress of children who need help and protection is inadequate",
    ],
)
def test_report_headings_and_bullets_are_lines(report, line: str) -> None:
    assert line in lines_of(report.text)


def test_numbered_paragraph_is_a_line(report) -> None:
    numbered = [ln[:30] for ln in lines_of(report.text) if ln[:1].isdigit()]
    assert numbered == [
        "1. Services for children in ne",
        "2. Children in need of protect",
        "3. The need to seek parental c",
        "4. The police triage of domest",
    ]


def test_letter_text_is_the_file(tmp_path: Path) -> None:
    doc = read_document(FIXTURES / "letter.txt", LIMIT)
    assert doc.text == (FIXTURES / "letter.txt").read_text(encoding="utf-8")
    assert (doc.format, doc.page_starts) == ("text", (0,))


def test_text_with_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(b"\xef\xbb\xbfDear Director\r\n\r\nMonitoring visit of Blackpool\r\n")
    assert read_document(path, LIMIT).text == "Dear Director\n\nMonitoring visit of Blackpool\n"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes("Monitoring visit of Blackpool children’s services\n".encode("utf-16"))
    assert read_document(path, LIMIT).text == "Monitoring visit of Blackpool children’s services\n"


def test_html_keeps_the_article_only() -> None:
    doc = read_document(FIXTURES / "cluttered.html", LIMIT)
    assert doc.text.split("\n\n") == [
        "Blackpool children's services rated inadequate",
        "Longstanding and widespread failures in the quality of social work practice at Blackpool mean "
        "that many children are not having their needs responded to in the right way or at the right time, "
        "Ofsted has warned.",
        "Inspectors found that some children live in situations of chronic neglect for long periods of time.",
        "• Strategic partnerships have not addressed key weaknesses effectively.",
        "• Children in care have stable placements and trusting relationships with their carers.",
    ]


def test_html_without_main_drops_banners_and_keeps_rows_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><body><div class="gem-c-cookie-banner"><p>Cookies on GOV.UK</p></div>'
        '<div class="govuk-breadcrumbs"><p>Home</p></div><h1>Inspection of Newham</h1>'
        "<table><tr><th>Judgement</th><th>Grade</th></tr><tr><td>Overall effectiveness</td><td>Good</td></tr>"
        "</table><ol><li><p>Improve planning.</p></li><li>Improve supervision.</li></ol>"
        '<p hidden>Hidden text.</p><div class="related-links"><p>Other reports</p></div></body></html>',
        encoding="utf-8",
    )
    assert read_document(path, LIMIT).text.split("\n\n") == [
        "Inspection of Newham",
        "Judgement Grade",
        "Overall effectiveness Good",
        "1. Improve planning.",
        "2. Improve supervision.",
    ]


def test_tiny_text_pdf() -> None:
    doc = read_document(FIXTURES / "text-page.pdf", LIMIT)
    assert lines_of(doc.text)[1] == (
        "The visit was the second monitoring visit since the local authority was judged "
        "inadequate in January 2019."
    )


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


def test_number_at_line_end_without_footnote_is_kept() -> None:
    page = ["the inspection in March 2019", "Children are seen alone."]
    assert _drop_footnotes(page) == page


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


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Dear Director".encode("utf-16-le"), True),
        ("Dear Director".encode("utf-16-be"), True),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", False),
    ],
)
def test_utf16_detection(data: bytes, expected: bool) -> None:
    assert _looks_utf16(data) is expected


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
