"""DIR/graph.graphml and DIR/graph.gexf (GEXF 1.3) for Gephi, igraph, networkx and yEd.

Gephi's conventions: every node has a `label` (the Chinese name) and a `type`; every edge has
`label` = predicate and a float `weight` (distinct supporting articles). Each attribute key has one
type across the file; lists are joined with ';' and empty values are left out, never written as
nulls. GEXF also carries node colours by type (`viz:color`) and, where a full date is known, a
time interval so that Gephi's timeline can filter; partial dates stay a string attribute.
The XML is built in a fixed order, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

from graphbuild.graphio import atomic_writer
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
    rows = ViewRows.of(view)  # both files: flattened once
    return [write_graphml(view, Path(out_dir) / "graph.graphml", rows),
            write_gexf(view, Path(out_dir) / "graph.gexf", rows)]


@dataclass(slots=True)
class ViewRows:
    """A view's flat attribute rows and degrees, what both formats are written from."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    degree: dict[str, int]

    @classmethod
    def of(cls, view: View) -> ViewRows:
        return cls(node_rows(view), edge_rows(view), degrees(view))


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
    return _class_kind(type(value))


@functools.lru_cache(maxsize=64)
def _class_kind(cls: type) -> str:
    """value_kind of the values of class `cls`."""
    if issubclass(cls, bool):
        return "boolean"
    if issubclass(cls, int):
        return "int"
    return "double" if issubclass(cls, float) else "string"


def key_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per key: the fixed one, else the narrowest that fits every value (int+float = double)."""
    classes: dict[str, set[type]] = defaultdict(set)
    for row in rows:  # the values' classes first: no call per value
        for key, value in row.items():
            classes[key].add(type(value))
    types = {}
    for key, found in classes.items():
        seen = {_class_kind(cls) for cls in found}
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


@functools.lru_cache(maxsize=4096)  # nodes share a few types and degrees; both formats ask
def gephi_style(type_: str, degree: int) -> Mapping[str, Any]:
    """Colour by type and size by degree: GEXF puts these in viz:*, GraphML in the r/g/b/size
    attributes that Gephi's GraphML importer turns into node colour and size."""
    hex_color = type_color(type_)
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    size = round(6.0 + 4.0 * math.log2(1 + degree), 2)
    return MappingProxyType({"r": red, "g": green, "b": blue, "size": size})  # shared: read-only


class XmlLines:
    """Indented XML built line by line, in call order (ElementTree is ~4x slower on big graphs).
    With `out`, lines are written there as they come, a chunk at a time."""

    CHUNK_LINES = 4096

    def __init__(self, out: TextIO | None = None) -> None:
        self.lines = ['<?xml version="1.0" encoding="UTF-8"?>']
        self.depth = 0
        self.out = out

    def open(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.lines.append(f"{' ' * self.depth}</{tag}>")
        if self.out is not None and len(self.lines) >= self.CHUNK_LINES:
            self.flush()

    def empty(self, tag: str, attrs: dict[str, str]) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)} />")

    def text(self, tag: str, attrs: dict[str, str], text: str) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>{_escape(text)}</{tag}>")

    def raw(self, line: str) -> None:
        """A line built by the caller (escaped, no indentation added)."""
        self.lines.append(line)

    def flush(self) -> None:
        assert self.out is not None
        self.out.write("\n".join(self.lines) + "\n")
        self.lines.clear()

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


def graphml_text(view: View, rows: ViewRows | None = None) -> str:
    xml = XmlLines()
    _graphml(view, rows or ViewRows.of(view), xml)
    return xml.result()


