"""The `mlt` command: the app, its global options, and the command areas (toolkit/commands/).

Each area is a module with plain command functions, one library call each, registered by its
`register(app)`; `commands/common.py` holds the error boundary, the exit codes and the shared
options (docs/cli.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import (agreement, devices, doccano, formats, handouts, lesson, model, suggest,
                       validate)
from .commands.common import EXIT_FAILED, Abort, ClickException, State, echo

#: The command areas, in the order `mlt --help` lists them.
AREAS = (devices, validate, formats, suggest, model, lesson, handouts, agreement, doccano)


class MltGroup(TyperGroup):
    """The root command. A usage mistake prints click's plain `Usage:`, `Try ... --help` and
    one `Error: ...` line (not a box that wraps the message), exit 2; help stays Rich."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except Abort:
            echo("Aborted!", err=True)
            sys.exit(EXIT_FAILED)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(cls=MltGroup, name="mlt", help="Media-literacy toolkit: turn news articles "
                  "into lessons on rhetorical devices.", no_args_is_help=True,
                  add_completion=False)
for _area in AREAS:
    _area.register(app)


def _version(value: bool) -> None:
    if value:
        echo(f"mlt {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         catalogue: list[Path] = typer.Option(
             [], "--catalogue", metavar="FILE",
             help="An extra device catalogue file (your own devices); may be repeated. "
                  "Also read from $MLT_CATALOGUE."),
         version: Optional[bool] = typer.Option(None, "--version", callback=_version,
                                                is_eager=True, help="Print the version.")) -> None:
    """Media-literacy toolkit."""
    ctx.obj = State(list(catalogue))


if __name__ == "__main__":  # python -m toolkit.cli
    app(prog_name="mlt")
