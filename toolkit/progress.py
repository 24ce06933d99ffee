"""The one shape of progress reports the library gives its callers.

A long library call takes a `progress` argument: a callable `progress(stage, done, total)`.
`stage` is a short phrase ("uploading", "rendered week1"), `done` how many units of the stage
are finished and `total` how many there are (0 when unknown). The library never prints; the
command turns the calls into a progress bar on a terminal, or into lines on stderr.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Called by the library as work advances (see the module docstring)."""

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None: ...


def silent(stage: str, done: int = 0, total: int = 0) -> None:
    """The default: report nothing."""
