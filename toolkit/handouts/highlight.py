"""The highlight renderer: article text + spans → escaped HTML, with callouts and line numbers.

The text is cut into non-overlapping segments at every span boundary, paragraph break and line
start. Each segment is wrapped, for every marked span covering it (outermost first), in one
element per primitive of the span's cue (`devices/cues.py`): a box, a rule, a band, brackets, a
tint or bold, each drawing on its own element, so nested and crossing spans all stay visible.
Where nested spans draw in the same place above or below the words, each gets its own track
(outermost farthest from the words). Every piece of article text is escaped; the result is
`Markup` for the templates.

Callout numbers are badges drawn as images (a background SVG behind a space) before a span's
first segment: the digits are artifacts in the tagged PDF, so a screen reader reads the sentence
without numbers inside it, and the extracted text of a sentence is the sentence.

Words stay whole at line ends: the measuring pass puts a word joiner (U+2060) between the
characters of each Chinese word (`word_joins`), so WeasyPrint breaks lines only between words;
the printed lines, cut where it broke them, carry no joiners.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..devices import cues
from ..devices.catalogue import Device
from ..spans import Span
from .lines import LineWidth, letter_spacing

WORD_JOINER = "\u2060"
#: Joins like WORD_JOINER; stands in for the article's own joiners while measuring.
ZERO_WIDTH_NO_BREAK = "\ufeff"
#: A line may break before a callout badge (an ideographic space may not start a line).
ZERO_WIDTH_SPACE = "\u200b"
#: Article languages with their own frame geometry (`cues.INK_BANDS`).
FRAME_LANGS = tuple(cues.INK_BANDS)


def device_class(device_id: str) -> str:
    """The CSS class naming a device's mark (on the first element of each marked piece)."""
    return f"d-{device_id}"


@dataclass(frozen=True)
class Mark:
    """One span to draw: its callout number and the primitives of its device's cue."""

    number: int
    span: Span
    cue: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("callout numbers start at 1")


def marks_for(spans: Sequence[Span], devices: dict[str, Device],
              marked: Iterable[str] | None = None) -> list[Mark]:
    """Number the spans of the `marked` devices (all when None) in reading order (1, 2, ...)
    with each one's cue. Spans of other devices are not drawn and get no number."""
    chosen = set(devices if marked is None else marked)
    return [Mark(n, span, tuple(devices[span.label].cue))
            for n, span in enumerate(sorted(s for s in spans if s.label in chosen), start=1)]


def _primitive_rules(name: str, selector: str, lang: str) -> list[str]:
    primitive = cues.PRIMITIVES[name]
    base = f"{selector} .p-{name}" if selector else f".p-{name}"
    rules = [f"{base} {{ {cues.primitive_css(name, lang)} }}"]
    if primitive.sides:
        rules += [f"{base}.ol {{ {cues.primitive_css(name, lang, drop_left=True)} }}",
                  f"{base}.or {{ {cues.primitive_css(name, lang, drop_right=True)} }}",
                  f"{base}.ol.or {{ {cues.primitive_css(name, lang, True, True)} }}"]
    return rules


def device_css(devices: Iterable[Device], lang: str = "zh", widths_only: bool = False) -> str:
    """CSS for the marks of `devices` in an article of language `lang`: the frame of every
    marked piece, each primitive their cues use, and the tracks of nested rules. (Only what is
    used: every rule costs WeasyPrint time on every element.) `widths_only`: only what changes
    the text's width (side room, weight), for the measuring pass."""
    used = sorted({name for device in devices for name in device.cue})
    side_room = ([f".p-side {{ padding-left: {cues.SIDE_ROOM}em; padding-right: "
                  f"{cues.SIDE_ROOM}em }}", ".p-side.ol { padding-left: 0 }",
                  ".p-side.or { padding-right: 0 }"]
                 if any(cues.PRIMITIVES[name].sides for name in used) else [])
    if widths_only:
        return "\n".join([f".p-{name} {{ {cues.PRIMITIVES[name].css} }}" for name in used
                           if cues.PRIMITIVES[name].changes_width and cues.PRIMITIVES[name].css]
                          + side_room) + "\n"
    frame_lang = lang if lang in FRAME_LANGS else FRAME_LANGS[0]
    rules = [f".p {{ {cues.frame_css(frame_lang)['padding']} }}"]
    for name in used:
        rules += _primitive_rules(name, "", frame_lang)
    rules += side_room
    for name in used:
        if cues.KINDS[name] in cues.TRACKED:
            for tracks in (2, 3):
                for track in range(tracks):
                    rules.append(f".p-{name}.t{track}of{tracks} "
                                 f"{{ {cues.track_css(name, track, tracks)} }}")
    return "\n".join(rules) + "\n"


