"""DIR/report.html: what a run found, at a glance, in one self-contained page.

Counts per entity type and predicate, the most active officials, the largest projects, the expos
and their exhibitors, and a picture of the graph (full, or one of the projections) drawn on a
canvas by an inlined script. Nothing is fetched at view time, and the page holds no timestamps, so
the same graph gives the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from graphbuild.graphio import atomic_write_text
from graphbuild.model import Graph, GraphFact
from graphbuild.projections import (
    OTHER_COLOR,
    PROJECTIONS,
    TYPE_COLORS,
    View,
    as_number,
    count_distinct,
    mention_counts,
    page_count,
    predicate_counts,
    project,
    project_investment,
    type_color,
)

TYPE_NAMES = {"Person": "人物", "Organization": "机构", "Place": "地点", "Event": "活动",
              "Project": "项目", "Post": "职务", "Position": "职务", "Article": "文章"}
PREDICATE_NAMES = {
    "holds_position": "任职", "presides": "主持", "attends": "出席", "witnesses": "见证",
    "inspects": "调研视察", "organizes": "主办", "held_in": "举办地", "hosts": "承接项目",
    "invests_in": "投资", "exhibits_at": "参展", "signs_with": "签约", "located_in": "位于",
    "post_in": "职务所属", "part_of": "隶属",
}
VIEW_NAMES = {"full": "整个图谱 full graph", "co_attendance": "共同出席 co_attendance",
              "district_project": "地区—项目 district_project",
              "enterprise_expo": "企业—展会 enterprise_expo"}
ACTIVITY_PREDICATES = ("presides", "attends", "witnesses", "inspects")
MAX_DRAWN_NODES = 300  # beyond this the page shows the best-connected nodes of a view
TOP_OFFICIALS, TOP_PROJECTS = 15, 20


def write(graph: Graph, out_dir: Path) -> list[Path]:
    path = Path(out_dir) / "report.html"
    atomic_write_text(path, render(graph))
    return [path]


def render(graph: Graph) -> str:
    sections = [
        _totals(graph),
        _picture(graph),
        '<div class="columns">' + _type_counts(graph) + _predicate_counts(graph) + "</div>",
        _officials(graph),
        _projects(graph),
        _expos(graph),
    ]
    return PAGE.format(css=_asset("report.css"), body="\n".join(sections),
                       data=_script_json(_picture_data(graph)), js=_asset("graph_canvas.js"))


def _asset(name: str) -> str:
    return (files("graphbuild") / "assets" / name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table(headers: list[str], rows: list[list[str]], numeric: Collection[int] = ()) -> str:
    """Cells are HTML already (callers escape); `numeric` columns are right-aligned."""
    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""
    head = "".join(f"<th{cls(i)}>{h}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
                   for row in rows)
    if not rows:
        body = f'<tr><td colspan="{len(headers)}" class="muted">none found</td></tr>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _names(graph: Graph, ids: list[str]) -> str:
    names = sorted({graph.entities[i].name for i in ids})
    return "、".join(escape(name) for name in names)


def _articles(facts: list[GraphFact]) -> int:
    return count_distinct(ev.article for fact in facts for ev in fact.evidence)


def _yuan(value: float | None) -> str:
    if value is None:
        return '<span class="muted">–</span>'
    if value >= 1e8:
        return f"{value / 1e8:,.2f} 亿元"
    return f"{value / 1e4:,.0f} 万元" if value >= 1e4 else f"{value:,.0f} 元"


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------


def _totals(graph: Graph) -> str:
    items = [("pages", page_count(graph)), ("articles", len(graph.articles)),
             ("entities", len(graph.entities)), ("facts", len(graph.facts))]
    boxes = "".join(f"<div><b>{n:,}</b>{label}</div>" for label, n in items)
    return ('<h1>graphbuild report</h1><p class="lede">What the pages say: who did what, where, '
            f'with which projects and expos.</p><div class="totals">{boxes}</div>')


def _type_counts(graph: Graph) -> str:
    by_type = Counter(e.type for e in graph.entities.values())
    by_subtype: dict[str, Counter] = defaultdict(Counter)
    for entity in graph.entities.values():
        by_subtype[entity.type][entity.subtype or "–"] += 1
    rows = []
    for type_, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        subtypes = ", ".join(f"{escape(s)} {c}" for s, c in sorted(by_subtype[type_].items(),
                                                                   key=lambda kv: (-kv[1], kv[0])))
        subtypes = "" if set(by_subtype[type_]) == {"–"} else subtypes
        swatch = f'<i style="background:{type_color(type_)}"></i>'
        label = f'<span class="legend">{swatch}{TYPE_NAMES.get(type_, "")} {escape(type_)}</span>'
        rows.append([label, str(n), f'<span class="muted">{subtypes}</span>'])
    table = _table(["type", "count", "subtypes"], rows, {1})
    return "<section><h2>Entities by type</h2>" + table + "</section>"


def _predicate_counts(graph: Graph) -> str:
    counts = predicate_counts(graph)
    rows = [[f"{PREDICATE_NAMES.get(p, '')} {escape(p)}", str(n), str(articles)]
            for p, (n, articles) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    table = _table(["predicate", "facts", "articles"], rows, {1, 2})
    return "<section><h2>Facts by predicate</h2>" + table + "</section>"


def _facts_by_subject(graph: Graph) -> dict[str, list[GraphFact]]:
    by_subject: dict[str, list[GraphFact]] = defaultdict(list)
    for fid in sorted(graph.facts):
        by_subject[graph.facts[fid].s].append(graph.facts[fid])
    return by_subject


def _officials(graph: Graph) -> str:
    """People ranked by what they did (presiding, attending, witnessing, inspecting)."""
    by_subject = _facts_by_subject(graph)
    ranked = []
    for person in (e for e in graph.entities.values() if e.type == "Person"):
        facts = by_subject.get(person.id, [])
        acts = [f for f in facts if f.p in ACTIVITY_PREDICATES]
        if acts:
            ranked.append((-len(acts), person.name, person.id, facts, acts))
    rows = []
    for _, name, _id, facts, acts in sorted(ranked)[:TOP_OFFICIALS]:
        posts = [f.o for f in facts if f.p == "holds_position"]
        per = Counter(f.p for f in acts)
        rows.append([escape(name), _names(graph, posts) or '<span class="muted">–</span>',
                     *(str(per.get(p, 0)) for p in ACTIVITY_PREDICATES), str(_articles(facts))])
    headers = ["person", "posts", *(PREDICATE_NAMES[p] for p in ACTIVITY_PREDICATES), "articles"]
    return "<section><h2>Most active officials</h2>" + _table(headers, rows, {2, 3, 4, 5, 6}) + "</section>"


def _projects(graph: Graph) -> str:
    about: dict[str, list[GraphFact]] = defaultdict(list)
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        for end in (fact.s, fact.o):
            if graph.entities[end].type == "Project":
                about[end].append(fact)
    invested = {e.id: project_investment(graph, e.id, about[e.id])
                for e in graph.entities.values() if e.type == "Project"}
    # largest first; projects with no stated amount last
    ranked = sorted(invested, key=lambda i: (invested[i] is None, -(invested[i] or 0.0),
                                             graph.entities[i].name, i))
    rows = []
    for entity in (graph.entities[i] for i in ranked[:TOP_PROJECTS]):
        facts = about[entity.id]
        hosts = [f.s for f in facts if f.p == "hosts" and f.o == entity.id]
        hosts += [f.o for f in facts if f.p == "located_in" and f.s == entity.id]
        investors = [f.s for f in facts if f.p == "invests_in" and f.o == entity.id]
        rows.append([escape(entity.name), _yuan(invested[entity.id]),
                     _names(graph, hosts), _names(graph, investors), str(_articles(facts))])
    table = _table(["project", "investment", "hosted by", "investors", "articles"], rows, {1, 4})
    return "<section><h2>Largest projects</h2>" + table + "</section>"


def _expos(graph: Graph) -> str:
    exhibits: dict[str, list[GraphFact]] = defaultdict(list)
    venues: dict[str, list[str]] = defaultdict(list)
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        if fact.p == "exhibits_at":
            exhibits[fact.o].append(fact)
        elif fact.p == "held_in":
            venues[fact.s].append(fact.o)
    expo_ids = {e.id for e in graph.entities.values() if e.subtype == "Expo"} | set(exhibits)
    rows = []
    for expo_id in sorted(expo_ids, key=lambda i: (-len(exhibits[i]), graph.entities[i].name, i)):
        expo = graph.entities[expo_id]
        items = "".join(f"<li>{_exhibitor(graph, f)}</li>" for f in
                        sorted(exhibits[expo_id], key=lambda f: (graph.entities[f.s].name, f.id)))
        listing = f'<ul class="exhibitors">{items}</ul>' if items else '<span class="muted">–</span>'
        rows.append([escape(expo.name), escape(str(expo.attrs.get("date", ""))),
                     _names(graph, venues[expo_id]), str(len(exhibits[expo_id])), listing])
    table = _table(["expo", "date", "held in", "exhibitors", "who exhibits"], rows, {3})
    return "<section><h2>Expos and their exhibitors</h2>" + table + "</section>"


def _exhibitor(graph: Graph, fact: GraphFact) -> str:
    count = as_number(fact.q.get("count"))
    suffix = f' <span class="muted">({count:.0f} 家)</span>' if count is not None else ""
    return escape(graph.entities[fact.s].name) + suffix


# ---------------------------------------------------------------------------------------------
# The picture
# ---------------------------------------------------------------------------------------------


def _picture(graph: Graph) -> str:
    options = "".join(f'<option value="{name}">{escape(VIEW_NAMES.get(name, name))}</option>'
                      for name in PROJECTIONS)
    legend = "".join(f'<span><i style="background:{type_color(t)}"></i>{TYPE_NAMES[t]} {t}</span>'
                     for t in sorted({e.type for e in graph.entities.values()}) if t in TYPE_NAMES)
    return (
        '<section id="picture"><h2>The graph</h2>'
        '<div class="controls"><label>view <select id="view-picker">' + options + "</select></label>"
        f'<span class="legend">{legend}</span><span id="view-note"></span></div>'
        '<div id="graph-box"><canvas id="graph-canvas" width="1100" height="560"></canvas>'
        '<div id="graph-tooltip" hidden></div></div>'
        '<p class="muted">Wheel: zoom · drag: pan or move a node · click a node: its neighbours '
        '<span id="selfcheck" data-state="pending">not drawn</span></p></section>'
    )


def _picture_data(graph: Graph) -> dict[str, Any]:
    mentions = mention_counts(graph)  # one pass over the articles for every view
    views = {name: compact_view(project(graph, name, mentions)) for name in PROJECTIONS}
    return {"colors": TYPE_COLORS, "otherColor": OTHER_COLOR, "views": views}


def compact_view(view: View, limit: int = MAX_DRAWN_NODES) -> dict[str, Any]:
    """Nodes as [id, label, type, subtype], edges as [source index, target index, label, weight].
    Unlinked nodes are left out of the picture (they only crowd it), and above `limit` nodes only
    the best-connected are kept; the note under the picture says what was left out. Two passes
    over the edges: they are not held, only those drawn."""
    degree: Counter = Counter()
    edge_count = 0
    for edge in view.edges.bare():
        degree[edge.source] += 1
        degree[edge.target] += 1
        edge_count += 1
    nodes = [n for n in view.nodes if degree[n.id]]
    note = f"{len(view.nodes)} nodes, {edge_count} edges"
    if len(nodes) < len(view.nodes):
        note += f"; {len(view.nodes) - len(nodes)} unlinked nodes not drawn"
    if len(nodes) > limit:
        keep = {n.id for n in sorted(nodes, key=lambda n: (-degree[n.id], n.id))[:limit]}
        nodes = [n for n in nodes if n.id in keep]
        note += f"; showing the {limit} best-connected nodes"
    index = {node.id: i for i, node in enumerate(nodes)}
    edges = [[index[e.source], index[e.target], e.label, e.weight] for e in view.edges.bare()
             if e.source in index and e.target in index]
    return {"note": note, "directed": view.directed,
            "nodes": [[n.id, n.label, n.type, n.attrs.get("subtype") or ""] for n in nodes],
            "edges": edges}


PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>graphbuild report</title>
<style>
{css}</style>
</head>
<body>
{body}
<script type="application/json" id="graph-data">{data}</script>
<script>
{js}</script>
</body>
</html>
"""
