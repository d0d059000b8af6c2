"""Wires the stages: files -> pages -> articles -> extraction -> resolution -> writers.

Pages stream through a process pool (read, segment, extract per file) and come back as small
ArticleRecords, in input order whatever the number of workers. Each record is learnt by the
resolver's first pass and spooled to disk; the record file (DIR/extractions.jsonl, old records
too with --append) is then read back page by page for the second pass, and evidence and articles
stay on disk (graphbuild.ondisk), so memory follows the graph, not the number of pages. All
output is written into a temporary directory beside DIR and moved in at the end, so an
interrupted build leaves the previous output usable.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO, NamedTuple

from graphbuild import graphio, ondisk, processes, progress
from graphbuild import writers as writer_registry
from graphbuild.ingest import iter_input_files
from graphbuild.ingest.dates import parse_option_date
from graphbuild.model import Graph, InputError, PartialDate
from graphbuild.resolve import Resolution, Resolver, gazetteer, records
from graphbuild.resolve.records import ArticleRecord, from_extraction, to_json
from graphbuild.resolve.resolver import names_to_learn
from graphbuild.staging import staging
from graphbuild.writers.runner import run_writers

RECORDS = "extractions.jsonl"  # what --append re-resolves: one ArticleRecord per line
GRAPH = "graph.json"
REPORT = "resolution.json"
FILES_PER_TASK = 4  # small tasks keep workers busy; results still come back in input order
DEFAULT_PAGE_TIMEOUT = 300.0  # seconds per page: a 10 MB page takes ~30 s; a hung one must not stall a run


@dataclass
class BuildResult:
    graph: Graph
    out_dir: Path
    failures: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    writer_errors: dict[str, str] = field(default_factory=dict)


class Learnt(NamedTuple):
    """What the parent needs of a record before the second pass: where its line goes in the record
    file and the names the first pass learns (a worker sends this, so the parent parses nothing)."""

    key: str
    city: str | None
    names: tuple[tuple[str, str], ...]
    facts: int

    @classmethod
    def of(cls, record: ArticleRecord) -> Learnt:
        return cls(records.page_key(record), record.meta.home_city, names_to_learn(record), len(record.facts))


@dataclass
class FileResult:
    path: str
    doc: str = ""
    records: list[str] = field(default_factory=list)  # to_json(ArticleRecord) lines
    cause: str | None = None  # why the file failed; plain text keeps results small across processes
    learnt: list[Learnt] = field(default_factory=list)  # per record, what resolution's first pass reads

    @property
    def error(self) -> InputError | None:
        return InputError(self.path, self.cause) if self.cause is not None else None


def build(paths: list[Path], out_dir: Path, *, city: str | None = None, date: str | None = None,
          workers: int | None = None, append: bool = False, writers: list[str] | None = None,
          page_timeout: float | None = DEFAULT_PAGE_TIMEOUT) -> BuildResult:
    """Build DIR from pages; `writers` limits which writers run (default: all of WRITERS); a page
    taking longer than `page_timeout` seconds (None: no limit) fails alone."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"--out {out_dir}: exists and is not a directory")
    chosen = _writers(writers)
    options = PageOptions(_city(city), parse_date(date), page_timeout or None)
    # never read our own output back as pages when DIR lies inside an input folder
    files = iter_input_files([Path(p) for p in paths], skip=[out_dir])
    workers = workers or os.cpu_count() or 1
    old_records = _previous_records(out_dir) if append else None
    work = _work_dir(out_dir)
    try:
        return _build(files, out_dir, options, workers, old_records, chosen, Resolver(work))
    except BaseException:  # an interrupt or a failure: nothing of this build is left beside DIR
        work.remove()
        raise


