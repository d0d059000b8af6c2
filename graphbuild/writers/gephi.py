"""DIR/graph.graphml and DIR/graph.gexf (GEXF 1.3) for Gephi, igraph, networkx and yEd.

Gephi's conventions: every node has a `label` (the Chinese name) and a `type`; every edge has
`label` = predicate and a float `weight` (distinct supporting articles). Each attribute key has one
type across the file; lists are joined with ';' and empty values are left out, never written as
nulls. GEXF also carries node colours by type (`viz:color`) and, where a full date is known, a
time interval so that Gephi's timeline can filter; partial dates stay a string attribute.
The XML is built in a fixed order, so the same graph always gives the same bytes.

Edges are not held: both files' edge elements are written to temporary files in one pass over the
view's edges, which also tells the attribute types the headers declare, then each file is written
around them.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

from graphbuild.graphio import atomic_writer
from graphbuild.model import Graph
from graphbuild.projections import View, ViewEdge, full_view, type_color

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
SPOOL_COPY_BYTES = 1 << 16


def write(graph: Graph, out_dir: Path) -> list[Path]:
    paths = {fmt: Path(out_dir) / f"graph.{fmt}" for fmt in ("graphml", "gexf")}
    write_view(full_view(graph), paths)
    return list(paths.values())


def write_view(view: View, paths: Mapping[str, Path]) -> None:
    """The view in each format of `paths` ({"graphml": path, "gexf": path}), all from one pass
    over its edges."""
    with contextlib.ExitStack() as stack:
        outs = {fmt: stack.enter_context(atomic_writer(path)) for fmt, path in paths.items()}
        _write(view, outs, next(iter(paths.values())).parent)


def write_graphml(view: View, path: Path) -> Path:
    write_view(view, {"graphml": path})
    return path


def write_gexf(view: View, path: Path) -> Path:
    write_view(view, {"gexf": path})
    return path


def graphml_text(view: View) -> str:
    return _text(view, "graphml")


def gexf_text(view: View) -> str:
    return _text(view, "gexf")


def _text(view: View, fmt: str) -> str:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    _write(view, {fmt: out})
    out.flush()
    return out.buffer.getvalue().decode("utf-8")


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


# the classes of the values seen under each key (noted first: no call per value)
Classes = dict[str, set[type]]


def key_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per key: the fixed one, else the narrowest that fits every value (int+float = double)."""
    classes: Classes = defaultdict(set)
    for row in rows:
        note_classes(row, classes)
    return types_of(classes)


def note_classes(row: dict[str, Any], classes: Classes) -> None:
    for key, value in row.items():
        classes[key].add(type(value))


def types_of(classes: Classes) -> dict[str, str]:
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


def kinds_agree(classes: Classes) -> bool:
    """Whether each key's values are all of its type's kind, so that each value's text, written
    before the type was known, is what the type gives."""
    return all(key in FIXED_TYPES or len({_class_kind(cls) for cls in found}) == 1
               for key, found in classes.items())


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


def has_full_date(row: dict[str, Any]) -> bool:
    return FULL_DATE.match(str(row.get("date", ""))) is not None


@functools.lru_cache(maxsize=4096)  # nodes share a few types and degrees; both formats ask
def gephi_style(type_: str, degree: int) -> Mapping[str, Any]:
    """Colour by type and size by degree: GEXF puts these in viz:*, GraphML in the r/g/b/size
    attributes that Gephi's GraphML importer turns into node colour and size."""
    hex_color = type_color(type_)
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    size = round(6.0 + 4.0 * math.log2(1 + degree), 2)
    return MappingProxyType({"r": red, "g": green, "b": blue, "size": size})  # shared: read-only


class XmlLines:
    """Indented XML built line by line, in call order (ElementTree is ~4x slower on big graphs),
    and written to `out` a chunk at a time. At depth 0 a document (from the XML declaration),
    deeper a fragment of one."""

    CHUNK_LINES = 1024

    def __init__(self, out: TextIO, depth: int = 0) -> None:
        self.lines = [] if depth else ['<?xml version="1.0" encoding="UTF-8"?>']
        self.depth = depth
        self.out = out

    def open(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.lines.append(f"{' ' * self.depth}</{tag}>")
        if len(self.lines) >= self.CHUNK_LINES:
            self.flush()

    def empty(self, tag: str, attrs: dict[str, str]) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)} />")

    def text(self, tag: str, attrs: dict[str, str], text: str) -> None:
        self.lines.append(f"{' ' * self.depth}<{tag}{_attributes(attrs)}>{_escape(text)}</{tag}>")

    def flush(self) -> None:
        if self.lines:
            self.out.write("\n".join(self.lines) + "\n")
            self.lines.clear()

    def insert(self, fragment: TextIO) -> None:
        """The lines written to `fragment` (a temporary file), here: copied as bytes, both being
        UTF-8."""
        self.flush()
        self.out.flush()
        fragment.flush()
        fragment.buffer.seek(0)
        shutil.copyfileobj(fragment.buffer, self.out.buffer, SPOOL_COPY_BYTES)


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
# Both formats: the edges first, to temporary files, then each file around them
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class EdgeScan:
    """What a pass over the edges learns for the parts of the files that come before them."""

    degree: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    classes: dict[str, Classes] = field(default_factory=dict)  # per format, of its edge rows
    dated: bool = False  # an edge carries a full date


