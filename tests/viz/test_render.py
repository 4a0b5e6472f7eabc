"""render_view over the sample store: the three views, their filters, and clear errors."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from inspectkg.errors import MissingParameter, NotFound, QueryError
from inspectkg.graph import Store
from inspectkg.viz import render_view

#: A concern of the 2019 monitoring letter, present whatever else the extractor learns.
KNOWN = "Despite these efforts, recruitment continues to be a significant challenge."


def nodes(html: str) -> list[dict[str, Any]]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))["nodes"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("view", "params"), [("authority", {"la": "blackpool"}), ("practice-area", {"area": "workforce"})]
)
def test_a_view_shows_the_known_finding_with_its_document(
    sample_store: Store, view: str, params: dict[str, str]
) -> None:
    found = [n for n in nodes(render_view(sample_store, view, **params)) if n["info"]["text"] == KNOWN]
    assert len(found) == 1
    assert ["document", "blackpool-2019-12-monitoring-letter.txt"] in found[0]["info"]["rows"]


def test_the_authority_view_draws_the_six_documents(sample_store: Store) -> None:
    docs = [
        n for n in nodes(render_view(sample_store, "authority", la="Blackpool")) if n["role"] == "document"
    ]
    assert len(docs) == 6
    assert docs[0]["info"]["title"] == "blackpool-2014-09-08.pdf"


def test_the_authority_may_be_named_by_its_gss_code(sample_store: Store) -> None:
    by_code = nodes(render_view(sample_store, "authority", la="E06000009"))
    assert [n["id"] for n in by_code] == [
        n["id"] for n in nodes(render_view(sample_store, "authority", la="Blackpool"))
    ]
    assert sum(n["role"] == "finding" for n in by_code) > 100


def test_the_polarity_filter_keeps_only_that_polarity(sample_store: Store) -> None:
    html = render_view(sample_store, "authority", filters={"la": "Blackpool", "polarity": "concern"})
    assert {n["polarity"] for n in nodes(html) if n["role"] == "finding"} == {"concern"}
    assert 'name="polarity" value="concern"' in html


def test_the_national_view_has_one_node_per_practice_area_named(sample_store: Store) -> None:
    areas = [n for n in nodes(render_view(sample_store, "national")) if n["role"] == "area"]
    assert len({n["id"] for n in areas}) == len(areas)
    assert "Quality of assessments" in {n["label"] for n in areas}


@pytest.mark.parametrize(
    ("view", "filters", "error"),
    [
        ("timeline", {}, NotFound),
        ("authority", {}, MissingParameter),
        ("authority", {"la": "Atlantis"}, NotFound),
        ("practice-area", {}, MissingParameter),
        ("practice-area", {"area": "astrology"}, NotFound),
        ("authority", {"la": "Blackpool", "from": "last year"}, QueryError),
        ("authority", {"la": "Blackpool", "cap": "many"}, QueryError),
    ],
)
def test_bad_requests_raise_the_matching_error(
    sample_store: Store, view: str, filters: dict[str, str], error: type[Exception]
) -> None:
    with pytest.raises(error):
        render_view(sample_store, view, filters=filters)


def test_a_date_range_keeps_the_documents_dated_within_it(sample_store: Store) -> None:
    html = render_view(
        sample_store, "authority", filters={"la": "Blackpool", "from": "2019-01-01", "to": "2019-12-31"}
    )
    files = {dict(map(tuple, n["info"]["rows"]))["document"] for n in nodes(html) if n["role"] == "finding"}
    assert files == {"blackpool-2019-12-monitoring-letter.txt"}


def test_the_area_filter_keeps_the_findings_naming_it(sample_store: Store) -> None:
    html = render_view(sample_store, "authority", filters={"la": "Blackpool", "area": "neglect"})
    findings = [n for n in nodes(html) if n["role"] == "finding"]
    assert {"Neglect" in dict(map(tuple, n["info"]["rows"]))["practice areas"] for n in findings} == {True}
