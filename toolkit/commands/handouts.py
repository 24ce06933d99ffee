"""Commands for `mlt build` (issue: handout compiler)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
