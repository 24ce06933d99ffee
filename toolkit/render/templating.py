"""The one Jinja2 environment factory: every template of the toolkit is rendered with the same
settings. Autoescape is on for every template (article text and every name in a report is
untrusted), an undefined variable is an error instead of an empty string, and the same filters
are available everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


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


def environment(folders: Path | Sequence[Path]) -> Environment:
    """A Jinja2 environment loading templates from `folders` (searched in order)."""
    roots = [folders] if isinstance(folders, Path) else list(folders)
    env = Environment(loader=FileSystemLoader([str(p) for p in roots]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    return env
