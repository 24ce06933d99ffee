"""Line numbers from a real layout: find where WeasyPrint broke the article's lines.

The measuring pass renders the article with every text piece in an element carrying its offset
(`data-o`). Walking the laid-out line boxes gives the offset at which each printed line starts.
The final pass then prints each of those lines as its own block, with its number in the margin.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any


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


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _offset_of(box: Any) -> int | None:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return None
    value = element.get("data-o")
    return int(value) if value is not None else None


def measured_breaks(pages: Sequence[Any]) -> list[int]:
    """The offset at which each laid-out line starts, read from `Document.pages` of the
    measuring pass (text boxes of elements with `data-o`)."""
    consumed: dict[int, int] = {}
    starts: list[int] = []
    for page in pages:
        for line in (b for b in _walk(page._page_box) if type(b).__name__ == "LineBox"):
            first = None
            for box in _walk(line):
                text = getattr(box, "text", None)
                base = _offset_of(box) if text is not None else None
                if base is None or not text:
                    continue
                key = id(box.element)
                position = consumed.get(key, 0)
                if first is None:
                    first = base + position
                consumed[key] = position + len(text)
            if first is not None:
                starts.append(first)
    return starts
