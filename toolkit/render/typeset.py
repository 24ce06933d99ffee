"""Breaking an article's lines ourselves, as a typesetter does, instead of asking a layout.

The measuring page (toolkit/handouts: the article flowing, every text piece in an element
carrying its offset) is read here as plain data: paragraphs of `<span>` elements and text. The
WeasyPrint seam (`pdf.Renderer.typeset`) measures it with WeasyPrint's own text layer (Pango):
how wide every character is in its element's computed style, how much room each element's
margins, borders and padding take at its two ends, and where Unicode line breaking (UAX #14, as
Pango applies it) allows a break. This module then fills each line greedily to the measure,
the way WeasyPrint fills a `white-space: pre-wrap` paragraph (spaces at a line's end hang), and
reports each line as `LaidLine`, exactly as reading the laid-out page would.

Nothing here imports WeasyPrint. A page this module cannot read (an element other than
`<span>` in a paragraph, a soft hyphen, a tab) gives None, and the caller lays the page out.

The lines of a measuring page are kept in the user's cache folder (`read_kept`, `keep`), under
a name the seam makes from the page and from everything else its lines depend on (the style
sheets, the fonts, WeasyPrint, Pango and this code), so that building a lesson's handouts
again, or one of them alone, does not measure its article again.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..cache import keep_entry, read_entry


class LaidLine(NamedTuple):
    """One line as a layout broke it (widths in CSS px): where it starts (an offset), how wide
    its content is (`width`), how wide only the text of the offset-carrying elements is, set in
    its block's font weight (a mark may set letters bold), with their own margins, padding and
    borders (`text_width`), how wide the line could be
    (`measure`: its block's content width) and the block's font size. Both widths leave out a
    margin of an offset-carrying element at the very start or end of the line (a printed line
    drops those)."""

    start: int
    width: float
    text_width: float
    measure: float
    font_size: float


#: Characters that mark up the measured text without being part of it (a word joiner between
#: the characters of one word keeps a line from breaking there): they count as no offset.
NOT_TEXT = "\u2060"

_PARAGRAPH = re.compile(r'<p class="([^"<>]*)">(.*?)</p>', re.S)
_TOKEN = re.compile(r"<span((?:\s[^<>]*)?)>|</span>|([^<]+)|(<)")
_VOLATILE = re.compile(r' data-n="\d+"|url\([^)]*\)')
#: What this module cannot typeset: soft hyphens (hyphenation), tabs, line breaks in a piece.
_UNSUPPORTED = re.compile("[\u00ad\t\n\r]")


@dataclass(frozen=True)
class Piece:
    """A run of text in its chain of open elements: `chain` names them (their attributes, with
    the offset, callout number and image left out, so that pieces styled alike share a key),
    `tags` are the attributes as written (to rebuild one in a probe), `offset` the offset of its
    first character when its innermost element carries the offset attribute."""

    chain: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    offset: int | None


@dataclass
class Paragraph:
    """One `<p>` of the page: its class and its content in order, as pieces and element ends
    (`("open", chain)` and `("close", chain)` with the chain up to that element)."""

    css_class: str
    items: list[object] = field(default_factory=list)


def read_paragraphs(page: str, attribute: str = "data-o") -> list[Paragraph] | None:
    """The paragraphs of a measuring page, or None when it holds what this module cannot
    typeset."""
    offset_of = re.compile(rf'\s{re.escape(attribute)}="(\d+)"')
    found: list[Paragraph] = []
    for match in _PARAGRAPH.finditer(page):
        paragraph = Paragraph(match.group(1))
        keys: list[str] = []
        tags: list[str] = []
        for token in _TOKEN.finditer(match.group(2)):
            opened, text, other = token.group(1), token.group(2), token.group(3)
            if other is not None:
                return None
            if opened is not None:
                tags.append(opened)
                keys.append(offset_of.sub(f' {attribute}=""', _VOLATILE.sub("", opened)))
                paragraph.items.append(("open", tuple(keys)))
            elif text is not None:
                text = html_module.unescape(text)
                if _UNSUPPORTED.search(text):
                    return None
                offset = offset_of.search(tags[-1]) if tags else None
                paragraph.items.append(Piece(tuple(keys), tuple(tags), text,
                                             int(offset.group(1)) if offset else None))
            else:
                if not keys:
                    return None
                paragraph.items.append(("close", tuple(keys)))
                keys.pop()
                tags.pop()
        if keys:
            return None
        found.append(paragraph)
    return found or None


def probe_page(page: str,
               paragraphs: list[Paragraph]) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """A small page with the measuring page's head and containers holding, for each paragraph
    class, one sample character in every chain of elements used in it: laying it out gives
    each chain's computed style and each element's side room. Elements are numbered
    `data-k="K.J"` (chain K, element J of it); a piece outside any element gets `data-k="K"`.
    Returns the page and the (paragraph class, chain) of each K."""
    head = page.index("<p ")
    tail = page.rindex("</p>") + len("</p>")
    chains: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {}
    for paragraph in paragraphs:
        for item in paragraph.items:
            if isinstance(item, Piece):
                chains.setdefault(paragraph.css_class, {}).setdefault(item.chain, item.tags)
    body: list[str] = []
    keys: list[tuple[str, tuple[str, ...]]] = []
    for css_class, used in chains.items():
        body.append(f'<p class="{css_class}">')
        for chain, tags in used.items():
            k = len(keys)
            keys.append((css_class, chain))
            if not tags:
                body.append(f'<span data-k="{k}">\u56fd</span>')
                continue
            body.append("".join(f'<span{tag} data-k="{k}.{j}">' for j, tag in enumerate(tags))
                        + "\u56fd" + "</span>" * len(tags))
        body.append("</p>")
    return page[:head] + "".join(body) + page[tail:], keys


@dataclass
class Char:
    """One character of a paragraph as laid out: its advance in its own style (`advance`) and
    set in the paragraph's weight (`plain`), the side room of elements opening before it and
    closing after it, its offset (None for markup such as callouts and word joiners), and the
    index of its piece."""

    ch: str
    advance: float
    plain: float
    offset: int | None
    piece: int
    before: float = 0.0
    after: float = 0.0

    @property
    def width(self) -> float:
        return self.before + self.advance + self.after


@dataclass(frozen=True)
class PieceInfo:
    """A piece's place among a paragraph's characters and its element's room: whether it
    carries offsets, its element's margins (left, right) and whole side room (left, right)."""

    offsets: bool
    margins: tuple[float, float]
    sides: tuple[float, float]
    first: int
    last: int


#: How far past the measure a line may reach and still count as fitting (CSS px): the layout
#: compares in Pango units of 1/1024 px.
FIT = 1e-3


def break_lines(chars: list[Char], allowed: list[bool], measure: float) -> list[tuple[int, int]]:
    """(start, end) of each line: as many characters as fit in `measure`, broken at the last
    place `allowed` (allowed[i]: a break may come before character i) where they fit, spaces at
    a line's end not counted (they hang, as in `pre-wrap`); a run that fits nowhere is broken
    between characters (`overflow-wrap: anywhere`)."""
    lines: list[tuple[int, int]] = []
    count = len(chars)
    start = 0
    while start < count:
        x = inked = 0.0
        fits: int | None = None
        end = start
        while end < count:
            char = chars[end]
            x += char.width
            if char.ch != " ":
                inked = x
            end += 1
            if end == count or allowed[end]:
                if inked <= measure + FIT:
                    fits = end
                else:
                    break
        if fits is None:
            x, end = 0.0, start
            while end < count and (end == start or x + chars[end].width <= measure + FIT):
                x += chars[end].width
                end += 1
            fits = end
        lines.append((start, fits))
        start = fits
    return lines


def line_records(chars: list[Char], pieces: list[PieceInfo], lines: list[tuple[int, int]],
                 measure: float, font_size: float) -> list[LaidLine]:
    """Each line holding offset-carrying text as a LaidLine (the same figures
    `pdf._laid_lines` reads from a laid-out page)."""
    found: list[LaidLine] = []
    for start, end in lines:
        first = next((c.offset for c in chars[start:end] if c.offset is not None), None)
        if first is None:
            continue
        width = sum(c.width for c in chars[start:end])
        carried = [p for p in dict.fromkeys(c.piece for c in chars[start:end])
                   if pieces[p].offsets]
        text_width = 0.0
        for index in carried:
            piece = pieces[index]
            on_line = chars[max(start, piece.first):min(end, piece.last + 1)]
            text_width += sum(c.plain for c in on_line)
            text_width += (piece.sides[0] if start <= piece.first else 0.0) + (
                piece.sides[1] if piece.last < end else 0.0)
        edges = 0.0
        if carried:
            head, tail = pieces[carried[0]], pieces[carried[-1]]
            edges = (head.margins[0] if start <= head.first else 0.0) + (
                tail.margins[1] if tail.last < end else 0.0)
        found.append(LaidLine(first, width - edges, text_width - edges, measure, font_size))
    return found


def read_kept(path: Path | None) -> list[LaidLine] | None:
    """The lines kept in `path` by `keep`; None when there are none or the file is damaged (a
    cache that cannot be read is empty, never an error)."""
    data = read_entry(path)
    if not isinstance(data, list) or not data:
        return None
    lines: list[LaidLine] = []
    for item in data:
        if not (isinstance(item, list) and len(item) == len(LaidLine._fields)
                and isinstance(item[0], int) and not isinstance(item[0], bool)
                and all(isinstance(x, float) for x in item[1:])):
            return None
        if lines and item[0] <= lines[-1].start:
            return None
        lines.append(LaidLine(*item))
    return lines


def keep(path: Path | None, lines: list[LaidLine]) -> None:
    """Keep `lines` in `path` for `read_kept` (quietly not, when it cannot be written). JSON
    writes floats as `repr` does, so they read back exactly."""
    if lines:
        keep_entry(path, [[line.start, *map(float, line[1:])] for line in lines])
