"""Progress bars and logging shared by every command (quiet with --quiet, logs with -v)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
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


def progress(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it") -> Iterator[T]:
    """Wrap an iterable in a progress bar on stderr, unless quiet or stderr is not a terminal."""
    disable = settings.quiet or not sys.stderr.isatty()
    yield from tqdm(items, desc=desc, total=total, unit=unit, disable=disable, leave=False,
                    file=sys.stderr, dynamic_ncols=True)


def error_line(message: str) -> None:
    """One clear line on stderr, never a traceback (always shown, even with --quiet)."""
    print(f"graphbuild: error: {message}", file=sys.stderr)
