"""`graphbuild articles`: pages in, one JSON object per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from graphbuild import progress
from graphbuild.ingest import iter_input_files, read_page, segment
from graphbuild.ingest.dates import parse_option_date
from graphbuild.lexicon.divisions import load_gazetteer
from graphbuild.model import Article, InputError, PartialDate

PATHS_HELP = "Page files or folders (searched recursively)."
OUT_HELP = "JSON Lines file to write (default: stdout)."
CITY_HELP = "The paper's city, e.g. 四平市 (default: inferred from the page)."
DATE_HELP = "Page date YYYY-MM-DD; gives month/day dates on the page a year."


def article_json(article: Article) -> dict[str, Any]:
    return {
        "doc": article.doc, "id": article.id, "index": article.index, "kind": article.kind,
        "titles": [{"role": role, "text": text.text} for role, text in article.titles],
        "headline": article.headline, "body": article.body.text,
        "credits": [{"name": c.name, "role": c.role, "is_person": c.is_person, "span": list(c.span)}
                    for c in article.credits],
        "home_city": article.home_city, "date": article.date.iso() if article.date else "",
        "span": list(article.span),
    }


def canonical_city(value: str | None) -> str | None:
    """四平 or 四平市 → 四平市; names outside the gazetteer are taken as given."""
    if not value:
        return None
    division = load_gazetteer().lookup(value.strip())
    return division.name if division else value.strip()


def _option_date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return parse_option_date(value)
    except ValueError as err:
        progress.error_line(f"--date: {err}")
        raise typer.Exit(2) from None


def write_articles(files: list[Path], out: TextIO, city: str | None,
                   date: PartialDate | None) -> dict[str, int]:
    """Segment every file into out; a file that fails gets one error line and is counted."""
    counts = {"pages": 0, "failed": 0, "articles": 0, "captions": 0}
    for path in progress.progress(files, desc="pages", unit="page"):
        try:
            articles = segment(read_page(path, city=city, date=date))
        except InputError as err:
            progress.error_line(str(err))
            counts["failed"] += 1
            continue
        except Exception as err:  # a bug on one page must not sink the run
            progress.error_line(f"{path}: cannot segment ({type(err).__name__}: {err})")
            counts["failed"] += 1
            continue
        counts["pages"] += 1
        for article in articles:
            out.write(json.dumps(article_json(article), ensure_ascii=False) + "\n")
            counts["captions" if article.kind == "caption" else "articles"] += 1
    return counts


def register(app: typer.Typer) -> None:
    @app.command("articles")
    def articles(
        paths: Annotated[list[Path], typer.Argument(help=PATHS_HELP)],
        out: Annotated[Path | None, typer.Option("--out", "-o", help=OUT_HELP)] = None,
        city: Annotated[str | None, typer.Option(help=CITY_HELP)] = None,
        date: Annotated[str | None, typer.Option(help=DATE_HELP)] = None,
    ) -> None:
        """Split pages into articles and captions; write one JSON object per article."""
        page_date = _option_date(date)
        files = iter_input_files(paths)
        if out is None:
            counts = write_articles(files, sys.stdout, canonical_city(city), page_date)
        else:
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                sink = out.open("w", encoding="utf-8")
            except OSError as err:  # --out names a folder, an unwritable place …
                cause = "is a folder, not a file" if out.is_dir() else (err.strerror or str(err))
                progress.error_line(f"--out {out}: {cause}")
                raise typer.Exit(2) from None
            with sink:
                counts = write_articles(files, sink, canonical_city(city), page_date)
        where = f" → {out}" if out else ""
        print(f"{counts['pages']} pages read, {counts['failed']} failed; "
              f"{counts['articles']} articles and {counts['captions']} captions{where}", file=sys.stderr)
        if counts["failed"] or not files:
            if not files:
                progress.error_line("no input files found")
            raise typer.Exit(1)