def _graphml(view: View, rows: ViewRows, xml: XmlLines) -> None:
    nodes = [{"label": node.label, **row, **gephi_style(node.type, rows.degree.get(node.id, 0))}
             for node, row in zip(view.nodes, rows.nodes, strict=True)]
    edges = [{"label": edge.label, "weight": float(edge.weight), **row}
             for edge, row in zip(view.edges, rows.edges, strict=True)]
    node_types, edge_types = key_types(nodes), key_types(edges)
    xml.open("graphml", {
        "xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    for domain, types in (("node", node_types), ("edge", edge_types)):
        for name, kind in types.items():
            xml.empty("key", {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name,
                              "attr.type": GRAPHML_TYPES[kind]})
    xml.open("graph", {"id": view.name, "edgedefault": "directed" if view.directed else "undirected"})
    node_data, edge_data = _data_lines(xml, "n", node_types), _data_lines(xml, "e", edge_types)
    for node, row in zip(view.nodes, nodes, strict=True):
        xml.open("node", {"id": node.id})
        node_data(row)
        xml.close("node")
    for edge, row in zip(view.edges, edges, strict=True):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        edge_data(row)
        xml.close("edge")
    xml.close("graph")
    xml.close("graphml")


def _data_lines(xml: XmlLines, prefix: str, types: dict[str, str]) -> Callable[[dict[str, Any]], None]:
    """What writes a row's <data> lines (one per key it has, in key order) one level below the
    current one."""
    indent = " " * (xml.depth + 1)
    return _value_lines(xml, types, lambda name: f'{indent}<data{_attributes({"key": f"{prefix}_{name}"})}>',
                        _escape, "</data>")


def _value_lines(xml: XmlLines, types: dict[str, str], start_of: Callable[[str], str],
                 escape: Callable[[str], str], end: str) -> Callable[[dict[str, Any]], None]:
    """What writes one line per key a row has, in key order: start, escaped value, end; each key's
    start is built once, not per row."""
    columns = [(name, kind, start_of(name)) for name, kind in types.items()]
    add = xml.lines.append

    def write_row(row: dict[str, Any]) -> None:
        for name, kind, start in columns:
            if name in row:
                add(f"{start}{escape(text_of(row[name], kind))}{end}")
    return write_row


def write_graphml(view: View, path: Path, rows: ViewRows | None = None) -> Path:
    with atomic_writer(path) as out:
        xml = XmlLines(out)
        _graphml(view, rows or ViewRows.of(view), xml)
        xml.flush()
    return path


# ---------------------------------------------------------------------------------------------
# GEXF 1.3
# ---------------------------------------------------------------------------------------------


def gexf_text(view: View, rows: ViewRows | None = None) -> str:
    xml = XmlLines()
    _gexf(view, rows or ViewRows.of(view), xml)
    return xml.result()


def _gexf(view: View, rows: ViewRows, xml: XmlLines) -> None:
    nodes, edges = rows.nodes, rows.edges
    node_types, edge_types = key_types(nodes), key_types(edges)
    xml.open("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": XSI_NS,
                      "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3"})
    xml.open("meta")
    xml.text("creator", {}, "graphbuild")
    xml.text("description", {}, f"graphbuild view: {view.name}")
    xml.close("meta")
    xml.open("graph", _gexf_graph_attrs(view, [*nodes, *edges]))
    _gexf_attribute_decls(xml, "node", node_types)
    _gexf_attribute_decls(xml, "edge", edge_types)
    xml.open("nodes")
    node_values = _attvalue_lines(xml, node_types, depth=xml.depth + 2)
    for node, row in zip(view.nodes, nodes, strict=True):
        xml.open("node", {"id": node.id, "label": node.label, **_interval(row)})
        if row:
            xml.open("attvalues")
            node_values(row)
            xml.close("attvalues")
        _gexf_viz(xml, node.type, rows.degree.get(node.id, 0))
        xml.close("node")
    xml.close("nodes")
    xml.open("edges")
    edge_values = _attvalue_lines(xml, edge_types, depth=xml.depth + 2)
    for edge, row in zip(view.edges, edges, strict=True):
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target,
                          "label": edge.label, "weight": repr(float(edge.weight)), **_interval(row)})
        if row:
            xml.open("attvalues")
            edge_values(row)
            xml.close("attvalues")
        xml.close("edge")
    xml.close("edges")
    xml.close("graph")
    xml.close("gexf")


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


def _attvalue_lines(xml: XmlLines, types: dict[str, str], depth: int) -> Callable[[dict[str, Any]], None]:
    """What writes a row's <attvalue> lines at `depth`."""
    indent = " " * depth
    return _value_lines(xml, types, lambda name: f'{indent}<attvalue{_attributes({"for": name})} value="',
                        _attribute_value, '" />')


def _gexf_viz(xml: XmlLines, type_: str, degree: int) -> None:
    style = gephi_style(type_, degree)
    xml.empty("viz:color", {"r": str(style["r"]), "g": str(style["g"]), "b": str(style["b"]), "a": "1.0"})
    xml.empty("viz:size", {"value": repr(style["size"])})


def write_gexf(view: View, path: Path, rows: ViewRows | None = None) -> Path:
    with atomic_writer(path) as out:
        xml = XmlLines(out)
        _gexf(view, rows or ViewRows.of(view), xml)
        xml.flush()
    return path
