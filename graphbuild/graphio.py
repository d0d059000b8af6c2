"""graph.json: the resolved graph on disk, read back by every writer and command.

The file is canonical JSON (sorted keys, entities/facts/articles sorted by id) so that two builds
of the same pages are byte-identical.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import operator
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, TextIO

from graphbuild.model import ArticleMeta, Credit, Entity, Evidence, Graph, GraphFact
from graphbuild.ondisk import EvidenceList, in_id_order

FORMAT_VERSION = 1
_UMASK = os.umask(0)  # reading the umask means setting it; restore at once
os.umask(_UMASK)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> Any:
    """`dataclasses.asdict` for JSON output, several times faster: containers are rebuilt the
    same way, but scalars are shared instead of deep-copied (nothing here mutates them)."""
    if obj is None or isinstance(obj, (str, int, float)):
        return obj
    if isinstance(obj, list):
        return [plain(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(plain(x) for x in obj)
    if isinstance(obj, EvidenceList):
        return [plain(x) for x in obj.load()]
    if isinstance(obj, dict):
        return {plain(k): plain(v) for k, v in obj.items()}
    names = _field_names(type(obj))
    if names is None:
        return obj
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value if type(value) in _LEAVES else plain(value)  # most fields: no call
    return out


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (cached), or None for anything else."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


def fields_dict(obj: Any) -> dict[str, Any]:
    """A dataclass instance as the dict of its fields (not recursive): the `default` hook that
    lets json's C encoder write dataclasses (see line_encoder)."""
    return _FIELD_DICTS[type(obj)](obj)


class _FieldDictMakers(dict[type, Callable[[Any], dict[str, Any]]]):
    """class -> a function that makes the dict of an instance's fields, in field order: a dict
    display made once per class, 3x faster than dict(zip(names, attrgetter(*names)(obj)))."""

    def __missing__(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        names = _field_names(cls)
        if names is None:
            raise TypeError(f"Object of type {cls.__name__} is not JSON serializable")
        # field names are identifiers and no keywords (dataclasses refuses others): safe as code
        entries = ", ".join(f"{name!r}: obj.{name}" for name in names)
        make = self[cls] = eval(f"lambda obj: {{{entries}}}", {})
        return make


_FIELD_DICTS = _FieldDictMakers()


def _tuple_getter(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """attrgetter, but a tuple for any number of names (one C call for all of them)."""
    if len(names) == 1:
        getter = operator.attrgetter(names[0])
        return lambda obj: (getter(obj),)
    return operator.attrgetter(*names) if names else lambda obj: ()


def line_encoder() -> json.JSONEncoder:
    """One-line JSON with sorted keys, dataclasses included: what json.dumps(plain(obj),
    ensure_ascii=False, sort_keys=True) gives, with no Python-level walk of the containers."""
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_json_default)


def _json_default(obj: Any) -> Any:
    return obj.load() if isinstance(obj, EvidenceList) else fields_dict(obj)


def graph_to_dict(graph: Graph) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "entities": [plain(graph.entities[k]) for k in sorted(graph.entities)],
        "facts": [plain(graph.facts[k]) for k in sorted(graph.facts)],
        "articles": [plain(graph.articles[k]) for k in sorted(graph.articles)],
    }


def graph_from_dict(data: dict[str, Any]) -> Graph:
    graph = Graph()
    for e in data.get("entities", []):
        graph.entities[e["id"]] = Entity(**e)
    for f in data.get("facts", []):
        ev = [Evidence(**x) for x in f.pop("evidence", [])]
        graph.facts[f["id"]] = GraphFact(**f, evidence=ev)
    for a in data.get("articles", []):
        credits = [Credit(**{**c, "span": tuple(c["span"])}) for c in a.pop("credits", [])]
        graph.articles[a["id"]] = ArticleMeta(**{**a, "span": tuple(a["span"])}, credits=credits)
    return graph


def dumps(graph: Graph) -> str:
    """The text of graph.json: what `json.dumps(graph_to_dict(graph), ensure_ascii=False,
    sort_keys=True, indent=1)` gives, byte for byte, but built by `_text` (the stdlib's indented
    encoder is pure-Python generators, several times slower)."""
    return "".join(_graph_chunks(graph))


RECORDS_PER_CHUNK = 500  # save_graph writes this many entities, facts or articles at a time


def _graph_chunks(graph: Graph) -> Iterator[str]:
    """dumps(graph) in pieces, record by record, straight from the dataclasses (no plain dicts)."""
    sections = {"articles": graph.articles, "entities": graph.entities, "facts": graph.facts}
    yield "{"
    for name, records in sections.items():  # the keys in sorted order, then "format"
        if not records:
            yield f'\n "{name}": [],'
            continue
        separator = f'\n "{name}": [\n  '
        for chunk in _chunks(record for _, record in in_id_order(records)):
            yield separator + ",\n  ".join(_items_texts(chunk, "\n  "))
            separator = ",\n  "
        yield "\n ],"
    yield f'\n "format": {FORMAT_VERSION}\n}}\n'


def _chunks(records: Iterable[Any]) -> Iterator[list[Any]]:
    """Records in runs of about RECORDS_PER_CHUNK items, a fact's evidence counted in: a fact
    seen on every page makes a chunk of its own, not one as big as the graph."""
    chunk: list[Any] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += 1 + len(getattr(record, "evidence", ()))
        if size >= RECORDS_PER_CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# exact types only: subclasses take the general path in _text, as json treats them
