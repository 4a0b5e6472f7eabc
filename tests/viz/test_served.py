"""The views as the API serves them under /viz and as `inspectkg viz` writes them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from inspectkg.cli import cli

KNOWN = "Despite these efforts, recruitment continues to be a significant challenge."
LETTER = (
    Path(__file__).resolve().parents[2] / "examples" / "blackpool" / "blackpool-2019-12-monitoring-letter.txt"
)


def nodes(html: str) -> list[dict[str, Any]]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))["nodes"]  # type: ignore[no-any-return]


def test_url_parameters_filter_the_served_view(served: str) -> None:
    r = httpx.get(
        f"{served}/viz/authority", params={"la": "Blackpool", "polarity": "concern", "kind": "recommendation"}
    )
    assert r.status_code == 200, r.text
    found = {(n["polarity"], n["kind"]) for n in nodes(r.text) if n["role"] == "finding"}
    assert found == {("concern", "recommendation")}


def test_a_date_range_narrows_the_national_overview(served: str) -> None:
    everything = nodes(httpx.get(f"{served}/viz/national").text)
    since = nodes(httpx.get(f"{served}/viz/national", params={"from": "2019-12-01", "to": "2019-12-31"}).text)

    def concerns(view: list[dict[str, Any]]) -> dict[str, int]:
        return {n["id"]: int(dict(map(tuple, n["info"]["rows"]))["concerns"]) for n in view}

    before, after = concerns(everything), concerns(since)
    assert 0 < len(after) < len(before)
    assert all(after[a] <= before[a] for a in after)
    assert sum(after.values()) < sum(before.values())


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/viz/timeline", 404, "not-found"),
        ("/viz/authority", 400, "missing-parameter"),
        ("/viz/authority?la=Blackpool&cap=lots", 400, "query"),
    ],
)
def test_a_bad_view_request_gets_the_shared_error_shape(
    served: str, path: str, status: int, code: str
) -> None:
    r = httpx.get(served + path)
    assert (r.status_code, r.json()["error"]) == (status, code), r.text


def test_the_cli_writes_a_view_that_links_to_the_served_evidence(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "letter.html"
    assert CliRunner().invoke(cli, ["ingest", str(LETTER), "--store", str(store)]).exit_code == 0
    result = CliRunner().invoke(
        cli,
        [
            "viz",
            "authority",
            "--la",
            "Blackpool",
            "--polarity",
            "concern",
            "--store",
            str(store),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    findings = [n for n in nodes(out.read_text(encoding="utf-8")) if n["role"] == "finding"]
    assert {n["polarity"] for n in findings} == {"concern"}
    assert findings[0]["info"]["link"].startswith("http://127.0.0.1:8000/api/evidence?finding=https%3A%2F%2F")


def test_a_findings_evidence_link_answers_with_its_sentence(served: str) -> None:
    view = nodes(httpx.get(f"{served}/viz/authority", params={"la": "Blackpool"}).text)
    (known,) = [n for n in view if n["info"]["text"] == KNOWN]
    r = httpx.get(served + known["info"]["link"])
    assert r.status_code == 200, r.text
    assert KNOWN in r.text
