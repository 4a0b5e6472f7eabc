"""The page: one self-contained file, no CDN, and document text that can never run as markup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from viewrows import LA, finding_row

from inspectkg.viz.layout import ViewData, authority_view
from inspectkg.viz.page import page, script_json

MakeData = Callable[..., ViewData]
HOSTILE = 'Leaders said </script><script>window.pwned = 1</script> & <img src=x onerror="pwned()">.'


def payload(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_script_json_never_closes_the_script_element() -> None:
    assert str(script_json({"t": "</script><!--"})) == '{"t": "\\u003c/script\\u003e\\u003c!--"}'


def test_document_text_is_escaped_in_the_page_and_comes_back_intact(make_data: MakeData) -> None:
    data = make_data([finding_row(1, 0, text=HOSTILE)], docs=1)
    html = page(authority_view(data, LA), "authority", {"la": f"{LA}<b>"})
    assert "<script>window.pwned" not in html
    assert "<img src=x" not in html
    assert f'value="{LA}&lt;b&gt;"' in html
    texts = [n["info"]["text"] for n in payload(html)["nodes"] if n.get("role") == "finding"]  # type: ignore[attr-defined]
    assert texts == [HOSTILE]


def test_the_page_loads_nothing_from_elsewhere(make_data: MakeData) -> None:
    html = page(authority_view(make_data([finding_row(1, 0)], docs=1), LA), "authority", {"la": LA})
    assert re.findall(r'<(?:script|link|img)[^>]*\b(?:src|href)="(?!data:)[^"]*"', html) == []
    assert re.findall(r"jsdelivr|cdnjs|unpkg|bootstrap", html, re.I) == []


def test_physics_is_off_so_positions_come_from_python(make_data: MakeData) -> None:
    html = page(authority_view(make_data([finding_row(1, 0)], docs=1), LA), "authority", {"la": LA})
    options = payload(html)["options"]
    assert options["physics"] == {"enabled": False}  # type: ignore[index]
    assert all("x" in n and "y" in n for n in payload(html)["nodes"])  # type: ignore[attr-defined]
