"""`graphbuild validate DIR`: check DIR/graph.ttl against ontology/shapes.ttl with pySHACL."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rdflib import RDF, RDFS, XSD, Graph, Namespace
from rdflib.term import Node

from graphbuild.resources import ONTOLOGY_DIR
from graphbuild.stores.sparql import ONTOLOGY

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
GB = Namespace("https://graphbuild.example/ontology#")
SKOS_PREF = Namespace("http://www.w3.org/2004/02/skos/core#").prefLabel
OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#").error  # where owlrl reports
_GMONTHDAY = re.compile(r"^--(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")


@dataclass(slots=True, frozen=True)
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str  # the node's label and IRI
    path: str
    message: str


def validate_file(ttl: Path, inference: str = "rdfs") -> tuple[bool, list[Finding]]:
    """(conforms, findings) for one Turtle file; warnings do not break conformance."""
    from pyshacl import validate

    _fix_owlrl_gmonthday()
    data = Graph().parse(ttl, format="turtle")
    shapes = Graph().parse(SHAPES, format="turtle")
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference=inference,
                                   allow_warnings=True)
    return bool(conforms), findings(report, data)


def owl_inconsistencies(ttl: Path) -> list[str]:
    """Run the OWL 2 RL rules (owlrl) over ontology + graph; the messages of any inconsistency found,
    e.g. a node in two disjoint classes."""
    import owlrl

    _fix_owlrl_gmonthday()
    graph = Graph().parse(ONTOLOGY, format="turtle")
    graph.parse(ttl, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(graph)
    return sorted(str(message) for message in graph.objects(None, OWLRL_ERROR))


def _fix_owlrl_gmonthday() -> None:
    """owlrl (pySHACL's RDFS reasoner) installs process-wide literal parsers; its xsd:gMonthDay one
    prefixes a year to '--08-23' and so rejects every valid value. Give it a correct one."""
    from owlrl import DatatypeHandling

    DatatypeHandling.AltXSDToPYTHON[XSD.gMonthDay] = _parse_gmonthday
    DatatypeHandling.use_Alt_lexical_conversions()


def _parse_gmonthday(text: str) -> str:
    match = _GMONTHDAY.match(text)
    if not match:
        raise ValueError(f"invalid xsd:gMonthDay {text!r}")
    datetime.date(2000, int(match[1]), int(match[2]))  # a leap year, so --02-29 is valid; raises if not
    return text


def findings(report: Graph, data: Graph) -> list[Finding]:
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        message = report.value(result, SH.resultMessage) or ""
        value = report.value(result, SH.value)
        if value is not None and str(value) not in str(message):
            message = f"{message} (value: {value})"
        out.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=describe(focus, data), path=short(path, data) if path is not None else "",
            message=str(message)))
    return sorted(out, key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))


def describe(node: Node | None, data: Graph) -> str:
    """A node as people know it: its name, or what a fact / evidence node is about, plus its IRI."""
    label = data.value(node, SKOS_PREF) or data.value(node, RDFS.label)
    if label is None and data.value(node, RDF.subject) is not None:
        parts = (data.value(node, RDF.subject), data.value(node, RDF.object))
        names = [str(data.value(p, SKOS_PREF) or p) for p in parts]
        predicate = str(data.value(node, RDF.predicate) or "?").rsplit("#", 1)[-1]
        label = f"fact {names[0]} {predicate} {names[1]}"
    elif label is None and data.value(node, GB.evidenceText) is not None:
        text = str(data.value(node, GB.evidenceText))
        label = f"evidence «{text[:30]}{'…' if len(text) > 30 else ''}»"
    return f"{label} <{node}>" if label else f"<{node}>"


def short(node: Node, data: Graph) -> str:
    try:
        return data.namespace_manager.normalizeUri(node)
    except Exception:  # a path expression (blank node), not a plain IRI
        return str(node)


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate_cmd(
        build_dir: Annotated[Path, typer.Argument(help="Build directory (with graph.ttl) or a .ttl file.")],
        inference: Annotated[str, typer.Option(help="rdfs, or none (faster on big graphs).")] = "rdfs",
        limit: Annotated[int, typer.Option(help="Print at most this many findings (0 = all).")] = 50,
        owl: Annotated[bool, typer.Option("--owl", help="Also run an OWL 2 RL consistency check.")] = False,
    ) -> None:
        """Validate the RDF graph against the SHACL shapes; exit 0 if it conforms, 1 if not."""
        if inference not in ("rdfs", "none"):
            typer.echo("error: --inference must be rdfs or none", err=True)
            raise typer.Exit(2)
        ttl = build_dir / "graph.ttl" if build_dir.is_dir() else build_dir
        if not ttl.is_file():
            typer.echo(f"error: {ttl}: no such file (run `graphbuild build` first)", err=True)
            raise typer.Exit(2)
        conforms, found = validate_file(ttl, inference=inference)
        if owl:
            found += [Finding("Violation", "OWL 2 RL", "-", msg) for msg in owl_inconsistencies(ttl)]
            conforms = conforms and all(f.severity != "Violation" for f in found)
        print_findings(found, limit)
        violations = sum(f.severity == "Violation" for f in found)
        verdict = "conforms" if conforms else "does NOT conform"
        typer.echo(f"{ttl}: {verdict} ({violations} violation(s), {len(found) - violations} warning(s))")
        raise typer.Exit(0 if conforms else 1)


def print_findings(found: list[Finding], limit: int) -> None:
    for f in found[: limit or None]:
        typer.echo(f"{f.severity}: {f.focus}\n    path: {f.path or '-'}\n    {f.message}")
    if limit and len(found) > limit:
        typer.echo(f"… and {len(found) - limit} more (use --limit 0 to see all)")
