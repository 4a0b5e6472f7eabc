#!/usr/bin/env bash
# Quality gates: the scorers of shared/eval/ on a fresh store, each with its threshold.
# Thresholds are the floors below which quality may not fall (the issues' targets where met).
set -euo pipefail
shared=${1:-../shared}
exe=.venv/bin/inspectkg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Findings: each gold document scored on its own, with its floors. The targets are
# detection F1 0.95, polarity 0.90, practice areas 0.85, trajectory 0.80, teams 0.80,
# recommendations 0.95. Practice areas are held at the target 0.85 on all three (measured 0.862
# letter, 0.914 news summary, 0.870 report after issue 4's rules); the letter has no gold
# recommendation, so that figure is not checked there.
TARGETS="--min-detection-f1 0.95 --min-polarity-accuracy 0.90 --min-trajectory-f1 0.80 --min-teams-f1 0.80"
declare -A source=(
  [000_ccdbe125e5ce5eb6]="$shared/corpus/seeds/000_ccdbe125e5ce5eb6.txt"
  [001_dc4bd9f08b5c9195]="$shared/corpus/seeds/001_dc4bd9f08b5c9195.txt"
  [blackpool-2019-01-17]="$shared/corpus/ofsted-reports/blackpool-2019-01-17.pdf"
)
declare -A floors=(
  [000_ccdbe125e5ce5eb6]="--min-areas-f1 0.85"
  [001_dc4bd9f08b5c9195]="--min-areas-f1 0.85 --min-recommendations-f1 0.95"
  [blackpool-2019-01-17]="--min-areas-f1 0.85 --min-recommendations-f1 0.95"
)
for gold in "${!source[@]}"; do
  store="$tmp/store-$gold"
  "$exe" ingest "${source[$gold]}" --store "$store" 2>/dev/null
  "$exe" export findings --format jsonl --store "$store" > "$tmp/$gold.pred.jsonl"
  echo "== findings: $gold"
  # shellcheck disable=SC2086
  python3 "$shared/eval/score_findings.py" --gold "$shared/gold/$gold.jsonl" --pred "$tmp/$gold.pred.jsonl" \
    $TARGETS ${floors[$gold]}
done

# Documents: the 12 reports of reports.csv.
"$exe" ingest "$shared/corpus/ofsted-reports" --store "$tmp/reports" 2>/dev/null || true
"$exe" export documents --format jsonl --store "$tmp/reports" > "$tmp/documents.jsonl"
echo "== documents"
python3 "$shared/eval/score_documents.py" --truth "$shared/corpus/ofsted-reports/reports.csv" \
  --pred "$tmp/documents.jsonl" --min-accuracy "${DOCUMENTS_MIN:-1.0}"

# Persistence: Blackpool's 2019 inspection and the December 2019 monitoring visit.
"$exe" ingest "$shared/corpus/ofsted-reports/blackpool-2019-01-17.pdf" "$shared/corpus/seeds/000_ccdbe125e5ce5eb6.txt" \
  --store "$tmp/persistence" 2>/dev/null
"$exe" persistence --format json --store "$tmp/persistence" > "$tmp/persistence.json"
echo "== persistence"
# Issue 5's targets: persisting F1 0.90, improved and new F1 0.80 (the scorer checks only the first).
python3 "$shared/eval/score_persistence.py" --gold "$shared/gold/persistence-blackpool-2019.json" \
  --pred "$tmp/persistence.json" --min-persisting-f1 "${PERSISTING_MIN:-0.90}"
python3 "$shared/eval/score_persistence.py" --gold "$shared/gold/persistence-blackpool-2019.json" \
  --pred "$tmp/persistence.json" --json | python3 -c '
import json, sys
scores = json.load(sys.stdin)
short = ["%s F1 %s < 0.80" % (c, scores[c]["f1"]) for c in ("improved", "new") if scores[c]["f1"] < 0.80]
sys.exit("persistence: " + "; ".join(short) if short else 0)
'
# The linking rule alone, on the gold sentence labels (perfect extraction; design.md's calibration).
.venv/bin/python tools/persistence_gold.py "$shared/gold/persistence-blackpool-2019.json" > "$tmp/persistence-gold.json"
echo "== persistence (rule on gold labels)"
python3 "$shared/eval/score_persistence.py" --gold "$shared/gold/persistence-blackpool-2019.json" \
  --pred "$tmp/persistence-gold.json" --min-persisting-f1 "${PERSISTING_RULE_MIN:-0.90}"
