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
from ..progress import Progress

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


TEACHER_OPTION = typer.Option(
    None, "--teacher", metavar="NAME", help="The teacher's file (NAME.jsonl): an annotator, "
    "never graded. Overrides collection.yaml.")
STUDENTS_OPTION = typer.Option(
    None, "--students", metavar="A,B", help="Only these students (file names without .jsonl). "
    "A teacher named here is graded as a student.")
EXCLUDE_OPTION = typer.Option(
    None, "--exclude", metavar="A,B", help="Leave these files out.")


def people(teacher: str | None, students: str | None, exclude: str | None):  # -> Selection
    """The `--teacher/--students/--exclude` options as a role selection."""
    from ..collection import Selection

    chosen = comma_list(students)
    if chosen is not None and not chosen:
        raise ToolkitError("--students needs at least one name (e.g. --students alice,bob)")
    return Selection.of(teacher, chosen, comma_list(exclude))


def say_left_out(collection: Any) -> None:
    """Name, on stderr, every file of the collection a command did not read, and why."""
    for item in collection.left_out:
        typer.echo(f"left out {item}", err=True)


def check_output_file(out: Path, force: bool, example: str, inputs: Sequence[Path] = ()) -> None:
    """Refuse an `-o` that is a folder, lies under a file, is one of the command's `inputs`, or
    exists (it may hold annotations) unless `--force`; `example` is a file name to suggest."""
    if out.is_dir():
        raise ToolkitError(f"-o {out} is a folder; give the file to write, e.g. -o "
                           f"{out / example}")
    blocked = next((parent for parent in out.parents if parent.exists()), None)
    if blocked is not None and not blocked.is_dir():
        raise ToolkitError(f"cannot write {out}: {blocked} is a file, not a folder")
    if force or not out.exists():
        return
    if any(out.resolve() == Path(given).resolve() for given in inputs):
        raise ToolkitError(f"{out} is also an input; writing there would replace its spans. "
                           "Use -o another file, or --force to overwrite it")
    raise ToolkitError(f"{out} exists; it may hold annotations. Use --force to overwrite it, "
                       "or -o another file")


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
def progress_bar(start: str = "working") -> Iterator[Progress]:
    """A Rich progress bar on stderr, shown only on a terminal; yields the library's progress
    callback (toolkit.progress: `update(stage, done, total)`, total 0: unknown)."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True),
                  disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(start, total=None)

        def update(what: str, done: int = 0, total: int = 0) -> None:
            bar.update(task, description=what, completed=done, total=total or None)

        yield update
