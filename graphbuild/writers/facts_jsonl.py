"""DIR/facts.jsonl: the resolved graph in the scorer's line form, one line per fact per page.

Fact lines: {"doc","s","p","o","q"?} with canonical names, plus ids, types and that page's
evidence. Entity lines: {"doc","entity","type":"Person"} for each person a page names.
Only what extraction read from the page is listed: facts resolution inferred (a gazetteer parent,
a post's organisation, a branch's bank) carry `resolve.*` rules and stay in graph.json.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from graphbuild.graphio import atomic_writer, line_encoder
from graphbuild.model import Evidence, Graph, GraphFact

FILE = "facts.jsonl"
INFERRED = "resolve."
# one encoder for every line (json.dumps with options builds a new one per call); it writes the
# Evidence dataclasses itself
_LINE_ENCODER = line_encoder()
LINES_PER_WRITE = 1000


def write(graph: Graph, out_dir: Path) -> list[Path]:
    rows = [*fact_rows(graph), *person_rows(graph)]
    rows.sort(key=_order)
    path = Path(out_dir) / FILE
    encode = _LINE_ENCODER.encode
    with atomic_writer(path) as out:
        for start in range(0, len(rows), LINES_PER_WRITE):
            out.write("".join([encode(row) + "\n" for row in rows[start:start + LINES_PER_WRITE]]))
    return [path]


def fact_rows(graph: Graph) -> list[dict[str, Any]]:
    rows = []
    for fact in graph.facts.values():
        by_doc: dict[str, list[Evidence]] = defaultdict(list)
        for ev in fact.evidence:
            if not ev.rule.startswith(INFERRED):
                by_doc[ev.doc].append(ev)
        for doc, evidence in by_doc.items():
            rows.append(_fact_row(graph, fact, doc, evidence))
    return rows


def _fact_row(graph: Graph, fact: GraphFact, doc: str, evidence: list[Evidence]) -> dict[str, Any]:
    s, o = graph.entities[fact.s], graph.entities[fact.o]
    row: dict[str, Any] = {"doc": doc, "s": s.name, "p": fact.p, "o": o.name}
    if fact.q:
        row["q"] = fact.q
    row.update(id=fact.id, s_id=s.id, o_id=o.id, s_type=s.type, o_type=o.type,
               evidence=evidence)
    return row


def person_rows(graph: Graph) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    for article in graph.articles.values():
        for id_ in article.mentions:
            entity = graph.entities.get(id_)
            if entity is not None and entity.type == "Person":
                seen.add((article.doc, id_))
    return [{"doc": doc, "entity": graph.entities[id_].name, "type": "Person", "id": id_}
            for doc, id_ in seen]


def _order(row: dict[str, Any]) -> tuple:
    return (row["doc"], "entity" in row, row.get("p", ""), row.get("s", row.get("entity")),
            row.get("o", ""), row["id"])