# writes one edge to a format's spool; returns the row of values it wrote
EdgeWriter = Callable[[ViewEdge, dict[str, Any]], dict[str, Any]]


def _write(view: View, outs: Mapping[str, TextIO], work_dir: Path | None = None) -> None:
    with contextlib.ExitStack() as stack:
        spools = {fmt: stack.enter_context(_spool(work_dir)) for fmt in outs}
        scan = _spool_edges(view, spools, dict.fromkeys(spools, FIXED_TYPES))
        if not all(kinds_agree(classes) for classes in scan.classes.values()):
            # a key with values of several kinds: write the edges again, as its type now says
            final = {fmt: types_of(classes) for fmt, classes in scan.classes.items()}
            for spool in spools.values():
                spool.seek(0)
                spool.truncate()
            scan = _spool_edges(view, spools, final)
        rows = node_rows(view)
        for fmt, out in outs.items():
            DOCUMENTS[fmt](view, rows, scan, spools[fmt], out)


def _spool(work_dir: Path | None) -> TextIO:
    return tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=work_dir)


def _spool_edges(view: View, spools: Mapping[str, TextIO],
                 kinds: Mapping[str, Mapping[str, str]]) -> EdgeScan:
    """Every edge written to each format's spool, a value in its key's kind if `kinds` has it, else
    in its own; the degrees, value classes and dates are noted on the way."""
    scan = EdgeScan(classes={fmt: defaultdict(set) for fmt in spools})
    xmls = {fmt: XmlLines(spool, EDGE_DEPTH[fmt]) for fmt, spool in spools.items()}
    writers = [(EDGE_WRITERS[fmt](xml, kinds[fmt]), scan.classes[fmt]) for fmt, xml in xmls.items()]
    degree = scan.degree
    for edge in view.edges:
        row = flat_attrs(edge.attrs)
        degree[edge.source] += 1
        degree[edge.target] += 1
        scan.dated = scan.dated or has_full_date(row)
        for write_edge, classes in writers:
            note_classes(write_edge(edge, row), classes)
    for xml in xmls.values():
        xml.flush()
    return scan