def _build(files: list[Path], out_dir: Path, options: PageOptions, workers: int, old_records: Path | None,
           chosen: dict, resolver: Resolver) -> BuildResult:
    with staging(out_dir, last=(GRAPH, RECORDS)) as tmp:
        # Records never stay in memory: each is learnt (resolution's first pass) as it arrives and
        # spooled to disk, then the record file is written grouped by page and read back page by
        # page for the second pass. Memory follows the graph, not the number of pages.
        spool = resolver.work / "records.spool"
        with _lexicons_frozen(), open(spool, "wb") as new:
            extracted = _extract_all(files, options, workers, new, resolver)
        with open(spool, "rb") as keyed:  # rows as the spool holds them: key, tab, line
            rows = chain(_kept(old_records, resolver, extracted), keyed) if old_records else keyed
            records.write_grouped(rows, tmp / RECORDS, resolver.work.path)
        spool.unlink()
        stats = {"files": len(files), "pages": len(extracted.docs), "failed": len(extracted.failures),
                 "raw_facts": extracted.raw_facts}
        with _gc_paused():
            for page in records.read_pages(tmp / RECORDS):
                resolver.add_page(page)
            resolution = resolver.finish()
            graph = resolution.graph
            stats.update(articles=len(graph.articles), entities=len(graph.entities), facts=len(graph.facts))
            result = BuildResult(graph, out_dir, extracted.failures, stats=stats)
            with ondisk.spilling_to(resolver.work.path):
                _write_outputs(resolution, chosen, tmp, out_dir, result, workers)
    stats["writer_failures"] = len(result.writer_errors)
    return result


def _work_dir(out_dir: Path) -> ondisk.WorkDir:
    """Where resolution keeps evidence and articles: beside DIR (room like DIR's, not a small
    /tmp), named like a staging copy so that one left by a killed build is cleared by the next."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return ondisk.WorkDir(out_dir.parent, prefix=f".{out_dir.name}.{os.getpid()}.", suffix=".building")


def _write_outputs(resolution: Resolution, chosen: dict, tmp: Path, out_dir: Path,
                   result: BuildResult, workers: int) -> None:
    """graph.json, resolution.json and the writers' files, into the staging directory."""
    def own_files() -> list[Path]:
        graphio.save_graph(resolution.graph, tmp / GRAPH)
        graphio.atomic_write_text(tmp / REPORT, _report_json(resolution.report))
        return [tmp / RECORDS, tmp / GRAPH, tmp / REPORT]

    staged, result.writer_errors = run_writers(chosen, resolution.graph, tmp, workers, own_files)
    result.written = sorted({out_dir / p.relative_to(tmp) if p.is_relative_to(tmp) else p
                             for p in staged})


@contextmanager
def _lexicons_frozen() -> Iterator[None]:
    """Load the lexicons and dictionaries (one small page), then move every object alive into
    the collector's permanent generation: extraction's collections then skip those hundreds of
    thousands of objects (about 1 % of a build), and forked workers do not copy their pages."""
    _warm_up()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # a caller's objects must be collectable again after the build


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while resolving and writing: these stages allocate millions of
    small objects, each burst triggering collections that rescan the whole (large, live) graph —
    about a tenth of their CPU time — and they make little cyclic garbage (peak memory unchanged)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- extraction, streamed through the pool --------------------------------------------------------

@dataclass(frozen=True)
class PageOptions:
    """What every page is read with: the --city and --date defaults, and a time limit per page."""

    city: str | None = None
    date: PartialDate | None = None
    timeout: float | None = DEFAULT_PAGE_TIMEOUT  # seconds; None: no limit

    def timeout_cause(self) -> str:
        return (f"took longer than {self.timeout:g} s to read and extract; skipped "
                "(raise --page-timeout if the page is just very large)")


@dataclass
class Extracted:
    """What extraction leaves in memory: the failures, the pages read, a count."""

    failures: list[InputError] = field(default_factory=list)
    docs: dict[str, str] = field(default_factory=dict)  # page name -> its file
    raw_facts: int = 0


