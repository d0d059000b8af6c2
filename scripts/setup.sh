#!/usr/bin/env bash
# Fresh machine -> working graphbuild: a virtualenv in .venv, the package with its test extras,
# then the main job on the example pages (the seeds) into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
.venv/bin/graphbuild build examples/seeds --out out
