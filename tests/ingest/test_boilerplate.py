"""Web clutter: the news summary keeps its article and loses menus and teasers of other stories."""

from __future__ import annotations

from pathlib import Path

from inspectkg.ingest.boilerplate import strip_web_clutter

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
NEWS = SAMPLE / "blackpool-2019-01-news-summary.txt"
LETTER = SAMPLE / "blackpool-2019-12-monitoring-letter.txt"


def test_news_summary_keeps_the_article_and_drops_teasers() -> None:
    kept = strip_web_clutter(NEWS.read_text(encoding="utf-8"))
    assert kept.rstrip().endswith(
        "Training needs of social workers needs to improve in order to ensure that they "
        "are prepared for court proceedings."
    )
    assert "Blackpool rated as inadequate" in kept
    for clutter in (
        "Make an Enquiry",
        "Deprivation of Liberty",
        "Keep abreast",
        "Knowledge & Resources",
        "#Respect4SocialWork",
        "Read Full Story",
    ):
        assert clutter not in kept, clutter


def test_letter_passes_unchanged() -> None:
    text = LETTER.read_text(encoding="utf-8")
    assert strip_web_clutter(text) == text.replace("\r\n", "\n")


def test_teaser_without_ellipsis_keeps_the_body_before_it() -> None:
    body = "This sentence is the last full sentence of the main article and it ends with a stop."
    text = f"{body}\n\nOther story title\n\nRead Full Story\n"
    assert strip_web_clutter(text) == body + "\n"