def _extract_all(files: list[Path], options: PageOptions, workers: int, spool: BinaryIO,
                 resolver: Resolver) -> Extracted:
    """Extract every file; each record is learnt by the resolver and spooled as a keyed line."""
    extracted = Extracted()
    seen_docs = extracted.docs
    with closing(_ordered_results(files, options, workers)) as results:  # closed at once on an interrupt
        for res in progress.progress(results, "pages", total=len(files), unit="page"):
            if res.cause is None and res.doc in seen_docs:
                res.cause = (f"same file name as {seen_docs[res.doc]}; skipped "
                             "(page names must be unique within a build)")
            if res.error is not None:
                extracted.failures.append(res.error)
                progress.error_line(str(res.error))
                continue
            seen_docs[res.doc] = res.path
            for line, learnt in zip(res.records, res.learnt, strict=True):
                resolver.learn_names(learnt.city, learnt.names)
                extracted.raw_facts += learnt.facts
                spool.write(records.keyed_row(learnt.key, line))
    return extracted


def _kept(path: Path, resolver: Resolver, extracted: Extracted) -> Iterator[bytes]:
    """A previous build's records, but for the pages read again (a re-read page replaces them)."""
    for line, record in records.read_lines(path):
        if record.meta.doc not in extracted.docs:
            resolver.learn(record)
            extracted.raw_facts += len(record.facts)
            yield records.keyed_row(records.page_key(record), line)


def _ordered_results(files: list[Path], options: PageOptions, workers: int) -> Iterator[FileResult]:
    """Results in input order; at most a few tasks per worker in flight (bounded memory)."""
    tasks = _batches([str(f) for f in files], FILES_PER_TASK)
    if workers <= 1 or len(files) <= FILES_PER_TASK:
        for task in tasks:
            yield from _process_files(task, options)
        return
    made: list[ProcessPoolExecutor] = []  # every pool, whenever an interrupt lands
    pending: deque[tuple[list[str], Future]] = deque()
    try:
        pool = processes.pool(workers, _worker_warm_up, into=made)
        for task in tasks:
            pending.append((task, pool.submit(_process_files, task, options)))
            while len(pending) >= workers * 4 or (pending and pending[0][1].done()):
                results, pool = _next_results(pending, pool, workers, options, made)
                yield from results
        while pending:
            results, pool = _next_results(pending, pool, workers, options, made)
            yield from results
    except BaseException:  # an interrupt, an error, or the caller stopped reading
        for executor in made:
            processes.stop(executor)
        raise
    pool.shutdown()


def _next_results(pending: deque, pool: ProcessPoolExecutor, workers: int, options: PageOptions,
                  made: list[ProcessPoolExecutor]) -> tuple[list[FileResult], ProcessPoolExecutor]:
    """The oldest task's results. A worker that died (a crash, the OOM killer) breaks the pool, and
    one stuck where the page alarm cannot reach it (inside C code) is stopped with its pool: the
    task's files are retried one by one, the other tasks resubmitted to a fresh pool."""
    task, future = pending.popleft()
    try:
        return future.result(timeout=_backstop(options, len(task))), pool
    except (BrokenProcessPool, FutureTimeout):
        processes.stop(pool)
        results = [_isolated(path, options) for path in task]
        pool = processes.pool(workers, _worker_warm_up, into=made)
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pool.submit(_process_files, other, options))
        return results, pool


def _isolated(path: str, options: PageOptions) -> FileResult:
    """One file in a process of its own, so that if it kills or hangs its worker it fails alone
    (the process is stopped, not waited for, whatever happened)."""
    made: list[ProcessPoolExecutor] = []
    try:
        solo = processes.pool(1, _worker_warm_up, into=made)
        return solo.submit(_process_files, [path], options).result(timeout=_backstop(options, 1))[0]
    except BrokenProcessPool:
        return FileResult(path, cause="the worker reading this file crashed")
    except FutureTimeout:
        return FileResult(path, cause=options.timeout_cause())
    finally:
        for executor in made:
            processes.stop(executor)


def _backstop(options: PageOptions, files: int) -> float | None:
    """How long the parent waits for a task before it stops the pool: twice the pages' own limit,
    which the alarm in the worker enforces wherever Python code runs (so with the default, a page
    stuck inside C code costs up to 2 × 300 s × its task's files before it is given up)."""
    return 2 * options.timeout * files + 1 if options.timeout else None


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _process_files(paths: list[str], options: PageOptions) -> list[FileResult]:
    return [_timed_file(p, options) for p in paths]


