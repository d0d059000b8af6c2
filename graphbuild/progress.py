"""Progress bars and logging shared by every command (quiet with --quiet, logs with -v).

Bars go to stderr and only when stderr is a terminal, so pipes, CI logs and --quiet stay clean.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


class _Settings:
    quiet: bool = False


settings = _Settings()
log = logging.getLogger("graphbuild")


def configure(quiet: bool = False, verbose: int = 0) -> None:
    settings.quiet = quiet
    level = logging.WARNING - 10 * verbose if verbose else logging.WARNING
    logging.basicConfig(level=max(level, logging.DEBUG), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def bars_enabled() -> bool:
    return not settings.quiet and sys.stderr.isatty()


def progress(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it") -> Iterator[T]:
    """Wrap an iterable in a progress bar on stderr, unless quiet or stderr is not a terminal."""
    yield from tqdm(items, desc=desc, total=total, unit=unit, disable=not bars_enabled(), leave=False,
                    file=sys.stderr, dynamic_ncols=True)


def bar(desc: str, total: int | None = None, unit: str = "it") -> tqdm:
    """A bar to advance by hand (`.update(n)`, then `.close()` or use `with`), e.g. as workers report."""
    return tqdm(desc=desc, total=total, unit=unit, disable=not bars_enabled(), leave=False,
                file=sys.stderr, dynamic_ncols=True)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Log how long a stage took (shown with -v)."""
    started = time.perf_counter()
    try:
        yield
    finally:
        log.info("%s: %.2f s", name, time.perf_counter() - started)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 200 characters."""
    return " ".join(str(exc).split())[:200] or "no message"


def note(message: str) -> None:
    """A line for a person watching a terminal (like the bars: not with --quiet, not into a pipe)."""
    if bars_enabled():
        print(f"graphbuild: {message}", file=sys.stderr)


def error_line(message: str) -> None:
    """One clear line on stderr, never a traceback (always shown, even with --quiet)."""
    print(f"graphbuild: error: {message}", file=sys.stderr)
