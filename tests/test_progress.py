"""Progress bars show on a terminal only, never with --quiet; the summary reports what was built."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from graphbuild import progress, summary


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def loud():
    progress.settings.quiet = False
    yield
    progress.settings.quiet = False


def test_bar_shows_on_a_terminal(monkeypatch, loud):
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert list(progress.progress(range(3), "pages", total=3, unit="page")) == [0, 1, 2]
    assert "pages" in sys.stderr.getvalue()


def test_bar_is_silent_when_stderr_is_not_a_terminal(monkeypatch, loud):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(progress.progress(range(3), "pages")) == [0, 1, 2]
    with progress.bar("facts", total=3) as counter:
        counter.update(3)
    assert sys.stderr.getvalue() == ""


def test_quiet_silences_bars_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    progress.configure(quiet=True)
    try:
        assert list(progress.progress(iter("ab"), "articles")) == ["a", "b"]
        with progress.bar("writes") as counter:
            counter.update()
    finally:
        progress.configure(quiet=False)
    assert sys.stderr.getvalue() == ""


def test_errors_still_show_with_quiet(capsys):
    progress.configure(quiet=True)
    try:
        progress.error_line("x.txt: not text")
    finally:
        progress.configure(quiet=False)
    assert capsys.readouterr().err == "graphbuild: error: x.txt: not text\n"


def test_stage_durations_are_logged_at_info(caplog):
    with caplog.at_level(logging.INFO, logger="graphbuild"), progress.stage("resolve"):
        pass
    assert any(r.getMessage().startswith("resolve: ") for r in caplog.records)


def test_summary_tables_count_types_predicates_and_run_stats(mini_graph, capsys, loud):
    summary.print_summary(mini_graph, {"pages": 1, "failed": 2, "seconds": 3.25})
    out = capsys.readouterr().out
    for expected in ("Person", "Place", "located_in", "failed inputs", "3.2"):
        assert expected in out
    place_row = next(line for line in out.splitlines() if "Place" in line)
    assert "7" in place_row


def test_quiet_summary_is_one_line(mini_graph, capsys):
    progress.configure(quiet=True)
    try:
        summary.print_summary(mini_graph, {"failed": 1, "seconds": 2.0})
    finally:
        progress.configure(quiet=False)
    assert capsys.readouterr().out == "23 entities, 27 facts, 2 articles, 1 failed inputs, 2.0 s\n"