def _timed_file(path: str, options: PageOptions) -> FileResult:
    try:
        with processes.alarm(options.timeout):
            return _process_file(path, options.city, options.date)
    except processes.PageTimeout:
        return FileResult(path, cause=options.timeout_cause())


_WARM_UP_PAGE = "本报讯（记者 王某）市委书记李某某主持召开市委常委会会议，在我市经济开发区检查项目。\n"


def _warm_up() -> None:
    """Run one small page first, so the modules, lexicons and dictionaries it loads are loaded
    before the pool starts and inherited by forked workers instead of each paying for them (and so
    no page's time limit can cut a lexicon's loading short). Only an optimisation: a temp folder
    that cannot be written skips it."""
    try:
        with tempfile.TemporaryDirectory(prefix="graphbuild-warm-up.") as tmp:
            page = Path(tmp) / "warm-up.txt"
            page.write_text(_WARM_UP_PAGE, encoding="utf-8")
            _process_file(str(page), None, None)
    except OSError:
        pass


def _worker_warm_up() -> None:
    """A spawned worker inherits nothing: it loads what the parent's warm-up loaded."""
    if processes.FORK is None:
        _warm_up()


def _process_file(path: str, city: str | None, date: PartialDate | None) -> FileResult:
    """Read, segment and extract one file (in a worker). Never raises: failures are results."""
    from graphbuild.extract import extract_page  # imported here: only builds pay for extraction's load
    from graphbuild.ingest import read_page, segment

    try:
        page = read_page(Path(path), city=city, date=date)
        articles = segment(page)
        parsed = [from_extraction(x) for x in extract_page(page, articles)]
        lines = [to_json(r) for r in parsed]
    except InputError as exc:
        return FileResult(path, cause=exc.cause)
    except Exception as exc:  # a bug in a stage must cost one file, not the run
        return FileResult(path, cause=f"could not process ({type(exc).__name__}: {progress.one_line(exc)})")
    return FileResult(path, page.doc, lines, learnt=[Learnt.of(r) for r in parsed])


# -- records on disk ----------------------------------------------------------------------------

def load_records(out_dir: Path) -> list[ArticleRecord]:
    """The records of a previous build (none if DIR has never been built)."""
    path = _record_file(Path(out_dir))
    return [record for _, record in records.read_lines(path)] if path else []


def _record_file(out_dir: Path) -> Path | None:
    """DIR's record file (None if DIR has never been built)."""
    path = out_dir / RECORDS
    if not path.exists():
        if (out_dir / GRAPH).exists():
            raise ValueError(f"{out_dir} has a graph but no {RECORDS} to append to; "
                             "build it again from all its pages")
        return None
    return path


def _previous_records(out_dir: Path) -> Path | None:
    """The record file --append reads, every line checked now, before any page is read (one
    line at a time: a bad one must not surface after hours of extraction)."""
    path = _record_file(out_dir)
    if path is not None:
        for _ in records.read_lines(path):
            pass
    return path


def _report_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# -- writers ------------------------------------------------------------------------------------

def _writers(names: list[str] | None) -> dict:
    if names is None:
        return dict(writer_registry.WRITERS)
    unknown = [n for n in names if n not in writer_registry.WRITERS]
    if unknown:
        known = ", ".join(writer_registry.WRITERS)
        raise ValueError(f"unknown writer {', '.join(unknown)} (known: {known})")
    return {n: w for n, w in writer_registry.WRITERS.items() if n in names}


# -- options --------------------------------------------------------------------------------------

def parse_date(text: str | None) -> PartialDate | None:
    """The --date option, parsed by ingestion's own rule (2019-08-29, 2019-08, 2019, --08-29)."""
    if not text:
        return None
    try:
        return parse_option_date(text)
    except ValueError as exc:
        raise ValueError(f"--date {exc}") from None


def _city(city: str | None) -> str | None:
    """四平 -> 四平市 when the gazetteer knows it; anything else as given."""
    return (gazetteer.canonical(city) or city) if city else None
