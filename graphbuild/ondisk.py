"""What grows with the number of pages — each fact's evidence, the articles — kept on disk.

Resolution spills evidence and articles as it goes; at the end each fact's evidence is one
marshal blob in a file (the fact keeps its offset) and the articles are one file in id order.
The graph then holds entities and facts only, and memory follows the graph, not the archive.
Files live in a WorkDir that lasts as long as the graph refers to it.

marshal, not JSON or pickle: these files never leave the process tree that wrote them, and
marshal is the fastest way CPython has to write and read back tuples of strings and ints.
"""

from __future__ import annotations

import heapq
import marshal
import os
import shutil
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from graphbuild.model import ArticleMeta, Credit, Evidence

T = TypeVar("T")
RUN_ROWS = 1 << 13  # rows sorted in memory at a time (a few MiB); more are merged from runs on disk
BLOB_CACHE_ROWS = 1 << 15  # evidence items kept decoded (about 10 MiB), of the facts most recently read
BLOCK_ROWS = 512  # rows per marshal block: one marshal.load per row would cost more than the rows
RUN_BYTES = 1 << 21  # bytes of lines sorted_unique sorts in memory at a time
RUN_ITEMS = 1 << 14  # distinct items count_distinct keeps in a set; beyond, it sorts on disk
MERGE_WIDTH = 64  # runs merged at once: as many of one size make one run of the next


class WorkDir:
    """A private directory, removed by remove() or when the last object using it is gone (and
    only by the process that made it: forked writers exit while the builder still reads it)."""

    def __init__(self, parent: Path | None = None, prefix: str = "graphbuild-",
                 suffix: str = ".work") -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=parent))
        self.remove = weakref.finalize(self, _remove_if_owner, self.path, os.getpid())

    def __truediv__(self, name: str) -> Path:
        return self.path / name

    def __deepcopy__(self, memo: dict) -> WorkDir:
        return self  # one folder: a copy of a graph reads the same files

    def __reduce__(self) -> Any:
        raise TypeError("a built graph's files stay with the process that built it; "
                        "save it with graphio.save_graph to move it")


def _remove_if_owner(path: Path, owner: int) -> None:
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)


# -- spools and the external sort ---------------------------------------------------------------