def _open(name: str, extra: Sequence[str]) -> str:
    classes = ["p", f"p-{name}", *extra]
    if cues.PRIMITIVES[name].sides:
        classes.append("p-side")
    return f'<span class="{escape(" ".join(classes))}">'


def swatch(device: Device, text: str) -> Markup:
    """`text` drawn with a device's cue (for legends and answer tables)."""
    opened = "".join(_open(name, [device_class(device.id)] if i == 0 else [])
                     for i, name in enumerate(device.cue))
    return Markup(f'<span class="m">{opened}{escape(text)}{"</span>" * len(device.cue)}</span>')


#: Digits drawn as strokes in a 6 x 10 box (a plain sans figure), so a badge holds no text: it
#: is not extracted with the sentence and not read by a screen reader (an artifact in the PDF).
DIGITS = {
    "0": "M3,0.6 C0.6,0.6 0.6,9.4 3,9.4 C5.4,9.4 5.4,0.6 3,0.6 Z",
    "1": "M1.2,2.4 L3.4,0.6 L3.4,9.4",
    "2": "M0.8,2.6 C1,0.1 5.2,0.1 5.2,2.7 C5.2,4.8 0.8,6.6 0.8,9.4 L5.4,9.4",
    "3": "M0.8,0.8 L5,0.8 L2.5,4.1 C5.6,4 5.6,9.4 2.8,9.4 C1.7,9.4 1,8.9 0.6,8.3",
    "4": "M4,9.4 L4,0.6 L0.5,6.8 L5.7,6.8",
    "5": "M5,0.8 L1.3,0.8 L1,4.4 C1.6,3.9 2.3,3.7 3,3.7 C5.7,3.7 5.7,9.4 2.8,9.4 "
         "C1.8,9.4 1,8.9 0.6,8.3",
    "6": "M4.8,0.9 C2,0.3 0.7,3 0.7,6.2 C0.7,8.3 1.6,9.4 3,9.4 C4.6,9.4 5.3,8.2 5.3,6.7 "
         "C5.3,5 4.4,4 3,4 C1.8,4 1,4.8 0.7,5.8",
    "7": "M0.6,0.8 L5.4,0.8 L2.3,9.4",
    "8": "M3,4.6 C1.2,4.6 0.9,3.6 0.9,2.6 C0.9,1.3 1.8,0.6 3,0.6 C4.2,0.6 5.1,1.3 5.1,2.6 "
         "C5.1,3.6 4.8,4.6 3,4.6 C1,4.6 0.6,5.8 0.6,7 C0.6,8.6 1.7,9.4 3,9.4 C4.3,9.4 5.4,8.6 "
         "5.4,7 C5.4,5.8 5,4.6 3,4.6 Z",
    "9": "M1.2,9.1 C4,9.7 5.3,7 5.3,3.8 C5.3,1.7 4.4,0.6 3,0.6 C1.4,0.6 0.7,1.8 0.7,3.3 "
         "C0.7,5 1.6,6 3,6 C4.2,6 5,5.2 5.3,4.2",
}


#: The badge's height (em of the text: the ideographs' ink band).
BADGE_HEIGHT = 0.92


def badge(number: int) -> Markup:
    """A callout number as an image: white digits (about 9 pt figures at 10.5 pt text) on a
    black rounded box, with no text of its own."""
    digits = str(number)
    width = 3.0 + 7.2 * len(digits)
    strokes = "".join(
        f"<path transform='translate({1.6 + 7.2 * i:g},1.15) scale(1.0,0.97)' d='{DIGITS[d]}'/>"
        for i, d in enumerate(digits))
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:g}' height='12' "
           f"viewBox='0 0 {width:g} 12'><rect width='{width:g}' height='12' rx='2.4' "
           f"fill='#000'/><g fill='none' stroke='#fff' stroke-width='1.55' "
           f"stroke-linecap='round' stroke-linejoin='round'>{strokes}</g></svg>")
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")
    wide = width / 12 * BADGE_HEIGHT
    # The badge is the background of one ideographic space (U+3000), letter-spaced to the
    # badge's width: a box with no text (an inline-block, an empty span) leaves a gap that
    # text extraction reads as a column break, and ordinary spaces allow no line break before
    # them. (A larger font size instead would stop WeasyPrint from breaking inside the span
    # that follows.) A zero-width space before the badge lets a line break there.
    return Markup(f'<span class="co" data-n="{number}" style="letter-spacing: {wide - 1:.3f}em; '
                  f'background-size: {wide:.3f}em {BADGE_HEIGHT}em; '
                  f'background-image: url({url})">\u3000</span>')


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
    chinese: bool = False  # Chinese typesetting: punctuation compression, Han-Latin spacing


