"""Files to pages: find input files, decode, normalise, collect page metadata."""

from __future__ import annotations

import stat
from pathlib import Path

from graphbuild.ingest.dates import MASTHEAD, masthead_date
from graphbuild.ingest.decode import decode_bytes
from graphbuild.ingest.furniture import editors
from graphbuild.ingest.homecity import home_city
from graphbuild.ingest.linescan import LinePattern
from graphbuild.ingest.normalize import normalize_page
from graphbuild.lexicon.divisions import load_gazetteer
from graphbuild.model import Credit, InputError, MappedText, Page, PartialDate

_MASTHEAD_LINE = LinePattern(MASTHEAD.pattern, needle="年")


def iter_input_files(paths: list[Path], skip: list[Path] | None = None) -> list[Path]:
    """Files named and every regular file under folders named (hidden ones skipped): sorted, unique.
    A path that does not exist is kept so that reading it reports the error. Files found inside
    a `skip` folder (a build's own output folder under its input folder) are left out."""
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():  # anything but a folder is an input: a FIFO or a broken link is reported, not lost
            found.update(p for p in path.rglob("*") if not p.is_dir() and not _hidden(p.relative_to(path)))
        else:
            found.add(path)
    if skip:
        folders = {Path(s).resolve() for s in skip}
        found = {p for p in found if not folders.intersection(p.resolve().parents)}
    return sorted(found)


def _check_regular(path: Path) -> None:
    """Only regular files are pages: reading a FIFO would wait for a writer for ever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(str(path), "broken symbolic link") from None
        raise
    if not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise InputError(str(path), "is a folder")
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise InputError(str(path), f"not a regular file ({kind})")


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def read_page(path: Path | str, city: str | None = None, date: PartialDate | None = None) -> Page:
    """Decode and normalise one page; InputError (one line, names the file) when unreadable."""
    path = Path(path)
    try:
        _check_regular(path)
        data = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), err.strerror or type(err).__name__) from None
    raw, encoding = decode_bytes(data, str(path))
    text = normalize_page(raw)
    if not text.text.strip():
        raise InputError(str(path), "empty file")
    page = Page(doc=path.name, path=str(path), raw=raw, encoding=encoding, text=text,
                home_city=city or home_city(text.text), date=date or _masthead_date(text))
    page.editors = _editors(text)
    page.paper = _paper(page.home_city, text.text)
    return page


def _paper(city: str | None, text: str) -> str | None:
    """The city's daily, when the page speaks as a paper (本报…) and the city is known."""
    division = load_gazetteer().lookup(city) if city and "本报" in text else None
    return division.paper if division else None


def _editors(text: MappedText) -> list[Credit]:
    return editors(text)


def _masthead_date(text: MappedText) -> PartialDate | None:
    m = _MASTHEAD_LINE.first(text.text)
    return masthead_date(m.group()) if m else None
