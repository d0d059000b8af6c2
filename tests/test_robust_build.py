"""What `build` reads and what one bad page may cost (issue 8).

A page that kills its worker (the OOM killer, a crash in native code such as rjieba: no Python
exception) must cost that page only; two pages with one name are reported, not merged; the
build's own output is never read back as pages; an impossible --date is refused.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_robust_support import SEED_FILES, call_stage, stage

POISONED_BUILD = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    import graphbuild.ingest as ingest
    from graphbuild.pipeline import build

    real_read_page = ingest.read_page

    def read_page(path, *args, **kwargs):
        if Path(path).name == sys.argv[3]:
            os._exit(137)  # as the OOM killer would end it: no exception, no cleanup
        return real_read_page(path, *args, **kwargs)

    ingest.read_page = read_page  # forked workers inherit it
    result = build([Path(sys.argv[2])], Path(sys.argv[1]), workers=2, writers=["facts"])
    print(json.dumps([str(f) for f in result.failures]))
""")


def run_build(out: Path, pages: Path, poison: str) -> subprocess.CompletedProcess:
    """Build `pages` with 2 workers, the worker reading a file called `poison` dying on it."""
    proc = subprocess.run([sys.executable, "-c", POISONED_BUILD, str(out), str(pages), poison],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="workers inherit the poisoned reader only when forked")
def test_a_page_that_kills_its_worker_fails_alone(tmp_path):
    stage("graphbuild.pipeline", "build")  # skips while the pipeline is not written
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, pages / path.name)
    run_build(tmp_path / "alone", pages, poison="-")
    shutil.copy(SEED_FILES[0], pages / "poison.txt")  # readable text: only the worker's death fails it

    out = tmp_path / "out"
    proc = run_build(out, pages, poison="poison.txt")
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(failures) == 1 and "poison.txt" in failures[0]
    assert len([line for line in proc.stderr.splitlines() if "poison.txt" in line]) == 1
    assert (out / "graph.json").read_bytes() == (tmp_path / "alone" / "graph.json").read_bytes()


def test_pages_given_as_copies_under_the_same_name_are_reported_not_merged(tmp_path):
    """Two files called the same in different folders: the doc ids would collide."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_FILES[0], tmp_path / folder / "page.txt")
    result = call_stage(stage("graphbuild.pipeline", "build"), [tmp_path / "a", tmp_path / "b"],
                        tmp_path / "out", workers=1, writers=["facts"])
    assert [Path(f.path).parent.name for f in result.failures] == ["b"]
    assert {a.doc for a in result.graph.articles.values()} == {"page.txt"}


def test_rebuilding_a_folder_that_holds_its_own_output_does_not_read_the_output(tmp_path):
    """`graphbuild build archive/ --out archive/graph`, run twice: graph.json, facts.jsonl (and the
    CSVs, the report, the SPARQL store's files) are not newspaper pages."""
    build = stage("graphbuild.pipeline", "build")
    for path in SEED_FILES:
        shutil.copy(path, tmp_path / path.name)
    out = tmp_path / "graph"
    first = call_stage(build, [tmp_path], out, workers=1, writers=["facts"])
    graph_json = (out / "graph.json").read_bytes()
    again = call_stage(build, [tmp_path], out, workers=1, writers=["facts"])
    assert [str(f) for f in again.failures] == []
    assert again.stats["pages"] == first.stats["pages"] == len(SEED_FILES)
    assert (out / "graph.json").read_bytes() == graph_json


@pytest.mark.parametrize("date", ["2023-13-01", "2023-02-30", "--02-30"])
def test_an_impossible_date_option_is_refused_not_written_into_the_graph(tmp_path, date):
    """`--date 2023-02-30` would put a date no RDF or Cypher date type accepts into every article."""
    build = stage("graphbuild.pipeline", "build")
    with pytest.raises(ValueError, match="date"):
        call_stage(build, SEED_FILES[:1], tmp_path / "out", date=date, workers=1, writers=["facts"])
    assert not (tmp_path / "out" / "graph.json").exists()
