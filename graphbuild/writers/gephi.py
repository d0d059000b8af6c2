"""DIR/graph.graphml and DIR/graph.gexf (GEXF 1.3) for Gephi, igraph, networkx and yEd.

Gephi's conventions: every node has a `label` (the Chinese name) and a `type`; every edge has
`label` = predicate and a float `weight` (distinct supporting articles). Each attribute key has one
type across the file; lists are joined with ';' and empty values are left out, never written as
nulls. GEXF also carries node colours by type (`viz:color`) and, where a full date is known, a
time interval so that Gephi's timeline can filter; partial dates stay a string attribute.
The XML is built in a fixed order, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphbuild.graphio import atomic_write_text
from graphbuild.model import Graph
from graphbuild.projections import View, full_view, type_color

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LIST_SEPARATOR = ";"

# Qualifiers whose type must not depend on the values seen in one graph.
FIXED_TYPES = {"investment_cny": "double", "total_investment_cny": "double", "count": "int",
               "date": "string", "r": "int", "g": "int", "b": "int", "size": "double"}
GRAPHML_TYPES = {"boolean": "boolean", "int": "int", "double": "double", "string": "string"}
GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}

def write(graph: Graph, out_dir: Path) -> list[Path]:
    view = full_view(graph)
    return [write_graphml(view, Path(out_dir) / "graph.graphml"),
            write_gexf(view, Path(out_dir) / "graph.gexf")]


# ---------------------------------------------------------------------------------------------
# Attribute values: flat, typed, never empty
# ---------------------------------------------------------------------------------------------


def flat_value(value: Any) -> Any:
    """A scalar for the file, or None to leave the attribute out."""
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value if v is not None and str(v) != ""]
        return LIST_SEPARATOR.join(parts) or None
    if value is None or value == "":
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value if isinstance(value, bool | int | float | str) else str(value)


def flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    flat = {key: fixed_type_value(key, flat_value(value)) for key, value in attrs.items()}
    return {key: value for key, value in flat.items() if value is not None}


def fixed_type_value(key: str, value: Any) -> Any:
    """Numbers for keys whose type is fixed (count, investment_cny …); None if not a number,
    so one odd value cannot break the column's type or the writer."""
    kind = FIXED_TYPES.get(key)
    if value is None or kind not in ("int", "double"):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int(number) if kind == "int" else number


def value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    return "double" if isinstance(value, float) else "string"


def key_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per key: the fixed one, else the narrowest that fits every value (int+float = double)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for key, value in row.items():
            kinds[key].add(value_kind(value))
    types = {}
    for key, seen in kinds.items():
        if key in FIXED_TYPES:
            types[key] = FIXED_TYPES[key]
        elif len(seen) == 1:
            types[key] = next(iter(seen))
        else:
            types[key] = "double" if seen <= {"int", "double"} else "string"
    return dict(sorted(types.items()))


def text_of(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return str(value)


def node_rows(view: View) -> list[dict[str, Any]]:
    return [{"type": node.type, **flat_attrs(node.attrs)} for node in view.nodes]


def edge_rows(view: View) -> list[dict[str, Any]]:
    return [flat_attrs(edge.attrs) for edge in view.edges]


def degrees(view: View) -> dict[str, int]:
    degree: dict[str, int] = defaultdict(int)
    for edge in view.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    return degree


def gephi_style(type_: str, degree: int) -> dict[str, Any]:
    """Colour by type and size by degree: GEXF puts these in viz:*, GraphML in the r/g/b/size
    attributes that Gephi's GraphML importer turns into node colour and size."""
    hex_color = type_color(type_)
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return {"r": red, "g": green, "b": blue, "size": round(6.0 + 4.0 * math.log2(1 + degree), 2)}


class XmlLines:
    """Indented XML built line by line, in call order (ElementTree is ~4x slower on big graphs)."""

    def __init__(self) -> None:
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        self.depth = 0

    def open(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.lines.append(f"{' ' * self.depth}</{tag}>")

    def empty(self, tag: str, attrs: dict[str, str]) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)} />")

    def text(self, tag: str, attrs: dict[str, str], text: str) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>{_escape(text)}</{tag}>")

    def result(self) -> str:
        return "\n".join(self.lines) + "\n"


# Characters XML 1.0 forbids even when escaped are dropped: one would make the whole file unreadable.
_ILLEGAL_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **_ILLEGAL_XML})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#09;", **_ILLEGAL_XML})


# translate with a dict table is slow; most text needs no escape, which one regex search tells
_TEXT_SPECIALS = re.compile("[" + "".join(re.escape(chr(c)) for c in _TEXT_ESCAPES) + "]")
_ATTR_SPECIALS = re.compile("[" + "".join(re.escape(chr(c)) for c in _ATTR_ESCAPES) + "]")


def _escape(text: str) -> str:
    return text.translate(_TEXT_ESCAPES) if _TEXT_SPECIALS.search(text) else text


def _attribute_value(value: str) -> str:
    return value.translate(_ATTR_ESCAPES) if _ATTR_SPECIALS.search(value) else value


