"""The `graphbuild` command: options in, pipeline called, summaries out. No logic lives here."""

from __future__ import annotations

import logging
import signal
import sys

import typer

from graphbuild import processes, progress
from graphbuild.commands import articles, build, export, extract, neo4j, query, store, validate

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


for module in (articles, extract, build, validate, store, query, neo4j, export):
    module.register(app)


def main() -> None:
    """Run the CLI; whatever escapes a command becomes one line on stderr, not a traceback."""
    # SIGTERM (kill, a scheduler's timeout) unwinds like Ctrl-C: staging is cleared, workers stopped
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        app()
    except SystemExit as done:  # Ctrl-C (typer's exit 130) or SIGTERM (143), after the clean-up
        if done.code in (130, 143):
            processes.leave_now_if_stuck(done.code)
        raise
    except KeyboardInterrupt:
        progress.error_line("interrupted")
        sys.exit(130)
    except (OSError, ValueError) as exc:  # bad paths, unreadable files, impossible option values
        progress.error_line(_one_line(exc))
        sys.exit(2)
    except Exception as exc:
        if progress.log.isEnabledFor(logging.DEBUG):
            raise
        progress.error_line(f"internal error: {_one_line(exc)} (run with -vv for the traceback)")
        sys.exit(3)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, OSError | ValueError) else f"{type(exc).__name__}: {text}"


if __name__ == "__main__":
    main()
