"""Running the writers over a resolved graph: one after the other, or side by side in forked
processes that share the parent's graph (writers only read it). Each writer is guarded: one that
fails, or whose process dies, costs its own files and one line on stderr; the others' are kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from graphbuild import processes, progress
from graphbuild.model import Graph

Writer = Callable[[Graph, Path], list[Path]]
Job = tuple[dict[str, Writer], Graph, Path]
Outcome = tuple[list[str], tuple[str, str] | None]  # paths written, (error type, message) or None

SLOWEST_FIRST = ("rdf", "neo4j", "gephi", "facts", "report")  # start order; writers not listed go first
_job: Job | None = None  # set in each forked writer process by its initializer


def run_writers(chosen: dict[str, Writer], graph: Graph, out_dir: Path, workers: int,
                before: Callable[[], list[Path]]) -> tuple[list[Path], dict[str, str]]:
    """`before()` (files the caller writes itself) and every chosen writer; (paths written,
    {writer: error message}). With several workers the writers run in forked processes while
    `before` runs in this one."""
    if workers > 1 and len(chosen) > 1 and processes.FORK is not None:
        return _run_forked((chosen, graph, out_dir), workers, before)
    written, errors = before(), {}
    for name, write in progress.progress(chosen.items(), "writers", total=len(chosen), unit="writer"):
        try:
            written += _absolute(write(graph, out_dir), out_dir)
        except Exception as exc:
            _failed(errors, name, (type(exc).__name__, progress.one_line(exc)))
    return written, errors


def _run_forked(job: Job, workers: int, before: Callable[[], list[Path]]
                ) -> tuple[list[Path], dict[str, str]]:
    chosen, _, out_dir = job
    names = sorted(chosen, key=lambda n: SLOWEST_FIRST.index(n) if n in SLOWEST_FIRST else -1)
    errors: dict[str, str] = {}
    broken: list[str] = []
    made: list[ProcessPoolExecutor] = []
    try:
        executor = processes.pool(min(workers, len(names)), _adopt, (job,), into=made)
        futures = {executor.submit(_write_one, name): name for name in names}
        written = before()
        for future in progress.progress(as_completed(futures), "writers", total=len(futures), unit="writer"):
            outcome = _outcome(future)
            if outcome is None:
                broken.append(futures[future])
            else:
                written += _settle(outcome, futures[future], out_dir, errors)
    except BaseException:
        for pool in made:
            processes.stop(pool)  # Ctrl-C or an error: no writer is waited for
        raise
    executor.shutdown()
    # A process that died (a crash, the OOM killer) breaks the whole pool: every writer not done
    # by then runs again, once the broken pool is gone, in a process of its own, and fails alone.
    for name in broken:
        written += _settle(_isolated(job, name), name, out_dir, errors)
    return written, errors


def _adopt(job: Job) -> None:
    global _job
    _job = job


def _write_one(name: str) -> Outcome:
    """One writer, in a forked process holding the job."""
    assert _job is not None, "writer processes are started by _run_forked"
    chosen, graph, out_dir = _job
    try:
        return [str(p) for p in chosen[name](graph, out_dir)], None
    except Exception as exc:
        return [], (type(exc).__name__, progress.one_line(exc))


def _outcome(future: Future) -> Outcome | None:
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _isolated(job: Job, name: str) -> Outcome:
    made: list[ProcessPoolExecutor] = []
    try:
        executor = processes.pool(1, _adopt, (job,), into=made)
        return _outcome(executor.submit(_write_one, name)) or ([], ("BrokenProcessPool",
                                                                     "the writer's process died"))
    finally:
        for pool in made:
            processes.stop(pool)


def _settle(outcome: Outcome, name: str, out_dir: Path, errors: dict[str, str]) -> list[Path]:
    paths, error = outcome
    if error is not None:
        _failed(errors, name, error)
    return _absolute(paths, out_dir)


def _failed(errors: dict[str, str], name: str, error: tuple[str, str]) -> None:
    kind, message = error
    errors[name] = message
    progress.error_line(f"writer {name} failed: {kind}: {message}")


def _absolute(paths: Iterable[Path | str], out_dir: Path) -> list[Path]:
    return [Path(p) if Path(p).is_absolute() else out_dir / p for p in paths]
