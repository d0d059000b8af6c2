"""DIR/neo4j/: bulk-import CSVs + import.sh, load.cypher, graph.grass and a Browser guide.

The mapping is `graphbuild.stores.pgmap`'s, so a bulk import, a cypher-shell load and a Bolt load
give the same graph. CSV rules (neo4j-admin database import full): typed headers, ID spaces
`Entity` and `Article`, arrays split on `|` (a `|` inside an array element becomes `｜`, since the
importer has no escape for it), standard double-quote quoting, `--multiline-fields=true`.

Rows come from pgmap a group (one statement, one file) at a time, a chunk of rows at a time, and go
to the group's CSV and to load.cypher side by side: memory does not grow with the articles or the
evidence (but for the largest fact's own evidence).
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, TextIO

from graphbuild.graphio import atomic_writer
from graphbuild.model import Graph
from graphbuild.stores import pgmap
from graphbuild.stores.neo4j import QUERY_DIR, strip_comments
from graphbuild.stores.pgmap import Row
from graphbuild.writers._templates import Memo, interleaver

ARRAY_DELIMITER = "|"
ARRAY_DELIMITER_STANDIN = "｜"  # full-width bar, what a `|` inside an array element becomes
LOAD_CYPHER_BATCH = 200  # rows per literal UNWIND in load.cypher (keeps each statement small)
ROWS_PER_CHUNK = 1000  # rows made and formatted together, a column at a time
EVIDENCE_PER_CHUNK = 500  # fewer rows when they carry whole facts' evidence: memory stays bounded
CANNED_EXAMPLE_PARAMS = {"person_activity": {"person": "李明华"}, "post_holders": {"title": "市长"}}

# A colour per label; subtype labels come after their type so Browser uses the more specific one.
LABEL_COLOURS = {
    "Entity": "#A5ABB6", "Article": "#C990C0", "Person": "#4C8EDA", "Organization": "#F79767",
    "Place": "#57C7E3", "Event": "#F16667", "Project": "#8DCC93", "Post": "#FFC454",
    "Position": "#D9C8AE",
    "GovernmentBody": "#E3743E", "PartyBody": "#D1495B", "Enterprise": "#F4A259",
    "Cooperative": "#E9B872", "Bank": "#C17C74", "Hospital": "#E56B6F", "School": "#B56576",
    "Association": "#EAAC8B", "Unit": "#F2CC8F",
    "Province": "#0E7C86", "City": "#1B9AAA", "District": "#3CB4C4", "County": "#56C1CF",
    "Town": "#7FD1DB", "Street": "#9EDDE5", "Community": "#BEE9EE", "DevelopmentZone": "#2A9D8F",
    "Park": "#52B788", "Venue": "#74C69D",
    "Meeting": "#D62828", "Expo": "#F77F00", "Activity": "#E76F51", "SigningCeremony": "#9D0208",
    "Training": "#DC2F02", "Campaign": "#E85D04",
}


def write(graph: Graph, out_dir: Path) -> list[Path]:
    target = Path(out_dir) / "neo4j"
    with atomic_writer(target / "load.cypher") as out:
        csvs = _write_rows(graph, target, LoadCypher(out))
    for path in target.glob("*.csv"):  # a rebuild with fewer labels must not leave old CSVs for import.sh
        if path.name not in csvs:
            path.unlink()
    texts = {"import.sh": import_script([n for n in csvs if n.startswith("nodes_")],
                                        [n for n in csvs if n.startswith("rels_")]),
             "graph.grass": grass(), "guide.md": guide()}
    for name, text in texts.items():
        with atomic_writer(target / name) as out:
            out.write(text)
    (target / "import.sh").chmod(0o755)
    return [target / name for name in sorted([*csvs, *texts, "load.cypher"])]


def _write_rows(graph: Graph, target: Path, cypher: LoadCypher) -> list[str]:
    """Every CSV, and the data statements of load.cypher, a group of rows at a time (no two
    groups' rows in memory together); the names of the CSVs written, sorted."""
    written = []
    for name, same_file in itertools.groupby(pgmap.row_groups(graph), key=_csv_name):
        groups = list(same_file)
        write_ = _stream_group if groups[0].grows else _write_groups
        if write_(target / name, groups, cypher):
            written.append(name)
    cypher.close()
    return sorted(written)


def _csv_name(group: pgmap.RowGroup) -> str:
    """One file per type label (Article for articles) or relationship type."""
    if group.kind == "relationship":
        return f"rels_{group.key[0]}.csv"
    return f"nodes_{group.key[1] if group.key[0] == pgmap.ENTITY_LABEL else group.key[0]}.csv"


def _write_groups(path: Path, groups: list[pgmap.RowGroup], cypher: LoadCypher) -> bool:
    """The label sets of one entity type (their rows do not grow with the articles), held while
    written: the CSV wants them in id order, load.cypher a label set after another."""
    held = [list(group.rows()) for group in groups]
    rows = held[0] if len(held) == 1 else sorted(itertools.chain(*held), key=attrgetter("id"))
    if not rows:
        return False
    columns = Columns(skip="id")
    columns.learn([row.props for row in rows])
    with atomic_writer(path) as out:
        table = CsvTable(out, groups[0], columns)
        for chunk in _chunks(rows):
            table.write(chunk)
    for group, group_rows in zip(groups, held, strict=True):
        cypher.begin(group.statement)
        for chunk in _chunks(group_rows):
            cypher.write(chunk)
        cypher.end()
    return True


def _stream_group(path: Path, groups: list[pgmap.RowGroup], cypher: LoadCypher) -> bool:
    """A group that grows with the articles or evidence, streamed to the CSV and load.cypher side
    by side. The CSV header is what its samples and first rows take; if later rows take other
    properties or types (rare), the CSV is written again. False when the group has no rows."""
    (group,) = groups
    guess = Columns(skip="id" if group.kind == "node" else None)
    for chunk in _chunks(group.samples()) if group.samples else ():
        guess.learn([row.props for row in chunk])
    with contextlib.ExitStack() as files:
        table = None
        for chunk in _chunks(group.rows(), group.weigh):
            if table is None:  # opened on the first rows: a group without rows has no file
                guess.learn([row.props for row in chunk])
                table = CsvTable(files.enter_context(atomic_writer(path)), group, guess)
                cypher.begin(group.statement)
            table.write(chunk)
            cypher.write(chunk)
        if table is None:
            return False
        cypher.end()
    if table.seen.headers() != table.headers:
        _write_csv_again(path, group, table.seen)
    return True


def _write_csv_again(path: Path, group: pgmap.RowGroup, columns: Columns) -> None:
    """With the columns every row took, learnt while the first CSV was written."""
    with atomic_writer(path) as out:
        table = CsvTable(out, group, columns)
        for chunk in _chunks(group.rows(), group.weigh):
            table.write(chunk)


def _chunks(rows: Iterable[Row], weigh: Callable[[Row], int] | None = None) -> Iterator[list[Row]]:
    """ROWS_PER_CHUNK rows at a time, or as many as carry EVIDENCE_PER_CHUNK evidence items."""
    rows = iter(rows)
    if weigh is None:
        while chunk := list(itertools.islice(rows, ROWS_PER_CHUNK)):
            yield chunk
        return
    chunk, weight = [], 0
    for row in rows:
        chunk.append(row)
        weight += weigh(row)
        if len(chunk) == ROWS_PER_CHUNK or weight >= EVIDENCE_PER_CHUNK:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


# ---------------------------------------------------------------------------------------------
# CSVs for neo4j-admin
# ---------------------------------------------------------------------------------------------


class Columns:
    """A CSV's property columns, in name order, each typed from every value it takes: learnt from
    rows (a chunk at a time) before the header is written."""

    def __init__(self, skip: str | None = None) -> None:
        self.skip = skip  # a property with a column of its own (the node id)
        self.kinds: dict[str, set[type]] = {}  # property -> types of its values
        self.elements: dict[str, set[type]] = {}  # property -> types of its lists' first elements

    def learn(self, props: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
        """Learn from these rows a column at a time (no Python-level step per row for the usual
        one-type columns); each property's values in them, _ABSENT where a row lacks it. A list's
        element type is its first element's (pgmap.clean_props makes lists one-typed)."""
        columns, absent = {}, itertools.repeat(_ABSENT)  # endless: one serves every column
        for name in set().union(*props) - {self.skip}:
            values = columns[name] = list(map(dict.get, props, itertools.repeat(name), absent))
            kinds = self.kinds.setdefault(name, set())
            kinds.update(map(type, values))
            if list in kinds:
                elements = self.elements.setdefault(name, set())
                elements.update(type(v[0]) for v in values if type(v) is list and v)
        return columns

    @property
    def names(self) -> list[str]:
        return sorted(self.kinds)

    def headers(self) -> list[str]:
        return [_header(name, self.kinds[name] - {_Absent, list} | self.elements.get(name, set()),
                        list in self.kinds[name]) for name in self.names]

    def cells(self, columns: dict[str, list[Any]], count: int) -> list[list[str]]:
        """The cells of `count` rows whose values `learn` gave, a list per column."""
        return [_cells(columns[name]) if name in columns else [""] * count for name in self.names]


class CsvTable:
    """One bulk-import CSV: the header of `columns`, then rows as they come (learnt as written)."""

    def __init__(self, out: TextIO, group: pgmap.RowGroup, columns: Columns) -> None:
        self.out, self.columns, self.nodes = out, columns, group.kind == "node"
        self.seen = Columns(columns.skip)  # what the rows written take
        fixed = ([f"id:ID({group.key[0]})", ":LABEL"] if self.nodes else
                 [f":START_ID({group.key[1]})", f":END_ID({pgmap.ENTITY_LABEL})", ":TYPE"])
        self.headers = columns.headers()
        _write_csv(out, [*fixed, *self.headers], ())

    def write(self, rows: Sequence[Row]) -> None:
        if self.nodes:
            fixed = [[r.id for r in rows], [ARRAY_DELIMITER.join(r.labels) for r in rows]]  # type: ignore[union-attr]
        else:
            fixed = [[r.start for r in rows], [r.end for r in rows], [r.type for r in rows]]  # type: ignore[union-attr]
        cells = self.columns.cells(self.seen.learn([r.props for r in rows]), len(rows))
        _write_csv_rows(self.out, zip(*fixed, *cells, strict=True))


CSV_CHUNK_ROWS = 1000  # rows per write: few write calls, bounded buffer


def _write_csv(out: TextIO, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    _write_csv_rows(out, rows)


def _write_csv_rows(out: TextIO, rows: Iterable[Sequence[str]]) -> None:
    """What csv.writer writes, 3x faster: a row none of whose cells holds a comma, quote or line
    break is its cells joined by commas (csv's minimal quoting leaves such cells bare)."""
    quoted = io.StringIO()
    quoting_writer = csv.writer(quoted, lineterminator="\n")
    lines: list[str] = []
    for row in rows:
        line = ",".join(row)
        if line.count(",") != len(row) - 1 or '"' in line or "\n" in line or "\r" in line:
            quoted.seek(0)
            quoted.truncate()
            quoting_writer.writerow(row)
            line = quoted.getvalue()[:-1]
        lines.append(line)
        if len(lines) == CSV_CHUNK_ROWS:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


class _Absent:
    """What a row without the property holds in its column."""


_ABSENT = _Absent()


def _header(name: str, kinds: set[type], is_array: bool) -> str:
    found = {_neo4j_type_of(cls) for cls in kinds}
    if found <= {"long", "double"}:
        type_ = "double" if "double" in found else "long"
    else:
        type_ = found.pop() if len(found) == 1 else "string"
    return f"{name}:{type_}[]" if is_array else f"{name}:{type_}" if type_ != "string" else name


@lru_cache(maxsize=64)
def _neo4j_type_of(cls: type) -> str:
    if issubclass(cls, bool):
        return "boolean"
    if issubclass(cls, int):
        return "long"
    return "double" if issubclass(cls, float) else "string"


def _cells(values: list[Any]) -> list[str]:
    """The cells of one column (absent values are empty cells)."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
    if kinds <= {str, _Absent, type(None)}:
        return [v if type(v) is str else "" for v in values]
    format_ = {int: str, list: _array_cell}.get(kinds.pop(), _cell) if len(kinds) == 1 else _cell
    return list(map(format_, values))


def _cell(value: Any) -> str:
    if type(value) is str:
        return value
    if value is None or value is _ABSENT:
        return ""
    if isinstance(value, list):
        return _array_cell(value)
    return _scalar(value)


def _array_cell(values: list[Any]) -> str:
    """Elements joined by the delimiter; one type per list (see _columns), so one branch."""
    if len(values) == 1:  # most evidence lists
        value = values[0]
        if type(value) is str:
            return value.replace(ARRAY_DELIMITER, ARRAY_DELIMITER_STANDIN)
        return str(value) if type(value) is int else _scalar(value)
    if not values:
        return ""
    kind = type(values[0])
    if kind is str:
        text = ARRAY_DELIMITER.join(values)
        if text.count(ARRAY_DELIMITER) == len(values) - 1:  # no element holds the delimiter
            return text
        return ARRAY_DELIMITER.join([v.replace(ARRAY_DELIMITER, ARRAY_DELIMITER_STANDIN) for v in values])
    if kind is int:
        return ARRAY_DELIMITER.join(map(str, values))
    texts = [v if type(v) is str else _scalar(v) for v in values]
    return ARRAY_DELIMITER.join([t.replace(ARRAY_DELIMITER, ARRAY_DELIMITER_STANDIN) for t in texts])


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def import_script(node_files: list[str], rel_files: list[str]) -> str:
    options = ["--overwrite-destination=true", f'--array-delimiter="{ARRAY_DELIMITER}"',
               "--multiline-fields=true", "--id-type=string",
               *(f'--nodes="$DIR/{name}"' for name in node_files),
               *(f'--relationships="$DIR/{name}"' for name in rel_files)]
    arguments = " \\\n  ".join(options)
    return f"""#!/usr/bin/env bash
# Bulk-import this graph into a NEW Neo4j 5 database with neo4j-admin (the server must be stopped,
# or the database must not exist yet). Usage: ./import.sh [DATABASE]   (default: neo4j)
# With Docker: mount this folder at /import and run NEO4J_IMPORT_DIR=/import ./import.sh inside.
# Then start Neo4j and run the CREATE CONSTRAINT lines at the top of load.cypher.
set -euo pipefail
DIR="${{NEO4J_IMPORT_DIR:-$(cd "$(dirname "$0")" && pwd)}}"
DATABASE="${{1:-neo4j}}"
neo4j-admin database import full "$DATABASE" \\
  {arguments}
"""


# ---------------------------------------------------------------------------------------------
# load.cypher: the loader's own statements with the rows written in as literals
# ---------------------------------------------------------------------------------------------


class LoadCypher:
    """load.cypher: the loader's own statements with the rows written in as literals, one
    statement per LOAD_CYPHER_BATCH rows of a group, taken a chunk of rows at a time."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.literals = CypherLiterals()  # ids, names and rules recur on many rows: escaped once
        self.head = self.rest = ""  # the group's statement around its `$rows`
        self.open = 0  # rows in the statement being written
        parts = ["// Load this graph with cypher-shell:",
                 "//   cypher-shell -a bolt://localhost:7687 -u neo4j -p PASSWORD -f load.cypher",
                 "// Safe to run again: every statement MERGEs on id and sets the properties.",
                 "// Neo4j-only schema (uniqueness of id per label):"]
        parts += [f"{s};" for s in pgmap.neo4j_constraint_statements()]
        parts.append("// Data (the same statements as `graphbuild neo4j load`, rows inlined):")
        out.write("\n".join(parts))

    def begin(self, statement: str) -> None:
        self.head, self.rest = statement.split("$rows", 1)

    def write(self, rows: Sequence[Row]) -> None:
        texts = self.literals.rows(rows)
        start = 0
        while start < len(texts):
            if self.open == LOAD_CYPHER_BATCH:
                self.end()
            take = texts[start:start + LOAD_CYPHER_BATCH - self.open]
            self.out.write((", " if self.open else f"\n{self.head}[") + ", ".join(take))
            self.open += len(take)
            start += len(take)

    def end(self) -> None:
        """Close the group's last statement."""
        if self.open:
            self.out.write(f"]{self.rest};")
            self.open = 0

    def close(self) -> None:
        self.out.write("\n")


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter value (strings single-quoted with escapes)."""
    return CypherLiterals().of(value)


class CypherLiterals:
    """Cypher literals of parameter values; each distinct string and map key is escaped once."""

    def __init__(self) -> None:
        self.strings = RecentMemo(lambda text: "'" + _escape(text) + "'", MEMO_STRINGS)
        self.entries = Memo(lambda key: "`" + str(key).replace("`", "``") + "`: ")  # a map key
        self.interleavers: dict[tuple[tuple[str, ...], tuple[str, ...]], Callable[..., str]] = {}
        # exact types only; anything else (bool included) takes the checks in `of`
        self.by_type: dict[type, Callable[[Any], str]] = {
            str: self.strings.__getitem__, int: int.__repr__, float: float.__repr__,
            dict: self._map, list: self._list, tuple: self._list}

    def rows(self, rows: Sequence[pgmap.NodeRow] | Sequence[pgmap.RelRow]) -> list[str]:
        """[row(r) for r in rows], a column at a time: rows of one shape (the same keys in the same
        order) share one interleaver, and a column of one type is formatted at C speed."""
        shapes: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, row in enumerate(rows):
            shapes[tuple(row.props)].append(index)
        texts = [""] * len(rows)
        for keys, indices in shapes.items():
            group = [rows[i] for i in indices]
            if type(group[0]) is pgmap.NodeRow:
                head, columns = ("id",), [[r.id for r in group]]  # type: ignore[union-attr]
            else:
                head, columns = ("start", "end"), [[r.start for r in group], [r.end for r in group]]  # type: ignore[union-attr]
            columns += zip(*[r.props.values() for r in group], strict=True) if keys else []
            formatted = [self._column(column) for column in columns]
            for index, text in zip(indices, map(self._row_interleaver(head, keys), *formatted), strict=True):
                texts[index] = text
        return texts

    def _column(self, values: Sequence[Any]) -> list[str]:
        """[of(v) for v in values]; one type throughout (the usual case): no Python call per value."""
        kinds = set(map(type, values))
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is list:  # evidence lists: mostly of one element, formatted as a column too
            lengths = list(map(len, values))
            single = iter(self._column([v[0] for v, n in zip(values, lengths, strict=True) if n == 1]))
            return ["[" + next(single) + "]" if n == 1 else self._list(v)
                    for v, n in zip(values, lengths, strict=True)]
        return list(map(self.by_type.get(kind, self.of), values))  # type: ignore[arg-type]

    def _row_interleaver(self, head: tuple[str, ...], keys: tuple[str, ...]) -> Callable[..., str]:
        """What joins a row's formatted values: {`start`: …, `end`: …, `props`: {`k`: …, …}}."""
        shape = (head, keys)
        if shape not in self.interleavers:
            entries = self.entries
            parts = ["{" + entries[head[0]], *(", " + entries[h] for h in head[1:])]
            if keys:
                parts.append(", " + entries["props"] + "{" + entries[keys[0]])
                parts += [", " + entries[k] for k in keys[1:]]
                parts.append("}}")
            else:
                parts.append(", " + entries["props"] + "{}}")
            self.interleavers[shape] = interleaver(parts)
        return self.interleavers[shape]

    def row(self, row: pgmap.NodeRow | pgmap.RelRow) -> str:
        """`of(pgmap.row_param(row))`, without building the dict."""
        strings = self.strings
        if type(row) is pgmap.NodeRow:
            return f"{{`id`: {strings[row.id]}, `props`: {self._map(row.props)}}}"
        props = self._map(row.props) if row.props else "{}"  # MENTIONS: half the rows, no props
        return f"{{`start`: {strings[row.start]}, `end`: {strings[row.end]}, `props`: {props}}}"

    def of(self, value: Any) -> str:
        format_ = self.by_type.get(type(value))
        if format_ is not None:
            return format_(value)
        if value is None:
            return "null"
        if type(value) is bool:
            return "true" if value else "false"
        raise TypeError(f"no Cypher literal for {type(value).__name__}")

    def _map(self, mapping: dict[str, Any]) -> str:
        entries, by_type, of = self.entries, self.by_type, self.of
        return "{" + ", ".join([entries[k] + by_type.get(type(v), of)(v) for k, v in mapping.items()]) + "}"

    def _list(self, values: list[Any] | tuple[Any, ...]) -> str:
        if len(values) == 1:  # most evidence lists
            return "[" + self.by_type.get(type(values[0]), self.of)(values[0]) + "]"
        kinds = set(map(type, values))
        format_ = self.by_type.get(kinds.pop(), self.of) if len(kinds) == 1 else self.of
        return "[" + ", ".join(map(format_, values)) + "]"


MEMO_STRINGS = 4096  # strings per generation of the literal memo (see RecentMemo)


class RecentMemo(Memo):
    """A Memo of the keys met lately, so that memory stays bounded: once `cap` keys are in, they
    become the previous generation (looked up on a miss, and moved back in when met again) and the
    memo starts over. Ids, names and rules recur close together; most long texts never recur."""

    __slots__ = ("cap", "previous")

    def __init__(self, make: Callable[[Any], Any], cap: int) -> None:
        super().__init__(make)
        self.cap = cap
        self.previous: dict[Any, Any] = {}

    def __missing__(self, key: Any) -> Any:
        value = self.previous.get(key, _ABSENT)
        if value is _ABSENT:
            value = self.make(key)
        if len(self) >= self.cap:
            self.previous = dict(self)
            self.clear()
        self[key] = value
        return value


def _escape(text: str) -> str:
    """Backslash escapes for a single-quoted Cypher string. Chained str.replace: several times
    faster than str.translate with a dict table; the backslash goes first so no escape is redone."""
    return (text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


# ---------------------------------------------------------------------------------------------
# Browser: style sheet and guide
# ---------------------------------------------------------------------------------------------


def grass() -> str:
    """Neo4j Browser style: caption {name} everywhere, a colour per label (drag onto Browser)."""
    blocks = ["node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n"
              "  border-width: 2px;\n  text-color-internal: #FFFFFF;\n  font-size: 10px;\n"
              "  caption: '{name}';\n}",
              "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n"
              "  padding: 3px;\n  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n"
              "  caption: '<type>';\n}"]
    for label in pgmap.ALL_LABELS:
        colour = LABEL_COLOURS[label]
        size = "65px" if label in pgmap.ENTITY_TYPES else "50px"
        blocks.append(f"node.{label} {{\n  color: {colour};\n  border-color: {_darker(colour)};\n"
                      f"  diameter: {size};\n  text-color-internal: #FFFFFF;\n"
                      f"  caption: '{{name}}';\n}}")
    for rel_type in (pgmap.MENTIONS, pgmap.SUPPORTS):
        blocks.append(f"relationship.{rel_type} {{\n  color: #D8D8D8;\n  shaft-width: 1px;\n"
                      f"  caption: '<type>';\n}}")
    return "\n".join(blocks) + "\n"


def _darker(colour: str) -> str:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * 0.85):02X}" for c in rgb)


def guide() -> str:
    """A walk through the canned queries, to paste into Browser one block at a time."""
    lines = ["# graphbuild: exploring the graph in Neo4j Browser", "",
             "1. Drag `graph.grass` onto the Browser window (or run `:style` and paste it): nodes show",
             "   their Chinese `name`, one colour per label.",
             "2. Look around: `CALL db.schema.visualization()` shows labels and relationship types.",
             "3. Every fact relationship carries `articles` (supporting article ids) and evidence",
             "   lists (`evidence_texts`, `evidence_rules`, spans). To walk to a fact's sources:", "",
             "```cypher",
             "MATCH (p:Person)-[r:PRESIDES]->(e:Event)",
             "MATCH (a:Article)-[s:SUPPORTS {fact: r.id}]->(p)",
             "RETURN p, r, e, a LIMIT 25",
             "```", "",
             "4. Everything an article names: `MATCH (a:Article)-[:MENTIONS]->(x) RETURN a, x LIMIT 50`.",
             "", "## Canned questions", ""]
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        comment = " ".join(line.lstrip("/ ").strip() for line in text.splitlines()
                           if line.lstrip().startswith("//"))
        lines += [f"### {path.stem}", "", comment, ""]
        params = CANNED_EXAMPLE_PARAMS.get(path.stem)
        if params:
            lines += ["```", *(f":param {k} => {cypher_literal(v)}" for k, v in params.items()), "```", ""]
        lines += ["```cypher", strip_comments(text), "```", ""]
    return "\n".join(lines)
