"""The first-word filter of the practice-area regexes (classify._area_keys) changes no result."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg.ingest import classify
from inspectkg.ingest.readers import read_document
from inspectkg.ingest.structure import sentences

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"


@pytest.mark.parametrize("name", ["blackpool-2019-01-17.pdf", "blackpool-2019-12-monitoring-letter.txt"])
def test_areas_with_and_without_the_filter_agree_on_every_sentence(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [s.text for s in sentences(read_document(SAMPLE / name, 50 * 1024 * 1024).text)]
    areas = classify._areas.__wrapped__  # type: ignore[attr-defined]
    filtered = [areas(t, None) for t in texts]
    skipped = sum(k is not None for k in classify._area_keys())
    monkeypatch.setattr(classify, "_area_keys", lambda: (None,) * len(classify._area_patterns()))
    assert [areas(t, None) for t in texts] == filtered
    assert skipped == sum(1 for a in classify.practice_areas() if a.cues)
