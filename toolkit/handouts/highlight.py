"""The highlight renderer: article text + spans → escaped HTML, with callouts and line numbers.

The text is cut into non-overlapping segments at every span boundary, paragraph break and line
start. Each segment is wrapped in one element per span covering it, outermost span first, so nested
and crossing spans all stay visible: borders, fills and weights stack on nested elements. WeasyPrint
draws only the innermost element's text decoration, so when several spans with a decoration cover a
segment, all but the innermost paint theirs as a background image instead (`PAINTED`). Every piece
of article text is escaped; the result is `Markup` for the templates.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..devices import cues
from ..devices.catalogue import Device
from ..spans import Span

WORD_JOINER = "\u2060"
INK = "#222"
#: CSS properties WeasyPrint 70 does not know (it logs a warning for each): dropped from cues.
def _wave(top: bool) -> str:
    y = "1.2" if top else "1.8"
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='6' height='3'>"
           f"<path d='M0,{y} Q1.5,0 3,{y} T6,{y}' fill='none' stroke='{INK}' "
           "stroke-width='0.8'/></svg>")
    data = base64.b64encode(svg.encode("ascii")).decode("ascii")
    where = "left top" if top else "left bottom"
    return (f"background-image: url(data:image/svg+xml;base64,{data}); "
            f"background-position: {where}; background-size: 6px 3px; background-repeat: repeat-x")


def _dashes(on: float, off: float, top: bool) -> str:
    return (f"background-image: repeating-linear-gradient(to right, {INK} 0, {INK} {on}px, "
            f"transparent {on}px, transparent {on + off}px); background-size: 100% 1.2px; "
            f"background-position: left {'top' if top else 'bottom'}; background-repeat: no-repeat")


def _rule(top: bool, double: bool = False) -> str:
    way = "to bottom" if top else "to top"
    stops = (f"{INK} 0, {INK} 0.8px, transparent 0.8px, transparent 2.2px, {INK} 2.2px, "
             f"{INK} 3px, transparent 3px" if double else f"{INK} 0, {INK} 1px, transparent 1px")
    return f"background-image: linear-gradient({way}, {stops})"


#: A decoration primitive drawn as a background, for when another decoration covers the same text.
PAINTED: dict[str, str] = {
    "underline-solid": _rule(False),
    "underline-double": _rule(False, double=True),
    "underline-dotted": _dashes(1.2, 1.8, False),
    "underline-dashed": _dashes(4, 2.5, False),
    "underline-wavy": _wave(False),
    "overline-solid": _rule(True),
    "overline-wavy": _wave(True),
}


def device_class(device_id: str) -> str:
    """The CSS class of a device's highlight."""
    return f"d-{device_id}"


def decoration_of(device: Device) -> str | None:
    """The text-decoration primitive of a device's cue, if it has one."""
    return next((name for name in device.cue if cues.KINDS.get(name) == "decoration"), None)


def cue_css(device: Device) -> str:
    """A device's cue as CSS declarations (`cues.css_for`)."""
    return cues.css_for(device.cue).strip().rstrip(";")


#: A background pattern is drawn as a band under the text, not over the glyphs, so the words stay
#: legible on a grayscale print; the line spacing leaves room for it.
PATTERN_BAND = ("background-repeat: repeat-x; background-position: left bottom; "
                "background-size: 7px 7px; padding-bottom: 0.5em")


def device_css(devices: Iterable[Device]) -> str:
    """CSS for the devices' highlights: each cue as `css_for` gives it (pattern fills as a band
    under the text), plus the painted decorations."""
    rules = []
    for device in devices:
        band = any(name.startswith("pattern-") for name in device.cue)
        css = cue_css(device) + (f"; {PATTERN_BAND}" if band else "")
        rules.append(f".{device_class(device.id)} {{ {css} }}")
    rules += [f".pt-{name} {{ {css} }}" for name, css in PAINTED.items()]
    return "\n".join(rules) + "\n"


@dataclass(frozen=True)
class Mark:
    """One span to draw: its callout number, device id and decoration primitive (if any)."""

    number: int
    span: Span
    decoration: str | None = None

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("callout numbers start at 1")


def marks_for(spans: Sequence[Span], devices: dict[str, Device]) -> list[Mark]:
    """Number spans in reading order (1, 2, ...) and note each one's decoration primitive."""
    return [Mark(n, span, decoration_of(devices[span.label]))
            for n, span in enumerate(sorted(spans), start=1)]


