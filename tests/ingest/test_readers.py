"""Readers: text, paragraphs and page map of real PDF pages, letters and web pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.ingest.readers import _looks_utf16, read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPORTS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted-reports"
LIMIT = 100 * 1024 * 1024


@pytest.fixture(scope="module")
def report() -> object:
    return read_document(FIXTURES / "report-3-pages.pdf", LIMIT)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_report_front_page_lines(report) -> None:
    assert lines_of(report.text)[:9] == [
        "Blackpool Borough Council",
        "Inspection of children’s social care services",
        "Inspection dates: 26 November 2018 to 7 December 2018",
        "Lead inspector: Lorna Schlechte Her Majesty’s Inspector",
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


def test_evenly_spaced_lines_are_one_paragraph() -> None:
    doc = read_document(FIXTURES / "text-page.pdf", LIMIT)
    assert doc.text == (
        "This letter summarises the findings of the monitoring visit to Blackpool children's services on "
        "16 and 17 December 2019. The visit was the second monitoring visit since the local authority was "
        "judged inadequate in January 2019. The inspectors were Lorna Schlechte, Her Majesty's Inspector, "
        "and Shabana Abasi, Her Majesty's Inspector."
    )


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
