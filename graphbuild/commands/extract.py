"""`graphbuild extract PATH... --out facts.jsonl`: facts and person entities as JSON Lines.

Each fact is `Fact.to_json()` (the scorer's form plus types, rule and evidence); each person is
`EntityMention.to_json()`, one per distinct person per page. A fact repeated on a page (two
articles, or 宽城/宽城区 written both ways) is written once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from graphbuild import progress
from graphbuild.model import EntityMention, Fact, InputError, PartialDate

DEFAULT_OUT = Path("facts.jsonl")


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command(
        paths: Annotated[list[Path], typer.Argument(help="Page files or folders (searched recursively).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file to write.")] = DEFAULT_OUT,
        city: Annotated[str | None, typer.Option(help="Home city when a page does not say (长春市).")] = None,
        date: Annotated[str | None, typer.Option(help="Page date when a page does not say.")] = None,
    ) -> None:
        """Extract facts and persons from pages into a JSON Lines file the scorer reads."""
        from graphbuild.ingest import iter_input_files

        files = iter_input_files(paths)
        page_date = _parse_date(date) if date else None
        n_facts = n_persons = 0
        failed: list[str] = []
        tmp = out.with_name(out.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for path in progress.progress(files, desc="extract", unit="page"):
                try:
                    facts, persons = extract_file(path, city, page_date)
                except InputError as exc:
                    progress.error_line(str(exc))
                    failed.append(str(path))
                    continue
                except Exception as exc:  # one odd page must not stop a run over an archive
                    progress.log.debug("extract failed on %s", path, exc_info=True)
                    progress.error_line(f"{path}: extraction failed: {type(exc).__name__}: {exc}")
                    failed.append(str(path))
                    continue
                for row in [f.to_json() for f in facts] + [p.to_json() for p in persons]:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n_facts += len(facts)
                n_persons += len(persons)
        tmp.replace(out)
        typer.echo(f"{len(files) - len(failed)} pages, {n_facts} facts, {n_persons} persons → {out}"
                   + (f" ({len(failed)} failed)" if failed else ""))
        if failed:
            raise typer.Exit(1)


def _parse_date(value: str) -> PartialDate:
    try:
        from graphbuild.ingest.dates import parse_option_date

        return parse_option_date(value)
    except ValueError as exc:
        raise typer.BadParameter(f"--date {value!r}: {exc}") from exc


def extract_file(path: Path, city: str | None = None, date: PartialDate | None = None
                 ) -> tuple[list[Fact], list[EntityMention]]:
    """Facts (deduplicated per page) and persons (one per name per page) of one page file."""
    from graphbuild.extract import extract_page
    from graphbuild.ingest import read_page, segment

    page = read_page(path, city=city, date=date)
    results = extract_page(page, segment(page))
    facts: dict[tuple[str, str, str], Fact] = {}
    persons: dict[str, EntityMention] = {}
    for result in results:
        for fact in result.facts:
            key = (_key(fact.s), fact.p, _key(fact.o))
            if fact.p == "signs_with":
                key = (min(key[0], key[2]), fact.p, max(key[0], key[2]))
            kept = facts.setdefault(key, fact)
            for name, value in fact.q.items():
                kept.q.setdefault(name, value)
        for person in result.entities:
            persons.setdefault(person.name, person)
    return list(facts.values()), list(persons.values())


def _key(name: str) -> str:
    """Spellings of one place on a page: 宽城 / 宽城区, 光明街 / 光明街道."""
    from graphbuild.extract.common import division

    known = division(name)
    if known is not None:
        return known.name
    return name[:-1] if name.endswith("街道") else name
