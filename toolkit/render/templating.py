"""The one Jinja2 environment factory: every template of the toolkit is rendered with the same
settings. Autoescape is on for every template (article text and every name in a report is
untrusted), an undefined variable is an error instead of an empty string, and the same filters
are available everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import (BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader,
                    StrictUndefined)
from jinja2.bccache import Bucket

from ..cache import cache_folder


def num(value: float | None, digits: int = 2) -> str:
    """A measure with `digits` decimals, `—` when there is none (nothing to measure)."""
    return "—" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    """A share as a whole percentage (`0.456` → `46%`), `—` when there is none."""
    return "—" if value is None else f"{value * 100:.0f}%"


def shade(value: float | None) -> str:
    """A grey for a heatmap cell in [0, 1]: darker is higher, readable in black and white
    (white for no value)."""
    if value is None:
        return "#ffffff"
    level = int(245 - 150 * max(0.0, min(1.0, value)))
    return f"#{level:02x}{level:02x}{level:02x}"


FILTERS = {"num": num, "percent": percent, "shade": shade}


class _Compiled(FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder (Jinja checks each against its
    template's source before use): compiling the handout templates is about 50 ms of every
    build. A cache that cannot be read or written is no error; the template is compiled."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):  # unreadable or damaged: compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> BytecodeCache | None:
    folder = cache_folder("templates")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Compiled(str(folder))


def environment(folders: Path | Sequence[Path]) -> Environment:
    """A Jinja2 environment loading templates from `folders` (searched in order)."""
    roots = [folders] if isinstance(folders, Path) else list(folders)
    env = Environment(loader=FileSystemLoader([str(p) for p in roots]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_bytecode_cache())
    env.filters.update(FILTERS)
    return env
