"""What every command shares: the error boundary and the per-invocation state."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..devices import Catalogue, load_catalogue
from ..devices.catalogue import catalogue_paths
from ..errors import InvalidInputError, ToolkitError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a ToolkitError raised by the library into `Error: ...` and its exit code."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidInputError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            typer.echo(f"Error: {len(exc.problems)} problem(s); nothing was written.", err=True)
            raise typer.Exit(exc.exit_code) from None
        except ToolkitError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
    return wrapper  # type: ignore[return-value]


def comma_list(value: str | None) -> list[str] | None:
    """An option like `A, B,C` as ['A', 'B', 'C']; None (option not given) stays None."""
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def device_ids(catalogue: Catalogue, value: str | None, option: str = "--devices",
               also: Sequence[str] = ()) -> list[str] | None:
    """Parse and check a comma-separated list of device ids (names in `also`, e.g. label
    groups, are allowed too); an empty list or an unknown id is a clear error."""
    ids = comma_list(value)
    if ids is None:
        return None
    if not ids:
        raise ToolkitError(f"{option} needs at least one device id (e.g. SLOGAN,EXAGGERATION)")
    catalogue.resolve_ids([i for i in ids if i not in also])
    return ids


class State:
    """Options shared by every command (catalogue overlays), loaded once per invocation."""

    def __init__(self, overlays: list[Path]) -> None:
        self.overlays = overlays
        self._catalogue: Catalogue | None = None

    @property
    def catalogue(self) -> Catalogue:
        """The device catalogue: built-in, then $MLT_CATALOGUE, then --catalogue files."""
        if self._catalogue is None:
            self._catalogue = load_catalogue(catalogue_paths(self.overlays))
        return self._catalogue


@contextmanager
def progress_bar(start: str = "working") -> Iterator[Callable[[str, int, int], None]]:
    """A Rich progress bar on stderr, shown only on a terminal; yields `update(what, done,
    total)` for the library's progress callbacks (total 0: unknown)."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True),
                  disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(start, total=None)

        def update(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total or None)

        yield update
