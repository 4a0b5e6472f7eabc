"""The OpenAPI docs pages work offline: every asset they load is served by the app itself."""

from __future__ import annotations

import re

import pytest
from live_server import Served


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_page_loads_only_local_assets(server: Served, page: str) -> None:
    with server.client() as client:
        html = client.get(page)
        assert html.status_code == 200
        assets = re.findall(r"(?:src|href)=[\"']([^\"']+)[\"']", html.text)
        assert assets, html.text
        assert [a for a in assets if a.startswith(("http:", "https:", "//"))] == []
        assert {a: client.get(a).status_code for a in assets} == {a: 200 for a in assets}