def paragraphs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, after_blank) for each paragraph that is not blank; `after_blank` is True when
    a blank line separates it from the previous one. A paragraph is a line of the text."""
    found: list[tuple[int, int, bool]] = []
    start, blank = 0, False
    for end in [*(i for i, ch in enumerate(text) if ch == "\n"), len(text)]:
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        if text[start:stop].strip():
            found.append((start, stop, blank and bool(found)))
            blank = False
        else:
            blank = True
        start = end + 1
    return found


@dataclass(frozen=True)
class ArticleStyle:
    """What to draw: highlights, callouts, the headline, which line numbers to print."""

    highlight: bool = True
    callouts: bool = True
    headline: bool = False
    line_step: int = 1


class _Writer:
    """Builds the HTML of one article, segment by segment."""

    def __init__(self, text: str, marks: Sequence[Mark], style: ArticleStyle) -> None:
        self.text = text
        self.marks = sorted(marks, key=lambda m: (m.span.start, -m.span.end, m.number)) \
            if style.highlight or style.callouts else []
        self.style = style
        self.called: set[int] = set()
        self.parts: list[str] = []

    def cuts(self, start: int, end: int) -> list[int]:
        points = {start, end}
        for mark in self.marks:
            for point in (mark.span.start, mark.span.end):
                if start < point < end:
                    points.add(point)
        return sorted(points)

    def run(self, start: int, end: int, measure: bool) -> None:
        """Write the text in [start, end) as segments (with data-o offsets when measuring)."""
        points = self.cuts(start, end)
        for a, b in zip(points, points[1:]):
            active = [m for m in self.marks if m.span.start <= a and b <= m.span.end]
            self.segment(a, b, active, measure)

    def segment(self, a: int, b: int, active: list[Mark], measure: bool) -> None:
        if self.style.callouts:
            for mark in sorted(active, key=lambda m: m.number):
                if mark.number not in self.called:
                    self.called.add(mark.number)
                    self.parts.append(f'<span class="co">{mark.number}</span>{WORD_JOINER}')
        closing: list[str] = []
        if self.style.highlight:
            decorated = [m for m in active if m.decoration]
            painted = {m.number for m in decorated[:-1] if m.decoration in PAINTED}
            for mark in active:
                classes = ["m", device_class(mark.span.label)]
                classes += ["ol"] if a > mark.span.start else []
                classes += ["or"] if b < mark.span.end else []
                self.parts.append(f'<span class="{escape(" ".join(classes))}">')
                closing.append("</span>")
                if mark.number in painted:
                    self.parts.append(f'<span class="pt pt-{mark.decoration}">')
                    closing.append("</span>")
        piece = escape(self.text[a:b])
        self.parts.append(f'<span data-o="{a}">{piece}</span>' if measure else str(piece))
        self.parts.extend(reversed(closing))


def render_article(text: str, marks: Sequence[Mark], style: ArticleStyle,
                   line_starts: Sequence[int] | None = None) -> Markup:
    """The article as HTML. Without `line_starts` (the measuring pass) each paragraph flows
    freely and every text piece carries its offset in `data-o`; with them, every printed line is
    its own block with its number in the margin, so all handouts share the same lines."""
    writer = _Writer(text, marks, style)
    starts = sorted(set(line_starts)) if line_starts is not None else None
    number = 0
    for index, (start, end, after_blank) in enumerate(paragraphs(text)):
        classes = ["para"] + (["sep"] if after_blank else [])
        classes += ["headline"] if style.headline and index == 0 else []
        if starts is None:
            writer.parts.append(f'<p class="{" ".join(classes)}">')
            writer.run(start, end, measure=True)
            writer.parts.append("</p>")
            continue
        writer.parts.append(f'<div class="{" ".join(classes)}">')
        inside = [start] + [s for s in starts if start < s < end]
        for a, b in zip(inside, inside[1:] + [end]):
            number += 1
            shown = number if number % style.line_step == 0 or style.line_step == 1 else ""
            fifth = " fifth" if number % 5 == 0 else ""
            writer.parts.append(f'<div class="line"><span class="lno{fifth}">{shown}</span>')
            writer.run(a, b, measure=False)
            writer.parts.append("</div>")
        writer.parts.append("</div>")
    return Markup("".join(writer.parts))


def line_starts_for(text: str, measured: Iterable[int]) -> tuple[int, ...]:
    """The start offset of every printed line: each paragraph's start plus the measured breaks
    that fall inside a paragraph (the same rule `render_article` uses)."""
    wanted = sorted(set(measured))
    starts: list[int] = []
    for start, end, _ in paragraphs(text):
        starts.append(start)
        starts.extend(s for s in wanted if start < s < end)
    return tuple(starts)
