#!/usr/bin/env bash
# Extract the seeds and the People's Daily 1998 sample, then print the scorer's tables.
# Usage: scripts/eval.sh [--show]   (--show lists missed and spurious facts)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
OUT=${TMPDIR:-/tmp}/graphbuild-eval
mkdir -p "$OUT"
PY=.venv/bin/python

echo "== seeds ($SHARED/corpus/seeds)"
$PY -m graphbuild.cli --quiet extract "$SHARED/corpus/seeds" --out "$OUT/seeds.facts.jsonl"
$PY "$SHARED/eval/score.py" --gold "$SHARED/eval/seeds.gold.jsonl" --pred "$OUT/seeds.facts.jsonl" "$@"

echo
echo "== pd1998 ($SHARED/eval/pd1998/pages)"
$PY -m graphbuild.cli --quiet extract "$SHARED/eval/pd1998/pages" --out "$OUT/pd1998.facts.jsonl"
$PY "$SHARED/eval/score.py" --gold "$SHARED/eval/pd1998/persons.gold.jsonl" --pred "$OUT/pd1998.facts.jsonl" "$@"