def _attributes(attrs: dict[str, str] | None) -> str:
    if not attrs:
        return ""
    return "".join([f' {key}="{_attribute_value(value)}"' for key, value in attrs.items()])


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------


def graphml_text(view: View) -> str:
    degree = degrees(view)
    nodes = [{"label": node.label, **row, **gephi_style(node.type, degree.get(node.id, 0))}
             for node, row in zip(view.nodes, node_rows(view), strict=True)]
    edges = [{"label": edge.label, "weight": float(edge.weight), **row}
             for edge, row in zip(view.edges, edge_rows(view), strict=True)]
    node_types, edge_types = key_types(nodes), key_types(edges)
    xml = XmlLines()
    xml.open("graphml", {
        "xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    for domain, types in (("node", node_types), ("edge", edge_types)):
        for name, kind in types.items():
            xml.empty("key", {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name,
                              "attr.type": GRAPHML_TYPES[kind]})
    xml.open("graph", {"id": view.name, "edgedefault": "directed" if view.directed else "undirected"})
    for node, row in zip(view.nodes, nodes, strict=True):
        xml.open("node", {"id": node.id})
        _graphml_data(xml, "n", node_types, row)
        xml.close("node")
    for edge, row in zip(view.edges, edges, strict=True):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        _graphml_data(xml, "e", edge_types, row)
        xml.close("edge")
    xml.close("graph")
    xml.close("graphml")
    return xml.result()


def _graphml_data(xml: XmlLines, prefix: str, types: dict[str, str], row: dict[str, Any]) -> None:
    for name, kind in types.items():
        if name in row:
            xml.text("data", {"key": f"{prefix}_{name}"}, text_of(row[name], kind))


def write_graphml(view: View, path: Path) -> Path:
    atomic_write_text(path, graphml_text(view))
    return path


# ---------------------------------------------------------------------------------------------
# GEXF 1.3
# ---------------------------------------------------------------------------------------------


def gexf_text(view: View) -> str:
    nodes, edges = node_rows(view), edge_rows(view)
    node_types, edge_types = key_types(nodes), key_types(edges)
    xml = XmlLines()
    xml.open("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": XSI_NS,
                      "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3"})
    xml.open("meta")
    xml.text("creator", {}, "graphbuild")
    xml.text("description", {}, f"graphbuild view: {view.name}")
    xml.close("meta")
    xml.open("graph", _gexf_graph_attrs(view, [*nodes, *edges]))
    _gexf_attribute_decls(xml, "node", node_types)
    _gexf_attribute_decls(xml, "edge", edge_types)
    degree = degrees(view)
    xml.open("nodes")
    for node, row in zip(view.nodes, nodes, strict=True):
        xml.open("node", {"id": node.id, "label": node.label, **_interval(row)})
        _gexf_attvalues(xml, node_types, row)
        _gexf_viz(xml, node.type, degree.get(node.id, 0))
        xml.close("node")
    xml.close("nodes")
    xml.open("edges")
    for edge, row in zip(view.edges, edges, strict=True):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target,
                          "label": edge.label, "weight": repr(float(edge.weight)), **_interval(row)})
        _gexf_attvalues(xml, edge_types, row)
        xml.close("edge")
    xml.close("edges")
    xml.close("graph")
    xml.close("gexf")
    return xml.result()


def _gexf_graph_attrs(view: View, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Dynamic (with a date timeline) as soon as anything carries a full date."""
    attrs = {"defaultedgetype": "directed" if view.directed else "undirected", "mode": "static"}
    if any(FULL_DATE.match(str(row.get("date", ""))) for row in rows):
        attrs |= {"mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"}
    return attrs


def _interval(row: dict[str, Any]) -> dict[str, str]:
    """A one-day interval for a full date, so Gephi's timeline shows the item on that day."""
    date = str(row.get("date", ""))
    return {"start": date, "end": date} if FULL_DATE.match(date) else {}


def _gexf_attribute_decls(xml: XmlLines, domain: str, types: dict[str, str]) -> None:
    xml.open("attributes", {"class": domain, "mode": "static"})
    for name, kind in types.items():
        xml.empty("attribute", {"id": name, "title": name, "type": GEXF_TYPES[kind]})
    xml.close("attributes")


def _gexf_attvalues(xml: XmlLines, types: dict[str, str], row: dict[str, Any]) -> None:
    if not row:
        return
    xml.open("attvalues")
    for name, kind in types.items():
        if name in row:
            xml.empty("attvalue", {"for": name, "value": text_of(row[name], kind)})
    xml.close("attvalues")


def _gexf_viz(xml: XmlLines, type_: str, degree: int) -> None:
    style = gephi_style(type_, degree)
    xml.empty("viz:color", {"r": str(style["r"]), "g": str(style["g"]), "b": str(style["b"]), "a": "1.0"})
    xml.empty("viz:size", {"value": repr(style["size"])})


def write_gexf(view: View, path: Path) -> Path:
    atomic_write_text(path, gexf_text(view))
    return path
