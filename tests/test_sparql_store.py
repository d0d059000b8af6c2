"""The SPARQL store is an index of DIR/graph.nq: loaded on first query, reloaded when stale."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.stores.sparql import STAMP, open_store, run_canned, store_is_current
from graphbuild.writers import rdf

PERSONS = ("SELECT ?n WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> ;"
           " <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }")


def person_names(directory) -> set[str]:
    return {r["n"].value for r in open_store(directory).query(PERSONS, use_default_graph_as_union=True)}


def test_writing_rdf_leaves_no_store_and_the_first_query_loads_it(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    assert not (tmp_path / "store").exists()
    _, rows = run_canned(tmp_path, "inspections")
    assert rows == [("李明华", "白山长青药业有限公司")]
    assert (tmp_path / "store" / STAMP).is_file() and store_is_current(tmp_path)


def test_a_rebuilt_graph_makes_the_store_stale_and_the_next_query_sees_the_new_data(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    assert "李明华" in person_names(tmp_path)
    mini_graph.entities["person-li"].name = "李新名"
    rdf.write(mini_graph, tmp_path)
    assert not store_is_current(tmp_path)
    names = person_names(tmp_path)
    assert "李新名" in names and "李明华" not in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "graph.ttl", "store"]


def test_store_command_loads_once_then_reports_current(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    first = CliRunner().invoke(app, ["store", str(tmp_path)])
    assert first.exit_code == 0 and "loaded in" in first.output
    second = CliRunner().invoke(app, ["store", str(tmp_path)])
    assert second.exit_code == 0 and "already current" in second.output


def test_store_command_without_a_build_is_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["store", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"graphbuild: error: {tmp_path}: no graph.nq here "
                                                  "(run `graphbuild build` first)"]


def test_the_store_follows_the_umask_so_colleagues_can_read_it(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    old = os.umask(0o022)
    try:
        open_store(tmp_path)
    finally:
        os.umask(old)
    assert (tmp_path / "store").stat().st_mode & 0o777 == 0o755


def test_concurrent_first_queries_load_the_store_once_and_all_get_answers(mini_graph, tmp_path, monkeypatch):
    import threading

    from graphbuild.stores import sparql

    rdf.write(mini_graph, tmp_path)
    loads, real_load = [], sparql.load_store
    monkeypatch.setattr(sparql, "load_store", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(run_canned(tmp_path, "inspections")[1]))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [[("李明华", "白山长青药业有限公司")]] * 4
    assert loads == [1]


def test_forced_reload_of_a_broken_graph_is_one_line_and_keeps_the_store(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    open_store(tmp_path)
    (tmp_path / "graph.nq").write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["store", str(tmp_path), "--force"])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"graphbuild: error: {tmp_path / 'graph.nq'}: not valid N-Quads")
    assert len(open_store(tmp_path / "store")) > 0