#: Full-width punctuation that opens (its blank half on the left) and closes (blank on the right).
OPENING = "“‘（《「『【〔〖"
CLOSING = "”’）》」』】〕〗，。、；：！？"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%+\-/]*[A-Za-z0-9%]|[A-Za-z0-9]")


def typesetting(text: str) -> dict[tuple[int, int], str]:
    """Where Chinese typesetting treats characters specially, as {(start, end): CSS class}, the
    text itself unchanged (offsets never move):

    - `pc`: a full-width punctuation mark set at half width through the font's `halt` feature,
      where two or more marks meet ("”）。" → the first two halved, "（“" → the second): every
      mark of a run but one, keeping an opening mark first and a closing mark last;
    - `hl`, `hr`, `hb`: a run of Latin letters or digits with a Han character on its left,
      right or both sides, which gets a quarter em of space there."""
    found: dict[tuple[int, int], str] = {}
    at = 0
    while at < len(text):
        if text[at] in OPENING + CLOSING:
            end = at
            while end < len(text) and text[end] in OPENING + CLOSING:
                end += 1
            if end - at > 1:
                keep = {i for i in (at,) if text[i] in OPENING}
                keep |= {i for i in (end - 1,) if text[i] in CLOSING}
                for i in range(at, end):
                    if i not in (keep or {end - 1}):
                        found[(i, i + 1)] = "pc"
            at = end
        else:
            at += 1
    for match in _LATIN_RUN.finditer(text):
        start, end = match.span()
        left = start > 0 and bool(_HAN.match(text[start - 1]))
        right = end < len(text) and bool(_HAN.match(text[end]))
        if left or right:
            found[(start, end)] = "hb" if left and right else ("hl" if left else "hr")
    return found


class _Writer:
    """Builds the HTML of one article, segment by segment."""

    def __init__(self, text: str, marks: Sequence[Mark], style: ArticleStyle,
                 paint: bool = True, joins: Collection[int] = ()) -> None:
        self.text = text
        self.joins = joins
        self.marks = sorted(marks, key=lambda m: (m.span.start, -m.span.end, m.number)) \
            if style.highlight or style.callouts else []
        self.style = style
        # paint False (the measuring pass): only the primitives that change the text's width
        # are drawn, and the text is cut only where a width or a callout changes
        self.drawn = {id(mark): tuple(name for name in mark.cue
                                      if paint or cues.PRIMITIVES[name].changes_width)
                      for mark in self.marks} if style.highlight else {}
        self.called: set[int] = set()
        self.parts: list[str] = []
        self.typeset = typesetting(text) if style.chinese else {}
        self.typeset_points = sorted({p for run in self.typeset for p in run})
        self.line_start = 0
        self.line_end = 0

    def cuts(self, start: int, end: int) -> list[int]:
        points = {start, end}
        for mark in self.marks:
            ends = ((mark.span.start, mark.span.end) if self.drawn.get(id(mark))
                    else (mark.span.start,) if self.style.callouts else ())
            for point in ends:
                if start < point < end:
                    points.add(point)
        points.update(p for p in self.typeset_points if start < p < end)
        return sorted(points)

    def run(self, start: int, end: int, measure: bool) -> None:
        """Write the text in [start, end) as segments (with data-o offsets when measuring)."""
        points = self.cuts(start, end)
        self.line_start, self.line_end = start, end
        for a, b in zip(points, points[1:]):
            # every mark cut at both ends covers the segment it touches; one cut only at its
            # start (measuring: drawn as nothing) still gets its callout in its first segment
            active = [m for m in self.marks if m.span.start < b and a < m.span.end]
            self.segment(a, b, active, measure)

    def segment(self, a: int, b: int, active: list[Mark], measure: bool) -> None:
        if self.style.callouts:
            for mark in sorted(active, key=lambda m: m.number):
                if mark.number not in self.called:
                    self.called.add(mark.number)
                    if not measure:  # a printed line never wraps: no break marks needed
                        self.parts.append(str(badge(mark.number)))
                        continue
                    # a line may break before a badge, unless its span starts inside a word
                    before = WORD_JOINER if a in self.joins else ZERO_WIDTH_SPACE
                    self.parts.append(f"{before}{badge(mark.number)}{WORD_JOINER}")
        opened = 0
        if self.style.highlight:
            # tracks: nested primitives drawing in the same place, outermost farthest out
            sharing: dict[str, int] = {}
            for mark in active:
                for name in self.drawn[id(mark)]:
                    kind = cues.KINDS[name]
                    if kind in cues.TRACKED:
                        sharing[kind] = sharing.get(kind, 0) + 1
            seen: dict[str, int] = {}
            for mark in active:
                for index, name in enumerate(self.drawn[id(mark)]):
                    extra = [device_class(mark.span.label)] if index == 0 else []
                    extra += ["ol"] if a > mark.span.start else []
                    extra += ["or"] if b < mark.span.end else []
                    kind = cues.KINDS[name]
                    if sharing.get(kind, 0) > 1:
                        order = seen.get(kind, 0)
                        seen[kind] = order + 1
                        tracks = min(sharing[kind], 3)
                        extra.append(f"t{max(0, tracks - 1 - order)}of{tracks}")
                    self.parts.append(_open(name, ["m", *extra] if index == 0 else extra))
                    opened += 1
        if measure:
            # no line break inside a word: a joiner, which the layout reading counts as no
            # offset, so the article's own joiners are measured as their twin U+FEFF (no width,
            # no break either)
            own = self.text[a:b].replace(WORD_JOINER, ZERO_WIDTH_NO_BREAK)
            if self.joins:  # (escaping leaves joiners alone: escape the joined text once)
                own = "".join(WORD_JOINER + own[i - a] if i in self.joins else own[i - a]
                              for i in range(a, b))
            piece = escape(own)
        else:
            piece = escape(self.text[a:b])
        special = next((c for (s, e), c in self.typeset.items() if s <= a and b <= e), None)
        if not measure and a == self.line_start and special in ("hl", "hb"):
            special = "hr" if special == "hb" else None  # no space before a line's first word
        if not measure and b == self.line_end and special in ("hr", "hb"):
            special = "hl" if special == "hb" else None  # nor after its last
        if measure:
            extra = f' class="{special}"' if special else ""
            self.parts.append(f'<span data-o="{a}"{extra}>{piece}</span>')
        elif special:
            self.parts.append(f'<span class="{special}">{piece}</span>')
        else:
            self.parts.append(str(piece))
        self.parts.append("</span>" * opened)


