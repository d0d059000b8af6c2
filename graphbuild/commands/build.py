"""`graphbuild build PATH... --out DIR`: pages in, graph.json and every writer's files out."""

from __future__ import annotations

from pathlib import Path

import typer

from graphbuild import progress

DEFAULT_PAGE_TIMEOUT = 300.0  # as graphbuild.pipeline's (not imported here: the CLI starts fast)


def register(app: typer.Typer) -> None:
    @app.command("build")
    def build_cmd(
        paths: list[Path] = typer.Argument(..., help="Page files or folders (searched recursively)."),  # noqa: B008
        out: Path = typer.Option(..., "--out", "-o", help="Build directory (created if missing)."),  # noqa: B008
        append: bool = typer.Option(False, "--append", help="Add these pages to what DIR holds."),
        workers: int = typer.Option(0, "--workers", "-j", help="Processes for reading and extraction "
                                    "(0 = all cores)."),
        city: str = typer.Option(None, "--city", help="Home city of every page (e.g. 四平市), "
                                 "when pages do not say."),
        date: str = typer.Option(None, "--date", help="Date of every page: YYYY-MM-DD, YYYY-MM, YYYY."),
        only: str = typer.Option(None, "--only", help="Comma-separated writers to run "
                                 "(facts, rdf, neo4j, gephi, report); graph.json is always written."),
        page_timeout: float = typer.Option(DEFAULT_PAGE_TIMEOUT, "--page-timeout", min=0,
                                           help="Seconds one page may take before it is skipped "
                                           "as failed (0 = no limit)."),
    ) -> None:
        """Read pages, extract facts, resolve entities and write the graph in every format."""
        from graphbuild.pipeline import build
        from graphbuild.summary import print_summary

        writers = [w.strip() for w in only.split(",") if w.strip()] if only else None
        try:
            result = build(paths, out, city=city, date=date, workers=workers or None, append=append,
                           writers=writers, page_timeout=page_timeout or None)
        except (ValueError, OSError) as exc:  # bad options or an unwritable DIR: one line, no traceback
            progress.error_line(str(exc))
            raise typer.Exit(2) from None
        print_summary(result.graph, result.stats)
        if result.failures or result.writer_errors:
            progress.error_line(f"{len(result.failures)} input(s) could not be read, "
                                f"{len(result.writer_errors)} writer(s) failed; the rest was built "
                                f"in {result.out_dir}")
            raise typer.Exit(1)
