"""Media-literacy toolkit: turn news articles into lessons on rhetorical devices."""

from __future__ import annotations

__version__ = "0.1.0"
