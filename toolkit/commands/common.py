"""What every command shares: the error boundary, the exit codes, the option objects and
parameter types, the per-invocation state, and printing that cannot fail on a file name.

Exit codes (docs/cli.md): 0 done; 1 the files, the data or the server do not allow it (a missing
or bad input file, an `-o` that exists, a server that cannot be reached); 2 the command line is
wrong whatever the files hold (an unknown option, a value not among those allowed, a device id
the catalogue lacks); 3 the doccano server is not running (`mlt server status`)."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

import typer
from typer import Abort

try:  # Typer 0.25+ runs on its own copy of click (typer._click): its base type and exceptions
    from typer._click.exceptions import ClickException
    from typer._click.types import ParamType
except ImportError:  # older Typer runs on click itself
    from click.exceptions import ClickException  # type: ignore[no-redef]
    from click.types import ParamType  # type: ignore[no-redef]

from ..devices import Catalogue, load_catalogue
from ..devices.catalogue import catalogue_paths
from ..errors import InvalidInputError, ToolkitError
from ..progress import Progress

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FAILED = 1        # bad input data, a refused or failed operation
EXIT_USAGE = 2         # a mistake on the command line (click's own code for usage errors)
EXIT_NOT_RUNNING = 3   # the doccano server is not running


# --- printing ------------------------------------------------------------------------------

_ESCAPED_RUN = re.compile(r"[\udc80-\udcff]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with nothing a terminal cannot show: the bytes of a file name that is not UTF-8
    (kept by Python as surrogate escapes, e.g. a GBK name from a Windows archive) decoded as
    GB18030 when they are, else shown as \\x escapes; any other lone surrogate as \\u escape."""
    if not _SURROGATE.search(text):
        return text
    from ..files import readable

    text = _ESCAPED_RUN.sub(lambda run: readable(run.group()), text)
    return _SURROGATE.sub(lambda c: f"\\u{ord(c.group()):04x}", text)


def echo(message: object = "", err: bool = False, nl: bool = True) -> None:
    """Print one message (stdout, or stderr with `err`): the one way commands print text."""
    typer.echo(printable(str(message)), err=err, nl=nl)


def say(message: str) -> None:
    """A note for the person at the terminal (stderr): what was left out, warnings, progress."""
    echo(message, err=True)


def reports_errors(func: F) -> F:
    """Turn a ToolkitError raised by the library into `Error: ...` and its exit code."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidInputError as exc:
            for problem in exc.problems:
                say(str(problem))
            say(f"Error: {len(exc.problems)} problem(s); nothing was written.")
            raise typer.Exit(exc.exit_code) from None
        except ToolkitError as exc:
            say(f"Error: {exc}")
            raise typer.Exit(exc.exit_code) from None
    return wrapper  # type: ignore[return-value]


# --- parameter types: fixed choices ----------------------------------------------------------

class Choice(ParamType):
    """One of a fixed set of values, refused in the house wording (`'xml' (allowed: table,
    json)`, exit 2). The values are given, or named as `module:NAME` of the library constant or
    Enum that defines them, imported only when a value is checked or help is shown (keeps
    `mlt --help` fast and the library the one place that lists them)."""

    name = "choice"

    def __init__(self, *choices: str, source: str | None = None,
                 case_sensitive: bool = True) -> None:
        self._given = tuple(choices)
        self._source = source
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:
        if self._source is None:
            return self._given
        module, _, name = self._source.partition(":")
        values: Iterable[Any] = getattr(import_module(module), name)
        return tuple(str(getattr(v, "value", v)) for v in values)

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return "[" + "|".join(self.choices) + "]"

    def allowed(self) -> str:
        return ", ".join(self.choices)

    def pick(self, value: str) -> str | None:
        """The choice `value` names, or None."""
        for choice in self.choices:
            if value == choice or (not self.case_sensitive
                                   and value.casefold() == choice.casefold()):
                return choice
        return None

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        chosen = self.pick(str(value))
        if chosen is None:
            self.fail(f"{value!r} (allowed: {self.allowed()})", param, ctx)
        return chosen


class ChoiceList(Choice):
    """One or more of a fixed set, comma-separated (`pdf,html`); the value is a tuple."""

    name = "choices"

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return "[" + "|".join(self.choices) + "],..."

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, tuple):
            return value
        parts = comma_list(str(value)) or []
        chosen = [self.pick(part) for part in parts]
        if not parts or None in chosen:
            bad = [p for p, c in zip(parts, chosen) if c is None]
            shown = ", ".join(map(repr, bad)) if bad else repr(value)
            self.fail(f"{shown} (allowed: {self.allowed()}; one or more, comma-separated)",
                      param, ctx)
        return tuple(dict.fromkeys(c for c in chosen if c is not None))


class Strategy(Choice):
    """`--strategy` of adjudicate: majority, teacher, or teacher=NAME."""

    name = "strategy"

    def __init__(self) -> None:
        super().__init__("majority", "teacher", "teacher=NAME")

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        value = str(value)
        if value in ("majority", "teacher") or (value.startswith("teacher=") and
                                                 value[len("teacher="):].strip()):
            return value
        self.fail(f"{value!r} (allowed: {self.allowed()})", param, ctx)


class Seconds(ParamType):
    """A time limit in seconds: a number more than 0 and at most `most` (not nan, not inf)."""

    name = "seconds"

    def __init__(self, most: float = 86400.0) -> None:
        self.most = most

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return "SECONDS"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            seconds = float("nan")
        if not 0 < seconds <= self.most:  # also refuses nan
            self.fail(f"{value!r} (allowed: a number of seconds, more than 0 and at most "
                      f"{self.most:g})", param, ctx)
        return seconds


def usage_error(option: str, message: str) -> typer.BadParameter:
    """An option value the catalogue or the other options do not allow (exit 2), worded as
    Typer's own: `Invalid value for '--lang': 'fr' (allowed: zh, en)`."""
    return typer.BadParameter(message, param_hint=f"'{option}'")


