"""Line numbers: where the article's lines break, and how wide each line is, for justifying
Chinese.

The measuring page holds the article with every text piece in an element carrying its offset
(`data-o`). The typesetter (`render.typeset`, through `render.pdf.Renderer.typeset`) breaks its
lines from the widths WeasyPrint's text layer gives each character, without laying the page
out; when it cannot read the page, a layout of it is read instead (`Renderer.lines`). Either
way the result is the offset at which each printed line starts and how wide it is. The final
pass then prints each of those lines as its own block, with its number in the margin, and
stretches the lines of a Chinese paragraph but its last to the measure (`letter_spacing`); it
checks that every typeset line fits, and a lesson with a line that does not is laid out again
(`handouts.build`).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import language

#: The most letter-spacing a justified line gets (em of its font size). Wider spacing reads as
#: gaps, and text extraction starts reading the gaps as spaces between the characters (pypdf
#: does from about 0.19 em, measured); a line that would need more is left as it is.
MOST_SPACING = 0.15


@dataclass(frozen=True)
class LineWidth:
    """How wide one printed line is laid out (CSS px): with the marks and callouts of the
    marked copies (`marked`), as the plain text of the worksheet (`plain`), how wide it may be
    (`measure`), and its paragraph's font size."""

    marked: float
    plain: float
    measure: float
    font_size: float


@dataclass(frozen=True)
class LineMap:
    """Where each printed line of an article starts (offsets into the text, ascending), and,
    when measured, each line's widths by its start."""

    starts: tuple[int, ...]
    widths: Mapping[int, LineWidth] = field(default_factory=dict, compare=False)
    #: True when the lines were broken by the typesetter (`render.typeset`) rather than read
    #: from a layout: the final render then checks that every line fits its measure.
    typeset: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if list(self.starts) != sorted(set(self.starts)):
            raise ValueError("line starts must be strictly ascending")

    def line_of(self, offset: int) -> int:
        """The 1-based number of the printed line holding the character at `offset`."""
        return max(1, bisect_right(self.starts, offset))

    def __len__(self) -> int:
        return len(self.starts)


def _spaced(ch: str) -> bool:
    """True for a character WeasyPrint letter-spaces (one that starts a cluster; combining
    marks and format characters join the character before them)."""
    return unicodedata.category(ch) not in ("Mn", "Me", "Cf")


def letter_spacing(text: str, natural: float, measure: float, font_size: float) -> float | None:
    """The letter-spacing (CSS px) that makes a line of `text`, `natural` px wide, end at
    `measure`, or None when it should stay as it is: a line without Chinese characters, one ending
    in a space, one already full, or one that would need more than MOST_SPACING em.

    WeasyPrint adds letter-spacing after every character, the last one included (measured:
    five characters at 10 px spacing are 50 px wider), so the last character's own box ends at
    `natural + (characters - 1) * spacing`; the spacing after it is blank."""
    if not text or text[-1].isspace() or not language.CJK.search(text):
        return None
    gaps = sum(_spaced(ch) for ch in text) - 1
    slack = measure - natural
    if gaps < 1 or slack <= 0.01:
        return None
    spacing = slack / gaps
    return spacing if spacing <= MOST_SPACING * font_size else None
