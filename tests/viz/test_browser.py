"""The served views in headless Chromium: drawn, complete, quiet, local, and safe with hostile text."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from viewrows import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LA, finding_row

from inspectkg.viz.layout import ViewData, authority_view
from inspectkg.viz.page import page as render_page

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="Debian's chromium is not installed"),
]
KNOWN = "Despite these efforts, recruitment continues to be a significant challenge."
HOSTILE = 'Managers said <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> twice.'
DRAWN = "window.inspectkg && window.inspectkg.drawn"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def tab(browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page that records console errors and every URL it requests."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url))
    yield tab, errors, requests
    context.close()


def hover(tab: Any, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    tab.evaluate("id => window.inspectkg.network.focus(id, {scale: 1.5, animation: false})", node_id)
    point = tab.evaluate(
        "id => window.inspectkg.network.canvasToDOM(window.inspectkg.network.getPosition(id))", node_id
    )
    box = tab.locator("#network").bounding_box()
    tab.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tab.wait_for_selector(".hover-tip:not([hidden])", timeout=5_000)
    return str(tab.inner_text(".hover-tip"))


@pytest.mark.parametrize(
    ("view", "query", "documents"),
    [
        ("authority", "la=Blackpool", 6),
        ("practice-area", "area=workforce", 6),
        ("national", "", 0),
    ],
)
def test_a_served_view_draws_every_node_offline(
    served: str, tab: tuple[Any, list[str], list[str]], view: str, query: str, documents: int
) -> None:
    page, errors, requests = tab
    page.goto(f"{served}/viz/{view}?{query}")
    page.wait_for_function(DRAWN, timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"viz-{view}.png"))
    sent = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).nodes.length")
    assert page.evaluate("window.inspectkg.nodes.length") == sent
    roles = page.evaluate("window.inspectkg.nodes.get().map(n => n.role)")
    assert roles.count("document") == documents
    if view != "national":
        ids = page.evaluate(
            "t => [...window.inspectkg.infos].filter(([, i]) => i.text === t).map(([id]) => id)", KNOWN
        )
        assert len(ids) == 1
        assert KNOWN in hover(page, ids[0])
    assert errors == []
    assert [u for u in requests if not u.startswith(("http://127.0.0.1:", "data:"))] == []


def test_hostile_text_is_shown_as_text_and_never_runs(
    make_data: Callable[..., ViewData], tab: tuple[Any, list[str], list[str]]
) -> None:
    page, errors, requests = tab
    html = render_page(
        authority_view(make_data([finding_row(1, 0, text=HOSTILE)], docs=1), LA), "authority", {}
    )
    page.set_content(html)
    page.wait_for_function(DRAWN, timeout=30_000)
    assert HOSTILE in hover(page, "https://example.org/doc/0/finding/1")
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("img[src=x]").count() == 0
    assert errors == []
    assert [u for u in requests if not u.startswith(("about:", "data:"))] == []
