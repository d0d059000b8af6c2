"""`graphbuild articles` end to end: JSON Lines out, one error line per bad file, exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys


def run_articles(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild.cli", "articles", *args],
                          capture_output=True, text=True, check=False)


def test_bad_files_reported_and_the_rest_processed(tmp_path, seeds_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(seed, inputs / seed.name)
    seed_001 = next(seeds_dir.glob("001_*.txt"))
    (inputs / "gbk.txt").write_bytes(seed_001.read_text(encoding="utf-8").encode("gbk"))
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "articles.jsonl"

    result = run_articles(str(inputs), "--out", str(out))

    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"graphbuild: error: {inputs / 'binary.txt'}: not a text file (binary)",
                      f"graphbuild: error: {inputs / 'empty.txt'}: empty file"]
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_doc = {}
    for row in rows:
        by_doc.setdefault(row["doc"], []).append(row)
    assert set(by_doc) == {"gbk.txt", seed_001.name, next(seeds_dir.glob("000_*.txt")).name}
    assert [r["headline"] for r in by_doc["gbk.txt"]] == [r["headline"] for r in by_doc[seed_001.name]]
    assert "3 pages read, 2 failed" in result.stderr


def invoke(*args: str):
    """In process: fast, same code path as the console script."""
    from typer.testing import CliRunner

    from graphbuild.cli import app

    return CliRunner().invoke(app, ["articles", *args])


def test_stdout_rows_and_options(seeds_dir):
    seed = next(seeds_dir.glob("004_*.txt"))
    result = invoke(str(seed), "--city", "白山", "--date", "2019-08-30")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    first = rows[0]
    assert set(first) >= {"doc", "id", "index", "kind", "titles", "headline", "body", "credits",
                          "home_city", "date", "span"}
    assert first["id"] == f"{seed.name}#0" and first["home_city"] == "白山市"
    assert first["date"] == "2019-08-29"
    assert first["credits"][0] == {"name": "汪琳", "role": "reporter", "is_person": True,
                                   "span": first["credits"][0]["span"]}


def test_bad_date_option_is_one_line(seeds_dir):
    result = invoke(str(seeds_dir), "--date", "yesterday")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["graphbuild: error: --date: not a date: 'yesterday' "
                                          "(expected YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD)"]


def test_no_input_files_is_an_error(tmp_path):
    result = invoke(str(tmp_path))
    assert result.exit_code == 1 and "no input files found" in result.stderr


def test_out_naming_a_folder_is_one_error_line(tmp_path, seeds_dir):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    result = run_articles(str(seed), "--out", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"graphbuild: error: --out {tmp_path}: is a folder, not a file"]
