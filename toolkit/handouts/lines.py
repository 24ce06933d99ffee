"""Line numbers from a real layout: where WeasyPrint broke the article's lines.

The measuring pass renders the article with every text piece in an element carrying its offset
(`data-o`); the WeasyPrint seam (`render.pdf.Renderer.line_starts`) reads from the layout the
offset at which each printed line starts. The final pass then prints each of those lines as its
own block, with its number in the margin.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class LineMap:
    """Where each printed line of an article starts (offsets into the text, ascending)."""

    starts: tuple[int, ...]

    def __post_init__(self) -> None:
        if list(self.starts) != sorted(set(self.starts)):
            raise ValueError("line starts must be strictly ascending")

    def line_of(self, offset: int) -> int:
        """The 1-based number of the printed line holding the character at `offset`."""
        return max(1, bisect_right(self.starts, offset))

    def __len__(self) -> int:
        return len(self.starts)