_SCALAR_TEXT: dict[type, Any] = {
    str: encode_basestring, int: int.__repr__, float: _float_text,
    bool: lambda b: "true" if b else "false", type(None): lambda _: "null",
}


def _text(obj: Any, newline: str) -> str:
    """obj as indent=1, sorted-key JSON (dataclasses as the dict of their fields); `newline` is
    "\n" plus the current indentation."""
    to_text = _SCALAR_TEXT.get(type(obj))
    if to_text is not None:
        return to_text(obj)
    fields_ = _sorted_fields(type(obj))
    if fields_ is not None:
        keys, values_of = fields_
        return _mapping_text(keys, values_of(obj), newline)
    if isinstance(obj, dict):
        items = sorted(obj.items())
        return _mapping_text([_key_text(k) for k, _ in items], [v for _, v in items], newline)
    if isinstance(obj, (list, tuple)):
        return _list_text(obj, newline)
    if isinstance(obj, EvidenceList):
        return _list_text(obj.load(), newline)
    if isinstance(obj, (str, int, float)):  # subclasses of the scalars
        return encode_basestring(obj) if isinstance(obj, str) else json.dumps(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _mapping_text(keys: Sequence[str], values: Sequence[Any], newline: str) -> str:
    """`keys` are JSON texts already, in order."""
    if not keys:
        return "{}"
    inner = newline + " "
    scalar = _SCALAR_TEXT.get
    entries = [f"{key}: {to_text(value)}" if (to_text := scalar(type(value))) else
               f"{key}: {_text(value, inner)}" for key, value in zip(keys, values, strict=True)]
    return "{" + inner + ("," + inner).join(entries) + newline + "}"


def _list_text(items: list[Any] | tuple[Any, ...], newline: str) -> str:
    if not items:
        return "[]"
    inner = newline + " "
    return "[" + inner + ("," + inner).join(_items_texts(items, inner)) + newline + "]"


def _items_texts(items: Sequence[Any], newline: str) -> Iterable[str]:
    """[_text(item, newline) for item in items], in C where the items allow it."""
    kinds = set(map(type, items))
    kind = kinds.pop() if len(kinds) == 1 else None
    to_text = _SCALAR_TEXT.get(kind)  # type: ignore[arg-type]
    if to_text:
        return map(to_text, items)
    if kind is not None and len(items) > 1 and (fields_ := _sorted_fields(kind)) and fields_[0]:
        return _records_texts(items, fields_, newline)
    return [_text(item, newline) for item in items]


def _records_texts(items: Sequence[Any], fields_: tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]],
                   newline: str) -> Iterator[str]:
    """[_text(item, newline) for item in items] for dataclasses of one type (graph records, a
    fact's evidence), a field at a time: a column of one scalar type is formatted in C (which
    does not pay for a single item)."""
    keys, values_of = fields_
    inner = newline + " "
    columns = []
    for column in zip(*map(values_of, items), strict=True):
        kinds = set(map(type, column))
        to_text = _SCALAR_TEXT.get(kinds.pop()) if len(kinds) == 1 else None
        columns.append(map(to_text, column) if to_text else [_text(value, inner) for value in column])
    return map(_record_template(keys, newline), *columns)


@functools.lru_cache(maxsize=256)
def _record_template(keys: tuple[str, ...], newline: str) -> Callable[..., str]:
    """_mapping_text(keys, texts of the values, newline) as a function of those texts."""
    from graphbuild.writers._templates import interleaver  # here: graphbuild.writers imports graphio

    inner = newline + " "
    parts = ["{" + inner + keys[0] + ": ", *("," + inner + key + ": " for key in keys[1:]), newline + "}"]
    return interleaver(parts)


_SORTED_FIELDS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] | None] = {}


def _sorted_fields(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] | None:
    """For a dataclass (cached): its field names as JSON keys in sorted order, and a getter of the
    values in that order; None for anything else."""
    if cls not in _SORTED_FIELDS:
        names = _field_names(cls)
        if names is None:
            _SORTED_FIELDS[cls] = None
        else:
            ordered = sorted(names)
            _SORTED_FIELDS[cls] = tuple(map(encode_basestring, ordered)), _tuple_getter(ordered)
    return _SORTED_FIELDS[cls]


def _key_text(key: Any) -> str:
    """A dict key as json writes it: strings as they are, scalars as their JSON text."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, (bool, int, float)):
        return encode_basestring(json.dumps(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def save_graph(graph: Graph, path: str | Path) -> Path:
    path = Path(path)
    with atomic_writer(path) as out:
        for chunk in _graph_chunks(graph):
            out.write(chunk)
    return path


def load_graph(path: str | Path) -> Graph:
    """Load DIR/graph.json (or a path to the file itself)."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    with open(path, encoding="utf-8") as fh, gc_paused():
        return graph_from_dict(json.load(fh))


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block: loading makes some 100k objects and no
    cycles, and each collection the allocations would trigger walks them all (25% of the load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted run never leaves half a file."""
    with atomic_writer(path) as fh:
        fh.write(text)


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file to stream into; it appears at `path` (by rename) only once the block completes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
