#!/usr/bin/env bash
# The test command README gives and CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest "$@"
