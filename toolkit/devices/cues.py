"""Grayscale cues for printed handouts: the vocabulary a catalogue may use, where each one draws,
and the CSS that draws it.

Designed for a school photocopier (black toner, 150 dpi, no colour): every cue is black ink in
one of six places around a run of text, and cues that share a place differ in rhythm (solid,
dashed, dotted, wavy, double) or weight (a thin rule against a band 2.5 times as thick, or a
band's texture). `tests/handouts/test_handouts_cues.py` renders every pair of catalogue cues in
grayscale at 150 dpi and checks that a reader can tell them apart (see that file for the
measure).

Places (`KINDS`; a cue holds at most one primitive of each kind, so the places stack):

    above   a rule over the words            overline-*
    box     a frame close around the words   border-*
    below   a rule or a band under the words underline-*, pattern-*, border-bottom-thick
    sides   brackets at the two ends         bracket
    tint    a light grey behind the words    shade
    weight  the letters themselves           bold

Every marked piece of text is one inline element per primitive, all with the same vertical
padding, so that their background areas are the same *frame*: from `GAP_OUT` em below the ink
of the line to `GAP_OUT` em above it. Rules and bands are background images placed in that
frame at fixed distances from the ink (never touching it, never nearer the neighbouring line
than their own); boxes and brackets are drawn the same way, so nothing depends on where a font
puts its underline or on text-decoration (WeasyPrint draws only one per nesting stack).
Where nested spans use the same place, the writer gives each its own track (`track_css`).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

INK = "#000"

#: Where the ink of a line lies (em, from the baseline) in the Noto CJK fonts the handouts use:
#: ideographs span -0.08..0.84; Latin descenders reach -0.27 and ascenders 0.82.
INK_BANDS = {"zh": (-0.08, 0.84), "en": (-0.27, 0.82)}
#: The content area of an inline box as WeasyPrint (Pango) lays these fonts out, measured on
#: rendered pixels (1 em tall, 0.093 em above the ideographs). Vertical padding extends it.
CONTENT = (-0.065, 0.931)
#: Distances from the ink (em): boxes lie in [BOX_IN, BOX_OUT], rules and bands in
#: [LINE_IN, GAP_OUT]; the frame ends at GAP_OUT.
BOX_IN, BOX_OUT = 0.08, 0.21
LINE_IN, GAP_OUT = 0.22, 0.47
ZONE = GAP_OUT - LINE_IN
#: Padding (em) at the two ends of a box or brackets: their strokes plus room to the glyphs.
SIDE_ROOM = 0.24


@dataclass(frozen=True)
class Primitive:
    """One drawable cue: its place and how it is drawn (background layers, other CSS)."""

    name: str
    kind: str
    layers: tuple[tuple[str, str, str, str], ...] = ()  # (image, size, position, repeat)
    css: str = ""
    sides: bool = False  # draws at the ends: the first and last piece keep side room

    @property
    def changes_width(self) -> bool:
        """Whether the primitive makes the text it marks wider: side room for a box or
        brackets, a heavier weight. Every other primitive only paints (backgrounds in the
        frame's vertical padding), so the measuring pass can leave it out
        (tests/handouts/test_measure.py renders each one to check)."""
        return self.sides or self.kind == "weight"

    def layer_css(self, drop_left: bool = False, drop_right: bool = False) -> str:
        """The background declarations, without the left or right end layers if asked."""
        layers = [layer for layer in self.layers
                  if not (drop_left and "left-end" in layer[2])
                  and not (drop_right and "right-end" in layer[2])]
        if not layers:
            return "background-image: none"
        return (f"background-image: {', '.join(l[0] for l in layers)}; "
                f"background-size: {', '.join(l[1] for l in layers)}; "
                f"background-position: {', '.join(_position(l[2]) for l in layers)}; "
                f"background-repeat: {', '.join(l[3] for l in layers)}")


def _position(place: str) -> str:
    return place.replace("left-end", "left").replace("right-end", "right")


def _svg(width: float, height: float, body: str) -> str:
    """An SVG tile as a data URL; sizes in hundredths of an em."""
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:g}' height='{height:g}' "
           f"viewBox='0 0 {width:g} {height:g}' preserveAspectRatio='none'>"
           f"<g fill='{INK}' stroke='none'>{body}</g></svg>")
    return f"url(data:image/svg+xml;base64,{base64.b64encode(svg.encode('ascii')).decode()})"


def _em(hundredths: float) -> str:
    return f"{hundredths / 100:g}em"


Z = round(ZONE * 100)  # the height of a rule or band tile, in hundredths of an em


def _zone_layer(width: float, body: str, top: bool) -> tuple[str, str, str, str]:
    """A tile repeated along the line in the rule zone above or below the words."""
    return (_svg(width, Z, body), f"{_em(width)} {_em(Z)}",
            "left top" if top else "left bottom", "repeat-x")


# Rules (drawn the same above and below; `top` mirrors them).
def _rule_bodies(top: bool) -> dict[str, tuple[float, str]]:
    def y(at: float, height: float) -> float:  # distance from the ink → tile coordinate
        return at if not top else Z - at - height
    near = 0  # the tile's edge nearest the words is LINE_IN from the ink
    low, high = Z - 2.5, 2.5  # the wave's crests touch both edges of the zone
    wave = (f"M0,{low} C10,{low} 10,{high} 20,{high} C30,{high} 30,{low} 40,{low} "
            f"C50,{low} 50,{high} 60,{high} C70,{high} 70,{low} 80,{low}")
    return {
        "solid": (200, f"<rect x='0' y='{y(near + 4, 10):g}' width='200' height='10'/>"),
        "double": (200, f"<rect x='0' y='{y(near, 7):g}' width='200' height='7'/>"
                        f"<rect x='0' y='{y(near + 18, 7):g}' width='200' height='7'/>"),
        "dotted": (30, f"<circle cx='7' cy='{y(near + 4, 10) + 5:g}' r='5.5'/>"),
        "dashed": (75, f"<rect x='0' y='{y(near + 5, 8):g}' width='48' height='8'/>"),
        "wavy": (80, f"<path d='{wave}' fill='none' stroke='{INK}' stroke-width='5'/>"),
    }


def _band(width: float, body: str) -> tuple[str, str, str, str]:
    return _zone_layer(width, body, top=False)


def _box_layers(style: str) -> tuple[tuple[str, str, str, str], ...]:
    """A frame around the words from background strips: top and bottom edges repeated along
    the line, the two sides placed at the ends (dropped on a piece that continues)."""
    inner = round((GAP_OUT - BOX_IN) * 100)  # frame edge → the box's inner side, hundredths
    if style == "double":  # the outer stroke reaches into the rule zone: two strokes and the
        strokes = ((0, 6), (16, 6))  # gap between them must each be 1.3 px or more at 150 dpi
    elif style == "dotted":
        strokes = ((0, 8),)
    else:
        strokes = ((0, 6),)
    depth = max(a + h for a, h in strokes)
    if style == "dashed":
        width, piece = 45, "<rect x='0' y='{y}' width='28' height='{h}'/>"
    elif style == "dotted":
        width, piece = 18, "<circle cx='5' cy='{c}' r='4'/>"
    else:
        width, piece = 200, "<rect x='0' y='{y}' width='200' height='{h}'/>"

    def edge(top: bool) -> tuple[str, str, str, str]:
        parts = []
        for at, height in strokes:
            y = (depth - at - height) if top else at
            parts.append(piece.format(y=y, h=height, c=y + height / 2))
        position = (f"left 0 top {_em(inner - depth)}" if top
                    else f"left 0 bottom {_em(inner - depth)}")
        return (_svg(width, depth, "".join(parts)), f"{_em(width)} {_em(depth)}", position,
                "repeat-x")

    # The sides run from the top edge to the bottom edge: as tall as the ink band (which
    # depends on the language, filled in by `primitive_css`) plus both edges.
    height = f"band+{2 * (BOX_IN * 100 + depth) / 100:g}em"

    def side(left: bool) -> str:
        if style == "dotted":
            return "".join(f"<circle cx='{depth / 2:g}' cy='{c}' r='4'/>"
                           for c in range(4, 100, 12))
        return "".join(f"<rect x='{depth - at - h if left else at}' y='0' width='{h}' "
                       f"height='100'/>" for at, h in strokes)

    return (edge(True), edge(False),
            (_svg(depth, 100, side(True)), f"{_em(depth)} {height}", "left-end center",
             "no-repeat"),
            (_svg(depth, 100, side(False)), f"{_em(depth)} {height}", "right-end center",
             "no-repeat"))


def _bracket_layers() -> tuple[tuple[str, str, str, str], ...]:
    """[ and ] at the two ends, as tall as the frame, with feet pointing inward."""
    left = ("<rect x='0' y='0' width='7' height='100'/><rect x='0' y='0' width='16' height='5'/>"
            "<rect x='0' y='95' width='16' height='5'/>")
    right = ("<rect x='9' y='0' width='7' height='100'/><rect x='0' y='0' width='16' "
             "height='5'/><rect x='0' y='95' width='16' height='5'/>")
    return ((_svg(16, 100, left), f"{_em(16)} 100%", "left-end top", "no-repeat"),
            (_svg(16, 100, right), f"{_em(16)} 100%", "right-end top", "no-repeat"))


def _tint_layer() -> tuple[str, str, str, str]:
    """Light grey behind the ink band only (not the whole frame, so that the rules of an
    enclosing span stay visible)."""
    return (_svg(10, 10, "<rect x='0' y='0' width='10' height='10' fill='#bdbdbd'/>"),
            "100% band+0.02em", "left center", "no-repeat")


PRIMITIVES: dict[str, Primitive] = {}


def _add(primitive: Primitive) -> None:
    PRIMITIVES[primitive.name] = primitive


for _style, (_width, _body) in _rule_bodies(top=False).items():
    _add(Primitive(f"underline-{_style}", "below", (_zone_layer(_width, _body, top=False),)))
for _style in ("solid", "wavy"):
    _width, _body = _rule_bodies(top=True)[_style]
    _add(Primitive(f"overline-{_style}", "above", (_zone_layer(_width, _body, top=True),)))
for _style in ("solid", "dashed", "dotted", "double"):
    _add(Primitive(f"border-{_style}", "box", _box_layers(_style), sides=True))
_add(Primitive("bracket", "sides", _bracket_layers(), sides=True))
# Bands: the whole rule zone, 2.3 times as thick as the thickest rule, each with its own texture.
_add(Primitive("border-bottom-thick", "below",
               (_band(200, f"<rect x='0' y='0' width='200' height='{Z}'/>"),)))
_add(Primitive("pattern-crosshatch", "below", (_band(
    40, f"<path d='M0,0 L40,{Z} M40,0 L0,{Z}' stroke='{INK}' stroke-width='6' fill='none'/>"),)))
_add(Primitive("pattern-vertical", "below",
               (_band(30, f"<rect x='0' y='0' width='10' height='{Z}'/>"),)))
_add(Primitive("pattern-blocks", "below",
               (_band(48, f"<rect x='0' y='0' width='30' height='{Z}'/>"),)))
_add(Primitive("pattern-dots", "below",
               (_band(60, f"<circle cx='15' cy='{Z / 2:g}' r='{Z / 2:g}'/>"),)))
_add(Primitive("pattern-diagonal", "below", (_band(
    36, f"<path d='M-6,{Z} L12,0 L24,0 L6,{Z} Z M30,{Z} L48,0 L60,0 L42,{Z} Z'/>"),)))
_add(Primitive("pattern-backdiagonal", "below", (_band(
    36, f"<path d='M-6,0 L12,{Z} L24,{Z} L6,0 Z M30,0 L48,{Z} L60,{Z} L42,0 Z'/>"),)))
_add(Primitive("pattern-horizontal", "below", (_band(
    20, f"<rect x='0' y='0' width='20' height='7'/><rect x='0' y='{Z - 7}' width='20' "
        "height='7'/>"),)))
_add(Primitive("pattern-checker", "below", (_band(
    48, f"<rect x='0' y='0' width='24' height='{Z / 2:g}'/>"
        f"<rect x='24' y='{Z / 2:g}' width='24' height='{Z / 2:g}'/>"
        f"<rect x='0' y='0' width='48' height='2.5'/>"
        f"<rect x='0' y='{Z - 2.5:g}' width='48' height='2.5'/>"),)))
_add(Primitive("shade", "tint", (_tint_layer(),)))
_add(Primitive("bold", "weight", css="font-weight: bold"))

#: The order in which the vocabulary is listed (in messages and `mlt devices`).
_ORDER = ("underline-solid", "underline-double", "underline-dotted", "underline-dashed",
          "underline-wavy", "overline-solid", "overline-wavy", "border-solid", "border-dashed",
          "border-dotted", "border-double", "border-bottom-thick", "bracket", "pattern-diagonal",
          "pattern-backdiagonal", "pattern-crosshatch", "pattern-dots", "pattern-horizontal",
          "pattern-vertical", "pattern-blocks", "pattern-checker", "shade", "bold")
assert set(_ORDER) == set(PRIMITIVES)
PRIMITIVES = {name: PRIMITIVES[name] for name in _ORDER}
#: kind of each primitive: at most one primitive of a kind in one cue.
KINDS: dict[str, str] = {name: p.kind for name, p in PRIMITIVES.items()}
#: Places that nested spans share by tracks (the others stack by nature: a box inside a box is
#: smaller, a tint inside a tint is the same grey).
TRACKED = ("above", "below")


def frame_css(lang: str) -> dict[str, str]:
    """The frame of every marked piece for article language `lang`: padding that makes the
    background area reach GAP_OUT em beyond the ink, and the heights of box sides and tints."""
    bottom, top = INK_BANDS.get(lang, INK_BANDS["zh"])
    pad_top = top + GAP_OUT - CONTENT[1]
    pad_bottom = -bottom + GAP_OUT + CONTENT[0]
    band = top - bottom
    return {"padding": f"padding-top: {pad_top:.3f}em; padding-bottom: {pad_bottom:.3f}em",
            "band": f"{band:.3f}", "line_height_min": f"{band + 2 * GAP_OUT + 0.08:.2f}"}


def primitive_css(name: str, lang: str, drop_left: bool = False, drop_right: bool = False) -> str:
    """The CSS declarations of one primitive in an article of language `lang`."""
    primitive = PRIMITIVES[name]
    frame = frame_css(lang)
    parts = []
    if primitive.layers:
        band = float(frame["band"])
        parts.append(re.sub(r"band\+([0-9.]+)em",
                            lambda m: f"{band + float(m.group(1)):.3f}em",
                            primitive.layer_css(drop_left, drop_right)))
    if primitive.css:
        parts.append(primitive.css)
    return "; ".join(parts)


def track_css(name: str, track: int, tracks: int) -> str:
    """Background size and position that put an above/below primitive in track `track` (0 is
    nearest the words) of `tracks` sharing its zone: each track is 1/tracks of the zone."""
    primitive = PRIMITIVES[name]
    (image, size, position, repeat), = primitive.layers
    width, height = (float(v.removesuffix("em")) for v in size.split())
    share = height / tracks
    offset = (tracks - 1 - track) * share
    edge = "top" if position.endswith("top") else "bottom"
    return (f"background-size: {width / tracks:g}em {share:g}em; "
            f"background-position: left 0 {edge} {offset:g}em")


def css_for(cue: tuple[str, ...], lang: str = "zh") -> str:
    """The CSS declarations of a whole cue (its primitives joined) for a swatch on one
    element; the handouts draw each primitive on its own element instead."""
    return "; ".join(primitive_css(name, lang) for name in cue)


def check_cue(cue: object) -> str | None:
    """None when `cue` is a valid list of primitives, else what is wrong and what is allowed."""
    if (not isinstance(cue, list) or not 1 <= len(cue) <= 2
            or not all(isinstance(name, str) for name in cue)):
        return f"must be a list of 1 or 2 cue names (allowed: {', '.join(KINDS)})"
    unknown = [name for name in cue if name not in KINDS]
    if unknown:
        return (f"unknown cue {unknown[0]!r} (allowed: {', '.join(KINDS)})")
    kinds = [KINDS[name] for name in cue]
    if len(set(kinds)) != len(kinds):
        return f"{cue[0]!r} and {cue[1]!r} are both of kind {kinds[0]!r}; use one of each kind"
    return None


#: CSS declarations of each primitive (the Chinese frame), for inspection and overlays.
CSS: dict[str, str] = {name: primitive_css(name, "zh") for name in PRIMITIVES}
