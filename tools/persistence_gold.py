"""Persistence from gold sentence labels (perfect extraction): separates rule error from extraction error.

    .venv/bin/python tools/persistence_gold.py ../shared/gold/persistence-blackpool-2019.json > pred.json
    python3 ../shared/eval/score_persistence.py \
        --gold ../shared/gold/persistence-blackpool-2019.json --pred pred.json

The earlier and later gold sentence files (gold/<stem>.jsonl) are fed to graph/linking.compare
as they are; each sentence's text stands in for its IRI.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from inspectkg.graph.linking import STATUSES, Sentence, area_evidence, compare


def _sentences(path: Path) -> list[Sentence]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        Sentence(r["text"], r["kind"], r["polarity"], tuple(r["practice_areas"]), r["trajectory"])
        for r in rows
    ]


def main(gold_file: str, later_is_visit: bool = True) -> None:
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    folder = Path(gold_file).parent
    earlier = _sentences(folder / (Path(gold["earlier"]).stem + ".jsonl"))
    later = _sentences(folder / (Path(gold["later"]).stem + ".jsonl"))
    pair: dict[str, object] = {
        "local_authority": gold["local_authority"],
        "earlier": gold["earlier"],
        "later": gold["later"],
    }
    pair.update({s: [] for s in STATUSES})
    for link in compare(area_evidence(earlier), area_evidence(later), later_is_visit):
        pair[link.status].append(  # type: ignore[attr-defined]
            {
                "practice_area": link.area,
                "earlier_findings": list(link.earlier),
                "later_findings": list(link.later),
            }
        )
    json.dump({"pairs": [pair]}, sys.stdout, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])
