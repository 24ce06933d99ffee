"""The user's cache folder for the toolkit: `$XDG_CACHE_HOME/mlt` (else `~/.cache/mlt`).

What is kept there can always be made again (an article's words and typeset lines, compiled
templates); a cache that cannot be read or written is treated as empty, never as an error."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cache_folder(*parts: str) -> Path:
    """The folder `parts` inside the toolkit's cache (not created)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root, "mlt", *parts)


def read_entry(path: Path | None) -> Any:
    """The JSON kept in `path` (None when it is absent, unreadable or not JSON: the caller
    checks its shape)."""
    import json

    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def keep_entry(path: Path | None, data: Any) -> None:
    """Write `data` as JSON to `path`, atomically (quietly not, when it cannot be written)."""
    import json

    from .atomic import atomic_write_text

    if path is None:
        return
    try:
        atomic_write_text(path, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass
