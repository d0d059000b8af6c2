"""DIR/facts.jsonl: the resolved graph in the scorer's line form, one line per fact per page.

Fact lines: {"doc","s","p","o","q"?} with canonical names, plus ids, types and that page's
evidence. Entity lines: {"doc","entity","type":"Person"} for each person a page names.
Only what extraction read from the page is listed: facts resolution inferred (a gazetteer parent,
a post's organisation, a branch's bank) carry `resolve.*` rules and stay in graph.json.

Lines are ordered by page; they are made fact by fact and article by article, each behind its sort
key, and sorted a run at a time with runs merged from disk, so memory does not grow with the pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from graphbuild.graphio import atomic_writer, line_encoder
from graphbuild.model import Evidence, Graph, GraphFact
from graphbuild.ondisk import sorted_unique

FILE = "facts.jsonl"
INFERRED = "resolve."
# one encoder for every line (json.dumps with options builds a new one per call); it writes the
# Evidence dataclasses itself
_LINE_ENCODER = line_encoder()
LINES_PER_WRITE = 1000
KEY_END = "\x00"  # ends each field of a line's sort key: the least character, and never in JSON
_KEY_END = KEY_END.encode()
# characters below a space, rare in a field, become two above KEY_END that keep their order
_KEY_ESCAPES = str.maketrans({c: "\x01" + chr(0x40 + c) for c in range(0x20)})


def write(graph: Graph, out_dir: Path) -> list[Path]:
    path = Path(out_dir) / FILE
    ordered = sorted_unique(chain(fact_lines(graph), person_lines(graph)), work_dir=path.parent)
    with atomic_writer(path) as out:
        out.flush()
        raw = out.buffer  # lines are UTF-8 already
        while batch := list(islice(ordered, LINES_PER_WRITE)):
            raw.write(b"".join([line[line.rindex(_KEY_END) + 1:] for line in batch]))
    return [path]


def sort_key(*fields: str) -> str:
    """A key whose order is the order of the tuple of `fields`, with no newline."""
    if not "".join(fields).isprintable():
        fields = tuple(field.translate(_KEY_ESCAPES) for field in fields)
    return KEY_END.join(fields) + KEY_END


def fact_lines(graph: Graph) -> Iterator[bytes]:
    """Each fact's line per page, behind its sort key: page, fact, predicate, names, fact id."""
    encode = _LINE_ENCODER.encode
    for fact in graph.facts.values():
        by_doc: dict[str, list[Evidence]] = defaultdict(list)
        for ev in fact.evidence:
            if not ev.rule.startswith(INFERRED):
                by_doc[ev.doc].append(ev)
        for doc, evidence in by_doc.items():
            row = _fact_row(graph, fact, doc, evidence)
            yield f"{sort_key(doc, '0', fact.p, row['s'], row['o'], fact.id)}{encode(row)}\n".encode()


def _fact_row(graph: Graph, fact: GraphFact, doc: str, evidence: list[Evidence]) -> dict[str, Any]:
    s, o = graph.entities[fact.s], graph.entities[fact.o]
    row: dict[str, Any] = {"doc": doc, "s": s.name, "p": fact.p, "o": o.name}
    if fact.q:
        row["q"] = fact.q
    row.update(id=fact.id, s_id=s.id, o_id=o.id, s_type=s.type, o_type=o.type,
               evidence=evidence)
    return row


def person_lines(graph: Graph) -> Iterator[bytes]:
    """A line per person per page that names them, behind its sort key: page, entity, name, id.
    A page's articles mostly come together, so repeats are dropped there; sorting drops the rest."""
    encode = _LINE_ENCODER.encode
    doc: str | None = None
    seen: set[str] = set()  # entities of this page's articles so far
    for article in graph.articles.values():
        if article.doc != doc:
            doc, seen = article.doc, set()
        for id_ in article.mentions:
            if id_ in seen:
                continue
            seen.add(id_)
            entity = graph.entities.get(id_)
            if entity is not None and entity.type == "Person":
                row = {"doc": article.doc, "entity": entity.name, "type": "Person", "id": id_}
                yield f"{sort_key(article.doc, '1', '', entity.name, '', id_)}{encode(row)}\n".encode()
