"""Worker processes: how they start, how a page's time limit is kept, how a pool is stopped.

Workers are forked where that is the platform's safe default (Linux): they inherit the lexicons
the parent loaded and, for writers, the resolved graph itself (nothing is pickled). Elsewhere
extraction workers are spawned (each warms up on its own) and writers run one after the other.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

FORK = mp.get_context("fork") if sys.platform.startswith("linux") else None


class PageTimeout(BaseException):
    """Raised by the alarm inside a page's processing (BaseException: no stage may swallow it)."""


def pool(workers: int, initializer: Callable[..., None] | None = None,
         initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of forked (or, off Linux, spawned) workers that leave Ctrl-C to the parent, which
    stops them itself (a worker interrupted on its own only prints a traceback), and that die at
    once when stopped."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=FORK, initializer=_start_worker,
                               initargs=(initializer, initargs))


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's unwinding handler: stop() must kill
    if initializer is not None:
        initializer(*initargs)


def stop(executor: ProcessPoolExecutor) -> None:
    """Shut a pool down now, killing workers still busy: after an error, an interrupt or a page
    that hangs, nothing must be waited for."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def alarm(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout in this thread after `seconds` (Unix, main thread; elsewhere no limit).
    A timer the caller had set keeps running, less the time spent here."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    if not seconds or not hasattr(signal, "setitimer") or not in_main_thread:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    started = time.monotonic()
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))