class RowWriter:
    """Rows (tuples of strings and ints) appended to a file in marshal blocks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.out = open(path, "wb")  # noqa: SIM115 - closed by close()
        self.block: list[Any] = []

    def add(self, row: Any) -> None:
        self.block.append(row)
        if len(self.block) >= BLOCK_ROWS:
            _write_block(self.block, self.out)
            self.block = []

    def close(self) -> None:
        if self.block:
            _write_block(self.block, self.out)
        self.out.close()


def write_rows(rows: Iterable[Any], path: Path) -> None:
    with open(path, "wb") as out:
        _MarshalRuns.dump(rows, out)


def load_rows(path: Path) -> Iterator[Any]:
    """The rows written to path (RowWriter, write_rows), one at a time."""
    with open(path, "rb") as fh:
        yield from _read_blocks(fh)


def _blocks(items: Iterable[Any]) -> Iterator[list[Any]]:
    it = iter(items)
    while block := list(islice(it, BLOCK_ROWS)):
        yield block


def _write_block(block: list[Any], out: BinaryIO) -> None:
    blob = marshal.dumps(block)
    out.write(len(blob).to_bytes(8, "little"))  # marshal.load on a file reads in dribs
    out.write(blob)


def _read_blocks(fh: BinaryIO) -> Iterator[Any]:
    while size := fh.read(8):
        yield from marshal.loads(fh.read(int.from_bytes(size, "little")))


def sorted_rows(rows: Iterable[T], work: Path | None = None, run_rows: int | None = None) -> Iterator[T]:
    """rows (tuples of strings and ints) in order, each distinct row once; runs of `run_rows`
    (default RUN_ROWS) are sorted in memory and merged from marshal files in `work`."""
    limit = run_rows or RUN_ROWS
    return _sorted_unique(rows, lambda row: 1, limit, _MarshalRuns, work)


def sorted_unique(lines: Iterable[bytes], work_dir: Path | None = None) -> Iterator[bytes]:
    """The distinct lines in order; each ends with a newline and holds no other. Runs of
    RUN_BYTES are sorted in memory and merged from files in `work_dir`."""
    return _sorted_unique(lines, len, RUN_BYTES, _LineRuns, work_dir)


def count_distinct(items: Iterable[str]) -> int:
    """len(set(items)), holding fewer than 2 * RUN_ITEMS of them: beyond, sorted runs are merged
    from disk."""
    rest = iter(items)
    seen: set[str] = set()
    while len(seen) < RUN_ITEMS:
        chunk = list(islice(rest, RUN_ITEMS))
        if not chunk:
            return len(seen)
        seen.update(chunk)
    return sum(1 for _ in sorted_unique(map(_line, chain(seen, rest))))


def _line(text: str) -> bytes:
    """`text` as one line, one-to-one (backslash escapes)."""
    if "\n" in text or "\\" in text:
        text = text.replace("\\", "\\\\").replace("\n", "\\n")
    return text.encode("utf-8", "surrogatepass") + b"\n"


class _LineRuns:
    """Runs of newline-terminated byte lines."""

    @staticmethod
    def dump(items: Iterable[bytes], out: BinaryIO) -> None:
        out.writelines(items)

    @staticmethod
    def load(run: BinaryIO) -> Iterator[bytes]:
        return iter(run)


class _MarshalRuns:
    """Runs of rows in length-prefixed marshal blocks."""

    @staticmethod
    def dump(items: Iterable[Any], out: BinaryIO) -> None:
        for block in _blocks(items):
            _write_block(block, out)

    @staticmethod
    def load(run: BinaryIO) -> Iterator[Any]:
        return _read_blocks(run)


def _sorted_unique(items: Iterable[T], weight: Callable[[T], int], limit: int, runs: Any,
                   work_dir: Path | None) -> Iterator[T]:
    """The distinct items in order: runs of `limit` (by `weight`) are sorted in memory and
    spilled to anonymous files, merged MERGE_WIDTH at a time into runs of the next level (few
    files open, each item rewritten once per level), and finally all merged."""
    levels: list[list[BinaryIO]] = [[]]  # level n holds runs of up to MERGE_WIDTH**n spills
    chunk: list[T] = []
    size = 0
    try:
        for item in items:
            chunk.append(item)
            size += weight(item)
            if size >= limit:
                chunk.sort()
                _add_run(levels, _spill(chunk, runs, work_dir), runs, work_dir)
                chunk, size = [], 0
        chunk.sort()
        spilled = [runs.load(run) for level in levels for run in level]
        yield from unique_neighbours(heapq.merge(chunk, *spilled) if spilled else chunk)
    finally:
        for level in levels:
            for run in level:
                run.close()


def _add_run(levels: list[list[BinaryIO]], run: BinaryIO, runs: Any, work_dir: Path | None) -> None:
    levels[0].append(run)
    for n, level in enumerate(levels):
        if len(level) < MERGE_WIDTH:
            return
        merged = _spill(unique_neighbours(heapq.merge(*map(runs.load, level))), runs, work_dir)
        for old in level:
            old.close()
        level.clear()
        if n + 1 == len(levels):
            levels.append([])
        levels[n + 1].append(merged)


@contextmanager
def spilling_to(folder: Path) -> Iterator[None]:
    """Sort runs made without a folder of their own go to `folder` meanwhile (a build's, beside
    DIR, rather than a small /tmp); forked writers inherit the setting."""
    global _SPILL_DIR
    previous, _SPILL_DIR = _SPILL_DIR, folder
    try:
        yield
    finally:
        _SPILL_DIR = previous


_SPILL_DIR: Path | None = None


def _spill(items: Iterable[Any], runs: Any, work_dir: Path | None) -> BinaryIO:
    run = tempfile.TemporaryFile(dir=work_dir or _SPILL_DIR)  # noqa: SIM115 - anonymous: gone with its last handle
    try:
        runs.dump(items, run)
        run.seek(0)
    except BaseException:
        run.close()
        raise
    return run


def unique_neighbours(ordered: Iterable[T]) -> Iterator[T]:
    """Each item once per run of equal neighbours."""
    previous: Any = object()
    for item in ordered:
        if item != previous:
            yield item
            previous = item


# -- blobs read back by offset -------------------------------------------------------------------

class BlobFile:
    """A file of marshal blobs read by offset with pread: no shared file position, so forked
    writers can read it side by side through the descriptor they inherit. The blobs most recently
    read stay decoded, up to BLOB_CACHE_ROWS items in all: writers come back to a fact's evidence
    a few times in a row, and a fact seen on every page must not pin the cache."""

    def __init__(self, path: Path, work: WorkDir, decode: Callable[[Any], Any] = lambda value: value) -> None:
        self.path = path
        self.work = work  # keeps the directory alive while blobs are read
        self.decode = decode
        self.fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self.fd)
        self._recent: OrderedDict[int, Any] = OrderedDict()
        self._recent_rows = 0

    def __deepcopy__(self, memo: dict) -> BlobFile:
        return self  # read only: a copy of a graph shares the file (and its one descriptor)

    def __reduce__(self) -> Any:
        raise TypeError("a built graph's evidence stays with the process that built it; "
                        "save it with graphio.save_graph to move it")

    def load(self, offset: int, length: int) -> Any:
        value = self._recent.get(offset)
        if value is None:
            value = self.decode(marshal.loads(os.pread(self.fd, length, offset)))
            self._recent[offset] = value
            self._recent_rows += len(value)
            while self._recent_rows > BLOB_CACHE_ROWS and len(self._recent) > 1:
                self._recent_rows -= len(self._recent.popitem(last=False)[1])
        return value


class BlobWriter:
    """Appends marshal blobs and says where each one went."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.out = open(path, "wb")  # noqa: SIM115 - closed by close()
        self.offset = 0

    def add(self, value: Any) -> tuple[int, int]:
        blob = marshal.dumps(value)
        self.out.write(blob)
        start, self.offset = self.offset, self.offset + len(blob)
        return start, len(blob)

    def close(self) -> None:
        self.out.close()


