"""The user's cache folder for the toolkit: `$XDG_CACHE_HOME/mlt` (else `~/.cache/mlt`).

What is kept there can always be made again (the words of an article, compiled templates); a
cache that cannot be read or written is treated as empty, never as an error."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(*parts: str) -> Path:
    """The folder `parts` inside the toolkit's cache (not created)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root, "mlt", *parts)