def comma_list(value: str | None) -> list[str] | None:
    """An option like `A, B,C` as ['A', 'B', 'C']; None (option not given) stays None."""
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def device_ids(catalogue: Catalogue, value: str | None, option: str = "--devices",
               also: Sequence[str] = ()) -> list[str] | None:
    """The `--devices` option checked against the catalogue: None when it was not given (all
    devices); an empty list (`--devices ""`) or an unknown id is a usage error (exit 2) in every
    command. Names in `also` (e.g. `evaluate`'s groups) are allowed too."""
    ids = comma_list(value)
    if ids is None:
        return None
    if not ids:
        raise usage_error(option, f"{value!r} names no device (give one or more ids, "
                                  "comma-separated, e.g. SLOGAN,EXAGGERATION; `mlt devices` "
                                  "lists them)")
    try:
        catalogue.resolve_ids([i for i in ids if i not in also])
    except ToolkitError as exc:
        raise usage_error(option, str(exc)) from None
    return ids


def language(catalogue: Catalogue, value: str, option: str = "--lang",
             also: Sequence[str] = ()) -> str:
    """A language the catalogue declares (or one of `also`, e.g. `auto`), else a usage error
    that lists them (exit 2)."""
    allowed = [*catalogue.languages, *also]
    if value not in allowed:
        raise usage_error(option, f"{value!r} (allowed: {', '.join(allowed)})")
    return value


def lang_option(default: str, what: str) -> Any:
    """`--lang LANG`: one of the catalogue's languages (zh, en, or those an overlay adds)."""
    return typer.Option(default, "--lang", metavar="LANG",
                        help=f"Language of {what}: one the catalogue declares (zh, en).")


def format_option(default: str, *choices: str, help: str = "") -> Any:  # noqa: A002
    """`--format`: one of `choices`."""
    return typer.Option(default, "--format", click_type=Choice(*choices),
                        help=help or f"Output format: {', '.join(choices)}.")


def formats_option(default: str, *choices: str, help: str = "") -> Any:  # noqa: A002
    """`--format A,B`: one or more of `choices` (the value is a tuple)."""
    return typer.Option(default, "--format", click_type=ChoiceList(*choices),
                        help=help or f"Output formats, comma-separated: {', '.join(choices)}.")


DEVICES_HELP = "Only these devices (comma-separated ids; default: all; `mlt devices` lists them)."


def devices_option(help: str = DEVICES_HELP) -> Any:  # noqa: A002
    """`--devices ID,...`, checked by `device_ids`."""
    return typer.Option(None, "--devices", metavar="ID,...", help=help)


def paper_option(what: str) -> Any:
    """`--paper a4|letter` (the paper sizes handouts know)."""
    return typer.Option("a4", "--paper", click_type=Choice(
        source="toolkit.handouts.render:PAPERS", case_sensitive=False), help=f"Paper of {what}.")


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
        raise usage_error("--students", f"{students!r} names no student (e.g. --students "
                                        "alice,bob)")
    return Selection.of(teacher, chosen, comma_list(exclude))


def say_left_out(collection: Any) -> None:
    """Name, on stderr, every file of the collection a command did not read, and why."""
    for item in collection.left_out:
        say(f"left out {item}")


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
    if any(os.path.realpath(out) == os.path.realpath(given) for given in inputs):  # no loop errors
        raise ToolkitError(f"{out} is also an input; writing there would replace its spans. "
                           "Use -o another file, or --force to overwrite it")
    raise ToolkitError(f"{out} exists; it may hold annotations. Use --force to overwrite it, "
                       "or -o another file")


def check_output_folder(out: Path, writes: str, option: str = "-o") -> None:
    """Refuse a folder option (`-o`) that names a file, or lies under one; `writes` says what the
    command puts there."""
    if out.exists() and not out.is_dir():
        raise ToolkitError(f"{option} {out}: is a file, not a folder ({writes})")
    blocked = next((parent for parent in out.parents if parent.exists()), None)
    if blocked is not None and not blocked.is_dir():
        raise ToolkitError(f"cannot write {out}: {blocked} is a file, not a folder")


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