# -- evidence --------------------------------------------------------------------------------------

def evidence_from_rows(rows: list[tuple]) -> list[Evidence]:
    return [Evidence(*row) for row in rows]


class EvidenceList(Sequence[Evidence]):
    """A fact's evidence, read from disk when used (BlobFile keeps only the most recently read
    decoded, so a writer walking every fact does not end up holding all of it)."""

    __slots__ = ("_count", "_file", "_length", "_offset")

    def __init__(self, file: BlobFile, offset: int, length: int, count: int) -> None:
        self._file, self._offset, self._length, self._count = file, offset, length, count

    def load(self) -> list[Evidence]:
        return list(self._file.load(self._offset, self._length))  # a copy: the caller may change it

    def __len__(self) -> int:
        return self._count

    def _shared(self) -> list[Evidence]:
        return self._file.load(self._offset, self._length)  # the decoded list itself: read only

    def __getitem__(self, index: Any) -> Any:
        return self._shared()[index]

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self._shared())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"EvidenceList({self.load()!r})"


# -- articles --------------------------------------------------------------------------------------

def article_row(meta: ArticleMeta) -> tuple:
    credits = tuple((c.name, c.role, c.is_person, tuple(c.span)) for c in meta.credits)
    return (meta.id, meta.doc, meta.headline, meta.kind, meta.home_city, meta.date, tuple(meta.span),
            credits, tuple(meta.mentions))


def article_from_row(row: tuple) -> ArticleMeta:
    id_, doc, headline, kind, home_city, date, span, credits, mentions = row
    return ArticleMeta(id_, doc, headline, kind, home_city, date, span,
                       [Credit(n, r, p, s) for n, r, p, s in credits], list(mentions))


class ArticleTable(Mapping[str, ArticleMeta]):
    """The articles, in id order, in a file: iterating streams them; looking one up by id reads
    the file (writers iterate instead)."""

    def __init__(self, path: Path, count: int, work: WorkDir) -> None:
        self.path, self.count, self.work = path, count, work

    def _rows(self) -> Iterator[tuple]:
        return load_rows(self.path)  # a fresh descriptor per walk: forked writers walk side by side

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._rows())

    def __getitem__(self, article_id: str) -> ArticleMeta:
        for row in self._rows():
            if row[0] == article_id:
                return article_from_row(row)
        raise KeyError(article_id)

    def values(self) -> Iterator[ArticleMeta]:  # type: ignore[override]
        return map(article_from_row, self._rows())

    def items(self) -> Iterator[tuple[str, ArticleMeta]]:  # type: ignore[override]
        return ((row[0], article_from_row(row)) for row in self._rows())


def in_id_order(records: Mapping[str, T]) -> Iterator[tuple[str, T]]:
    """(id, record) in id order: a dict is sorted; any other mapping (an ArticleTable) streams
    in that order already, and may be too big to sort in memory."""
    if isinstance(records, dict):
        return iter(sorted(records.items(), key=itemgetter(0)))
    return iter(records.items())
