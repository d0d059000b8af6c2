"""Worker processes: how they start, how a page's time limit is kept, how a pool is stopped.

Workers are forked where that is the platform's safe default (Linux): they inherit the lexicons
the parent loaded and, for writers, the resolved graph itself (nothing is pickled). Elsewhere
extraction workers are spawned (each warms up on its own) and writers run one after the other.
"""

from __future__ import annotations

import multiprocessing as mp
import os
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


_STOPPING_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_MASKS = hasattr(signal, "pthread_sigmask")
STOP_GRACE_S = 5.0  # how long stop() waits for a killed worker or the pool's manager thread


def pool(workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
         into: list[ProcessPoolExecutor] | None = None) -> ProcessPoolExecutor:
    """A pool of forked (or, off Linux, spawned) workers that leave Ctrl-C to the parent, which
    stops them itself (a worker interrupted on its own only prints a traceback), and that die at
    once when stopped. `into` receives the pool before any worker exists, so a caller's clean-up
    finds it whenever an interrupt lands.

    The workers are forked at once, with Ctrl-C and SIGTERM held back: a signal landing mid-fork
    would otherwise interrupt the child before it could ignore it (a traceback, the CLI's handler
    run in the child) or the parent inside the executor's start (a worker it does not know of)."""
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=FORK, initializer=_start_worker,
                                   initargs=(initializer, initargs))
    if into is not None:
        into.append(executor)
    try:
        with signals_held():
            executor.submit(int)  # with fork, the first task starts every worker and the manager
    except BaseException:  # a signal held back above is raised here, once the pool is whole
        stop(executor)
        raise
    return executor


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back until the block ends, then hand them to the handlers that
    were in place (an ignored one stays ignored). Children forked meanwhile start with them
    blocked (the mask is inherited); this process defers them in its handlers, since another
    thread may be the one that takes them. The caller's mask is restored as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = [(signum, signal.signal(signum, lambda signum, frame: held.append(signum)))
                for signum in sorted(_STOPPING_SIGNALS) if signal.getsignal(signum) != signal.SIG_IGN]
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING_SIGNALS) if _MASKS else None
    try:
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        _restore(previous)
        for signum in dict.fromkeys(held):  # raised here, inside the block, not some bytecodes later
            signal.raise_signal(signum)


def _restore(handlers: list[tuple[int, Any]]) -> None:
    """Put every handler back, even when one that is back already fires (Ctrl-C meanwhile)."""
    if handlers:
        (signum, handler), rest = handlers[0], handlers[1:]
        try:
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        finally:
            _restore(rest)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's unwinding handler: stop() must kill
    if _MASKS:  # held since the fork: a SIGTERM sent meanwhile kills now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING_SIGNALS)
    if initializer is not None:
        initializer(*initargs)


def stop(executor: ProcessPoolExecutor) -> None:
    """Shut a pool down now, killing workers still busy: after an error, an interrupt or a page
    that hangs, nothing must be waited for."""
    workers = list((getattr(executor, "_processes", None) or {}).values())
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(STOP_GRACE_S)
        if process.is_alive():
            process.kill()
            process.join()
    # A worker killed while sending its result leaves half a message, which the pool's manager
    # thread would wait for ever to complete: with every worker gone, closing our copy of the
    # pipe's write end ends that wait (end of file).
    results = getattr(executor, "_result_queue", None)
    if results is not None:
        results._writer.close()
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    if manager is not None:  # stuck only where an interrupt left one of the pool's locks held
        manager.join(STOP_GRACE_S)


def leave_now_if_stuck(status: int) -> None:
    """Exit with `status` at once if a stopped pool left a thread behind (see stop), which a
    normal exit would wait on for ever; otherwise return, for the normal exit. Worker processes
    still alive are killed first: nothing else would stop them once this process is gone."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if not any(t.is_alive() and not t.daemon for t in others):
        return
    for child in mp.active_children():
        child.kill()
        child.join(1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


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
