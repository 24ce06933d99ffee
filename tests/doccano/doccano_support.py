"""Plain helpers the doccano tests share (a module of its own: `conftest` is a name every test
folder has, so importing from it is ambiguous in a whole-suite run)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from toolkit.doccano.install import DOCCANO_VERSION


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cached_venv() -> Path:
    """Where the test server's doccano lives between runs."""
    given = os.environ.get("MLT_DOCCANO_VENV")
    if given:
        return Path(given)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "mlt" / f"doccano-{DOCCANO_VERSION}-venv"
