"""The HTML pages: the query page works offline and offers the named queries; /viz passes filters through."""

from __future__ import annotations

import json
import re

from live_server import Served

from inspectkg.graph import registry


def test_query_page_is_self_contained(server: Served) -> None:
    with server.client() as http:
        page = http.get("/").text
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assets = [http.get(s) for s in sources if s.startswith("/static/")]
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []
    assert sorted(s for s in sources if s.startswith("/static/")) == ["/static/query.css", "/static/query.js"]
    assert [a.status_code for a in assets] == [200, 200]


def test_query_page_offers_every_named_query(server: Served) -> None:
    with server.client() as http:
        page = http.get("/").text
    data = re.search(r'<script id="examples" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    examples = json.loads(data.group(1))
    assert [e["name"] for e in examples] == list(registry())
    assert examples[0]["sparql"] == registry()[examples[0]["name"]].sparql


def test_viz_view_is_served(server: Served) -> None:
    with server.client() as http:
        r = http.get("/viz/authority", params={"la": "Blackpool"})
        missing = http.get("/viz/nowhere")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert (missing.status_code, missing.json()["error"]) == (404, "not-found")
