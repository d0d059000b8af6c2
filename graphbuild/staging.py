"""Interrupt-safe output: everything is written into a fresh directory beside DIR and moved in
at the end, so an interrupted build (Ctrl-C, SIGTERM, even kill -9) leaves the previous output
usable: DIR holds the old build or the new one, never a mix."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphbuild import processes


@contextmanager
def staging(out_dir: Path, last: tuple[str, ...] = ()) -> Iterator[Path]:
    """A fresh directory beside DIR; on success its entries replace DIR's, the entries named in
    `last` last and in that order (the files that mark a build complete)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_staging(out_dir)
    prefix = f".{out_dir.name}.{os.getpid()}."  # the pid tells a later run whether we are still alive
    tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=".building", dir=out_dir.parent))
    try:
        yield tmp
        _swap_in(tmp, out_dir, last)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_dead_staging(out_dir: Path) -> None:
    """A build killed with SIGKILL leaves its staging copy beside DIR; clear those whose process
    is gone, so they do not pile up (a live concurrent build's copy is left alone)."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(\d+)\.[^.]+\.building")
    for entry in out_dir.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not _process_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but someone else's
        return True
    return True


def _swap_in(tmp: Path, out_dir: Path, last: tuple[str, ...]) -> None:
    """Move every staged entry into DIR. Ctrl-C (or SIGTERM) waits until the moves are done, so
    DIR holds the old build or the new one, never a mix."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _drop_partial_files(tmp)
    _umask_modes(tmp)
    rank = {name: i for i, name in enumerate(last, 1)}
    entries = sorted(tmp.iterdir(), key=lambda p: (rank.get(p.name, 0), p.name))
    with processes.signals_held():  # Ctrl-C or SIGTERM waits the few milliseconds of the swap
        for entry in entries:
            _move_in(entry, out_dir / entry.name)


def _move_in(entry: Path, target: Path) -> None:
    """Replace target by entry; a directory's old self is moved aside first, then deleted."""
    if entry.is_dir() and target.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{target.parent.name}.", suffix=".old",
                                      dir=target.parent.parent))
        os.replace(target, trash / entry.name)
        os.replace(entry, target)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(entry, target)


def _drop_partial_files(root: Path) -> None:
    """A writer killed mid-file (its process died, or was stopped with the others) leaves its
    `.NAME.tmp` behind; such a half-written file must not be moved into DIR."""
    for partial in root.rglob(".*.tmp"):
        if partial.is_file():
            partial.unlink(missing_ok=True)


def _umask_modes(root: Path) -> None:
    """Temp files are born 0600; give outputs the modes the user's umask asks for (Neo4j, a web
    server or a colleague must be able to read them). Executables stay executable."""
    umask = os.umask(0)
    os.umask(umask)
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & stat.S_IXUSR
        path.chmod((0o777 if executable else 0o666) & ~umask)
