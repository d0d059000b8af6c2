"""DIR/neo4j/: bulk-import CSVs + import.sh, load.cypher, graph.grass and a Browser guide.

The mapping is `graphbuild.stores.pgmap`'s, so a bulk import, a cypher-shell load and a Bolt load
give the same graph. CSV rules (neo4j-admin database import full): typed headers, ID spaces
`Entity` and `Article`, arrays split on `|` (a `|` inside an array element becomes `｜`, since the
importer has no escape for it), standard double-quote quoting, `--multiline-fields=true`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphbuild.graphio import atomic_write_text
from graphbuild.model import Graph
from graphbuild.stores import pgmap
from graphbuild.stores.neo4j import QUERY_DIR, strip_comments

ARRAY_DELIMITER = "|"
ARRAY_DELIMITER_STANDIN = "｜"  # full-width bar, what a `|` inside an array element becomes
LOAD_CYPHER_BATCH = 200  # rows per literal UNWIND in load.cypher (keeps each statement small)
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
    nodes, rels = pgmap.node_rows(graph), pgmap.rel_rows(graph)
    files: dict[str, str] = {}
    node_files = _node_csvs(nodes)
    rel_files = _rel_csvs(rels)
    files.update(node_files)
    files.update(rel_files)
    files["import.sh"] = import_script(sorted(node_files), sorted(rel_files))
    files["load.cypher"] = load_cypher(nodes, rels)
    files["graph.grass"] = grass()
    files["guide.md"] = guide()
    stale = {p.name for p in target.glob("*.csv")} - set(files) if target.exists() else set()
    for name in stale:  # a rebuild with fewer labels must not leave old CSVs for import.sh to miss
        (target / name).unlink()
    paths = []
    for name in sorted(files):
        atomic_write_text(target / name, files[name])
        paths.append(target / name)
    (target / "import.sh").chmod(0o755)
    return paths


# ---------------------------------------------------------------------------------------------
# CSVs for neo4j-admin
# ---------------------------------------------------------------------------------------------


def _node_csvs(nodes: list[pgmap.NodeRow]) -> dict[str, str]:
    groups: dict[str, list[pgmap.NodeRow]] = defaultdict(list)
    for row in nodes:
        groups[row.labels[1] if row.labels[0] == pgmap.ENTITY_LABEL else row.labels[0]].append(row)
    out = {}
    for label, rows in sorted(groups.items()):
        space = rows[0].labels[0]
        props = [{k: v for k, v in r.props.items() if k != "id"} for r in rows]
        columns = _typed_columns(props)
        header = [f"id:ID({space})", ":LABEL", *(c for c, _ in columns)]
        body = [[r.id, ARRAY_DELIMITER.join(r.labels), *(_cell(p.get(key)) for _, key in columns)]
                for r, p in zip(rows, props, strict=True)]
        out[f"nodes_{label}.csv"] = _csv_text(header, body)
    return out


def _rel_csvs(rels: list[pgmap.RelRow]) -> dict[str, str]:
    groups: dict[str, list[pgmap.RelRow]] = defaultdict(list)
    for rel in rels:
        groups[rel.type].append(rel)
    out = {}
    for rel_type, rels in sorted(groups.items()):
        columns = _typed_columns([r.props for r in rels])
        header = [f":START_ID({rels[0].start_space})", f":END_ID({pgmap.ENTITY_LABEL})", ":TYPE",
                  *(c for c, _ in columns)]
        body = [[r.start, r.end, r.type, *(_cell(r.props.get(key)) for _, key in columns)]
                for r in rels]
        out[f"rels_{rel_type}.csv"] = _csv_text(header, body)
    return out


def _typed_columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(header, property name) for every property, typed from the values it takes."""
    classes: dict[str, set[type]] = defaultdict(set)  # Python types first: far fewer calls
    is_array: dict[str, bool] = defaultdict(bool)
    for props in rows:
        for key, value in props.items():
            if isinstance(value, list):
                is_array[key] = True
                classes[key].update(map(type, value))
            else:
                classes[key].add(type(value))
    columns = []
    for key in sorted(classes):
        found = {_neo4j_type_of(cls) for cls in classes[key]}
        if found <= {"long", "double"}:
            type_ = "double" if "double" in found else "long"
        else:
            type_ = found.pop() if len(found) == 1 else "string"
        header = f"{key}:{type_}[]" if is_array[key] else f"{key}:{type_}" if type_ != "string" else key
        columns.append((header, key))
    return columns


@lru_cache(maxsize=64)
def _neo4j_type_of(cls: type) -> str:
    if issubclass(cls, bool):
        return "boolean"
    if issubclass(cls, int):
        return "long"
    return "double" if issubclass(cls, float) else "string"


def _cell(value: Any) -> str:
    if type(value) is str:  # most cells: skip the checks below
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        texts = [v if type(v) is str else _scalar(v) for v in value]
        return ARRAY_DELIMITER.join([t.replace(ARRAY_DELIMITER, ARRAY_DELIMITER_STANDIN) for t in texts])
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


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


def load_cypher(nodes: list[pgmap.NodeRow], rels: list[pgmap.RelRow]) -> str:
    parts = ["// Load this graph with cypher-shell:",
             "//   cypher-shell -a bolt://localhost:7687 -u neo4j -p PASSWORD -f load.cypher",
             "// Safe to run again: every statement MERGEs on id and sets the properties.",
             "// Neo4j-only schema (uniqueness of id per label):"]
    parts += [f"{s};" for s in pgmap.neo4j_constraint_statements()]
    parts.append("// Data (the same statements as `graphbuild neo4j load`, rows inlined):")
    for batch in pgmap.batches_from_rows(nodes, rels, LOAD_CYPHER_BATCH):
        parts.append(batch.cypher.replace("$rows", cypher_literal(batch.rows), 1) + ";")
    return "\n".join(parts) + "\n"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter value (strings single-quoted with escapes)."""
    kind = type(value)
    if kind is str:
        return "'" + _escape(value) + "'"
    if kind is int or kind is float:
        return repr(value)
    if value is None or kind is bool:
        return "null" if value is None else ("true" if value else "false")
    if kind is list or kind is tuple:
        return "[" + ", ".join(map(cypher_literal, value)) + "]"
    if kind is dict:
        return "{" + ", ".join(f"{_map_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {kind.__name__}")


@lru_cache(maxsize=4096)
def _map_key(key: str) -> str:
    return "`" + str(key).replace("`", "``") + "`"


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
