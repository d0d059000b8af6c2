"""The embedded SPARQL store (pyoxigraph on disk) and the canned SPARQL queries.

DIR/store is an index of DIR/graph.nq, not a build output: the first query after a build (or
`graphbuild store DIR`) bulk-loads graph.nq plus the ontology (in its own named graph) into a fresh
store beside the old one and swaps it in by renaming, so readers never see a half-loaded store. A
stamp in the store records which graph.nq it was loaded from; a rebuilt graph.nq makes it stale.
Queries run with the union of all graphs as the default graph.

Parameters are declared in a query's header (`# @param person zh`) and bound by inserting a
`VALUES` clause whose literals pyoxigraph serialises (escaped) — user text never becomes SPARQL.
"""

from __future__ import annotations

import gc
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent first queries may each load the store
    fcntl = None

from graphbuild.resources import ONTOLOGY_DIR, QUERIES_DIR

ONTOLOGY = ONTOLOGY_DIR / "graphbuild.ttl"
QUERY_DIR = QUERIES_DIR / "sparql"
ONTOLOGY_GRAPH = "https://graphbuild.example/ontology"
NQUADS, STORE = "graph.nq", "store"  # in a build directory
STAMP = "graphbuild-source.json"  # inside the store: the graph.nq it was loaded from
_READ_BUFFER = 1 << 20  # bytes per read while bulk loading

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{XSD}{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {f"{XSD}{t}" for t in ("decimal", "double", "float")}
_PARAM_LINE = re.compile(r"^\s*#\s*@param\s+([A-Za-z_]\w*)(?:\s+(\S+))?", re.MULTILINE)
_PARAM_KINDS = ("zh", "string", "integer", "decimal", "iri")
_TOKENS = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\{')


class QueryError(Exception):
    """A query that cannot run: unknown name, bad parameter, syntax error. One-line message."""


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def load_store(nquads: Path, store_dir: Path, ontology: Path = ONTOLOGY) -> Path:
    """(Re)build store_dir from N-Quads; the old store is replaced only once the new one is complete."""
    store_dir = Path(store_dir)
    stamp = _source_stamp(nquads)  # taken before loading: a graph.nq replaced meanwhile reads stale
    fresh = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".new", dir=store_dir.parent))
    fresh.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would keep colleagues out of a shared archive
    stale = fresh.with_suffix(".old")
    try:
        _bulk_load(fresh, nquads, ontology)
        (fresh / STAMP).write_text(json.dumps(stamp) + "\n", encoding="utf-8")
        if store_dir.exists():
            store_dir.rename(stale)
        fresh.rename(store_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
    return store_dir


def ensure_store(build_dir: Path, force: bool = False) -> Path:
    """DIR/store, (re)loaded from DIR/graph.nq when missing, older than it, or `force`d. Concurrent
    first queries take turns (a lock on DIR), so the store is loaded once, not swapped under a reader."""
    build_dir = Path(build_dir)
    nquads, store_dir = build_dir / NQUADS, build_dir / STORE
    if not nquads.is_file():
        raise QueryError(f"{build_dir}: no {NQUADS} here (run `graphbuild build` first)")
    if store_is_current(build_dir) and not force:
        return store_dir
    from graphbuild import progress

    try:
        with _locked(build_dir):
            if force or not store_is_current(build_dir):  # another process may have loaded it meanwhile
                progress.note(f"loading {nquads} into the SPARQL store (first query after a build)")
                load_store(nquads, store_dir)
    except OSError as exc:
        raise QueryError(f"{store_dir}: cannot build the SPARQL store ({exc.strerror or exc})") from exc
    except SyntaxError as exc:
        raise QueryError(f"{nquads}: not valid N-Quads ({' '.join(str(exc).split())})") from exc
    return store_dir


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on a folder (a rebuild replaces the files in it, never the folder
    itself), where the platform has flock."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def store_is_current(build_dir: Path) -> bool:
    """DIR/store exists and was loaded from the DIR/graph.nq that is there now."""
    try:
        recorded = json.loads((Path(build_dir) / STORE / STAMP).read_text(encoding="utf-8"))
        return recorded == _source_stamp(Path(build_dir) / NQUADS)
    except (OSError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _source_stamp(nquads: Path) -> dict[str, int]:
    """Size and modification time: every build replaces graph.nq by a new file, so either changes."""
    info = nquads.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _bulk_load(path: Path, nquads: Path, ontology: Path) -> None:
    """One bulk load of the data and the ontology together: two loads leave two layers of files
    that `optimize` must then merge, which costs more than the load of the ontology itself."""
    store = ox.Store(str(path))
    try:
        extra = [io.BytesIO(_ontology_nquads(ontology))] if ontology.exists() else []
        with open(nquads, "rb") as data:
            stream = io.BufferedReader(_ChainedReader([data, *extra]), _READ_BUFFER)
            store.bulk_load(stream, format=ox.RdfFormat.N_QUADS)
        store.optimize()
    finally:
        del store
        gc.collect()  # pyoxigraph releases the on-disk database only when the Store is dropped


def _ontology_nquads(ontology: Path) -> bytes:
    """The ontology's Turtle as N-Quads in its own named graph."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = (ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


class _ChainedReader(io.RawIOBase):
    """Binary streams read one after the other, as one stream (no copy of the data in memory)."""

    def __init__(self, streams: list[BinaryIO]) -> None:
        super().__init__()
        self._streams = list(streams)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._streams:
            count = self._streams[0].readinto(buffer)
            if count:
                return count
            self._streams.pop(0)
        return 0


def open_store(store_dir: Path | str) -> ox.Store:
    """Open a build directory's store (loading it first if graph.nq is newer) or a store folder
    itself, read-only, so several readers can share it."""
    path = Path(store_dir)
    if (path / NQUADS).is_file():
        path = ensure_store(path)
    elif (path / STORE).is_dir():
        path = path / STORE
    if not path.is_dir():
        raise QueryError(f"{path}: no SPARQL store or {NQUADS} here (run `graphbuild build` first)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise QueryError(f"{path}: cannot open the SPARQL store: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------


def canned_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def query_text(name_or_file: str) -> str:
    """A canned query by NAME, or the text of a .rq file."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return path.read_text(encoding="utf-8")
    canned = QUERY_DIR / f"{name_or_file}.rq"
    if canned.is_file():
        return canned.read_text(encoding="utf-8")
    raise QueryError(f"{name_or_file}: neither a .rq file nor a canned query ({', '.join(canned_names())})")


def declared_params(text: str) -> dict[str, str]:
    """`# @param NAME KIND` header lines -> {NAME: KIND}; KIND defaults to a plain string."""
    params = {}
    for name, kind in _PARAM_LINE.findall(text):
        kind = kind or "string"
        if kind not in _PARAM_KINDS:
            raise QueryError(f"@param {name}: unknown kind {kind!r} (one of {', '.join(_PARAM_KINDS)})")
        params[name] = kind
    return params


def bind_term(value: str, kind: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term of its declared kind (the store escapes it when serialised)."""
    try:
        if kind == "zh":
            return ox.Literal(value, language="zh")
        if kind == "iri":
            return ox.NamedNode(value)
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(f"{XSD}integer"))
        if kind == "decimal":
            number = Decimal(value.strip())
            if not number.is_finite():
                raise ValueError(value)
            return ox.Literal(format(number, "f"), datatype=ox.NamedNode(f"{XSD}decimal"))
    except (ValueError, ArithmeticError) as exc:
        raise QueryError(f"parameter value {value!r} is not a valid {kind}") from exc
    return ox.Literal(value)


def bind_params(text: str, params: Mapping[str, str]) -> str:
    """Bind the declared parameters with a VALUES block; every declared one must be given."""
    declared = declared_params(text)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise QueryError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: "
                         f"{', '.join(declared) or 'none'}")
    missing = sorted(set(declared) - set(params))
    if missing:
        raise QueryError(f"missing parameter(s): {', '.join(f'--param {m}=…' for m in missing)}")
    if not declared:
        return text
    names = sorted(declared)
    row = " ".join(str(bind_term(params[n], declared[n])) for n in names)
    values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = where_body_start(text)
    return text[:at] + values + text[at:]


def where_body_start(text: str) -> int:
    """Index just inside the query's first group `{`, skipping strings, IRIs and comments.

    Bindings placed there reach the whole pattern, FILTERs included (a trailing VALUES would not).
    """
    for match in _TOKENS.finditer(text):
        if match.group() == "{":
            return match.end()
    raise QueryError("the query has no WHERE { … } to bind parameters into")


def to_python(term: Any) -> str | int | float | bool | None:
    """A result term as a plain Python value: numbers as int/float, everything else as its text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def run_query(store: ox.Store, text: str, params: Mapping[str, str] | None = None
              ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a SELECT query over the union of all graphs; (columns, rows of plain values)."""
    bound = bind_params(text, params or {})
    try:
        results = store.query(bound, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT queries print as a table")
    columns = [v.value for v in results.variables]
    rows = [tuple(to_python(solution[c]) for c in columns) for solution in results]
    return columns, rows


def run_named(store_dir: Path | str, name_or_file: str, params: Mapping[str, str] | None = None
              ) -> tuple[list[str], list[tuple[Any, ...]]]:
    return run_query(open_store(store_dir), query_text(name_or_file), params)


def run_canned(store_dir: Path | str, name: str, params: Mapping[str, str] | None = None
               ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run canned query NAME against DIR/store (or the store folder); rows hold str/int/float/None."""
    if name not in canned_names():
        raise QueryError(f"{name}: no such canned query ({', '.join(canned_names())})")
    return run_named(store_dir, name, params)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """['person=孙弘', …] -> {'person': '孙弘'}; the value may itself contain '='."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        params[key.strip()] = value
    return params