def _value_lines(xml: XmlLines, kinds: Mapping[str, str], start_of: Callable[[str], str],
                 escape: Callable[[str], str], end: str) -> Callable[[dict[str, Any]], None]:
    """What writes one line per key a row has, in key order: start, escaped value, end. A value
    is written in its key's kind if `kinds` has it, else in its own. Rows mostly share a few sets
    of keys: each set's (key, start, kind) list is made once."""
    layouts: dict[tuple[str, ...], list[tuple[str, str, str | None]]] = {}
    add = xml.lines.append

    def layout(keys: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
        layouts[keys] = [(name, start_of(name), kinds.get(name)) for name in sorted(keys)]
        return layouts[keys]

    def write_row(row: dict[str, Any]) -> None:
        keys = tuple(row)
        for name, start, kind in layouts.get(keys) or layout(keys):
            value = row[name]
            add(f"{start}{escape(text_of(value, kind or _class_kind(type(value))))}{end}")
    return write_row


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------


def _graphml_edges(xml: XmlLines, kinds: Mapping[str, str]) -> EdgeWriter:
    data = _data_lines(xml, "e", kinds)

    def write_edge(edge: ViewEdge, row: dict[str, Any]) -> dict[str, Any]:
        row = {"label": edge.label, "weight": float(edge.weight), **row}
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        data(row)
        xml.close("edge")
        return row
    return write_edge


def _graphml_document(view: View, rows: list[dict[str, Any]], scan: EdgeScan, edges: TextIO,
                      out: TextIO) -> None:
    nodes = [{"label": node.label, **row, **gephi_style(node.type, scan.degree.get(node.id, 0))}
             for node, row in zip(view.nodes, rows, strict=True)]
    node_types, edge_types = key_types(nodes), types_of(scan.classes["graphml"])
    xml = XmlLines(out)
    xml.open("graphml", {
        "xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    for domain, types in (("node", node_types), ("edge", edge_types)):
        for name, kind in types.items():
            xml.empty("key", {"id": f"{domain[0]}_{name}", "for": domain, "attr.name": name,
                              "attr.type": GRAPHML_TYPES[kind]})
    xml.open("graph", {"id": view.name, "edgedefault": "directed" if view.directed else "undirected"})
    node_data = _data_lines(xml, "n", node_types)
    for node, row in zip(view.nodes, nodes, strict=True):
        xml.open("node", {"id": node.id})
        node_data(row)
        xml.close("node")
    xml.insert(edges)
    xml.close("graph")
    xml.close("graphml")
    xml.flush()


def _data_lines(xml: XmlLines, prefix: str, kinds: Mapping[str, str]) -> Callable[[dict[str, Any]], None]:
    """What writes a row's <data> lines one level below the current one."""
    indent = " " * (xml.depth + 1)
    return _value_lines(xml, kinds, lambda name: f'{indent}<data{_attributes({"key": f"{prefix}_{name}"})}>',
                        _escape, "</data>")


# ---------------------------------------------------------------------------------------------
# GEXF 1.3
# ---------------------------------------------------------------------------------------------


def _gexf_edges(xml: XmlLines, kinds: Mapping[str, str]) -> EdgeWriter:
    values = _attvalue_lines(xml, kinds, depth=xml.depth + 2)

    def write_edge(edge: ViewEdge, row: dict[str, Any]) -> dict[str, Any]:
        xml.open("edge", {"id": edge.id, "source": edge.source, "target": edge.target,
                          "label": edge.label, "weight": repr(float(edge.weight)), **_interval(row)})
        if row:
            xml.open("attvalues")
            values(row)
            xml.close("attvalues")
        xml.close("edge")
        return row
    return write_edge


def _gexf_document(view: View, rows: list[dict[str, Any]], scan: EdgeScan, edges: TextIO,
                   out: TextIO) -> None:
    node_types, edge_types = key_types(rows), types_of(scan.classes["gexf"])
    xml = XmlLines(out)
    xml.open("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": XSI_NS,
                      "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3"})
    xml.open("meta")
    xml.text("creator", {}, "graphbuild")
    xml.text("description", {}, f"graphbuild view: {view.name}")
    xml.close("meta")
    xml.open("graph", _gexf_graph_attrs(view, scan.dated or any(map(has_full_date, rows))))
    _gexf_attribute_decls(xml, "node", node_types)
    _gexf_attribute_decls(xml, "edge", edge_types)
    xml.open("nodes")
    node_values = _attvalue_lines(xml, node_types, depth=xml.depth + 2)
    for node, row in zip(view.nodes, rows, strict=True):
        xml.open("node", {"id": node.id, "label": node.label, **_interval(row)})
        if row:
            xml.open("attvalues")
            node_values(row)
            xml.close("attvalues")
        _gexf_viz(xml, node.type, scan.degree.get(node.id, 0))
        xml.close("node")
    xml.close("nodes")
    xml.open("edges")
    xml.insert(edges)
    xml.close("edges")
    xml.close("graph")
    xml.close("gexf")
    xml.flush()


def _gexf_graph_attrs(view: View, dated: bool) -> dict[str, str]:
    """Dynamic (with a date timeline) as soon as anything carries a full date."""
    attrs = {"defaultedgetype": "directed" if view.directed else "undirected", "mode": "static"}
    if dated:
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


def _attvalue_lines(xml: XmlLines, kinds: Mapping[str, str], depth: int) -> Callable[[dict[str, Any]], None]:
    """What writes a row's <attvalue> lines at `depth`."""
    indent = " " * depth
    return _value_lines(xml, kinds, lambda name: f'{indent}<attvalue{_attributes({"for": name})} value="',
                        _attribute_value, '" />')


def _gexf_viz(xml: XmlLines, type_: str, degree: int) -> None:
    style = gephi_style(type_, degree)
    xml.empty("viz:color", {"r": str(style["r"]), "g": str(style["g"]), "b": str(style["b"]), "a": "1.0"})
    xml.empty("viz:size", {"value": repr(style["size"])})


# Where each format's edge elements sit, what writes them, and what writes the file around them.
EDGE_DEPTH = {"graphml": 2, "gexf": 3}
EDGE_WRITERS: dict[str, Callable[[XmlLines, Mapping[str, str]], EdgeWriter]] = {
    "graphml": _graphml_edges, "gexf": _gexf_edges}
DOCUMENTS: dict[str, Callable[[View, list[dict[str, Any]], EdgeScan, TextIO, TextIO], None]] = {
    "graphml": _graphml_document, "gexf": _gexf_document}