def word_joins(text: str, words: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The offsets inside the words of `text` (given as (start, end)): each `i` where
    text[i - 1] and text[i] belong to one word, neither of them a space. The measuring pass
    puts a word joiner there, so a line breaks between words only."""
    return frozenset(i for start, end in words for i in range(start + 1, end)
                     if not text[i - 1].isspace() and not text[i].isspace())


def render_article(text: str, marks: Sequence[Mark], style: ArticleStyle,
                   line_starts: Sequence[int] | None = None, joins: Collection[int] = (),
                   widths: Mapping[int, tuple[float, LineWidth]] | None = None,
                   paint: bool = False) -> Markup:
    """The article as HTML. Without `line_starts` (the measuring pass) each paragraph flows
    freely, every text piece carries its offset in `data-o`, a word joiner sits at every
    offset in `joins` (inside a word), and of the marks only what changes the text's width is
    drawn (`paint` draws them all: the tests compare the two); with them, every printed line is
    its own block inside its paragraph, with its number in the margin, so all handouts share
    the same lines. Paragraphs are `<p>` (tagged `/P` in the PDF).

    With `widths` ({line start: (natural width of the line in this copy, its LineWidth)}) the
    lines of a Chinese article (`style.chinese`) are justified: every line of a paragraph but
    its last gets the letter-spacing that ends it at the measure (`lines.letter_spacing`)."""
    writer = _Writer(text, marks, style, paint=paint or line_starts is not None,
                     joins=joins if line_starts is None else ())
    starts = sorted(set(line_starts)) if line_starts is not None else None
    number = 0
    for index, (start, end, after_blank) in enumerate(paragraphs(text)):
        classes = ["para"] + (["sep"] if after_blank else [])
        classes += ["headline"] if style.headline and index == 0 else []
        writer.parts.append(f'<p class="{" ".join(classes)}">')
        if starts is None:
            writer.run(start, end, measure=True)
            writer.parts.append("</p>")
            continue
        inside = [start] + [s for s in starts if start < s < end]
        last = len(inside) - 1
        for at, (a, b) in enumerate(zip(inside, inside[1:] + [end])):
            number += 1
            shown = number if number % style.line_step == 0 or style.line_step == 1 else ""
            fifth = " fifth" if number % 5 == 0 else ""
            # a paragraph's first two and last two lines stay together (no orphan, no widow)
            where = (" first" if at == 0 and last > 0 else "") + (" last" if at == last > 0 else "")
            spacing = None
            if widths and style.chinese and at < last and a in widths:
                natural, width = widths[a]
                spacing = letter_spacing(text[a:b], natural, width.measure, width.font_size)
            spread = f' style="letter-spacing: {spacing:.3f}px"' if spacing else ""
            writer.parts.append(f'<span class="line{where}"{spread}><span class="lno{fifth}">'
                                f'{shown}</span>')
            writer.run(a, b, measure=False)
            writer.parts.append("</span>")
        writer.parts.append("</p>")
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
