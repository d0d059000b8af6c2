"""The `graphbuild` command: options in, pipeline called, summaries out. No logic lives here."""

from __future__ import annotations

import typer

from graphbuild import progress
from graphbuild.commands import articles, build, export, extract, neo4j, query, validate

app = typer.Typer(
    name="graphbuild",
    help="Build a knowledge graph from Chinese local-government newspaper pages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars, only errors and the summary."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="Log more (-v info, -vv debug)."),
) -> None:
    progress.configure(quiet=quiet, verbose=verbose)


for module in (articles, extract, build, validate, query, neo4j, export):
    module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
