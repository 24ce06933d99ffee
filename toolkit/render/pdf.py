"""The one seam to WeasyPrint: HTML → tagged PDF with a restricted URL fetcher, a font check that
fails on missing glyphs instead of printing empty boxes, page counts, and where a layout breaks
its lines. No other module imports WeasyPrint or looks inside its boxes.

WeasyPrint is imported inside the functions, so that importing this module (and every command
that does not render, and the no-change rebuild) does not pay for loading it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlparse

from ..errors import ToolkitError
from .fonts import missing_font_message
from .typeset import (NOT_TEXT, Char, LaidLine, Paragraph, Piece, PieceInfo, break_lines, keep,
                      line_records, probe_page, read_kept, read_paragraphs)

PDF_VARIANT = "pdf/ua-1"


class RenderError(ToolkitError):
    """WeasyPrint could not render a document properly."""


class MissingFontError(RenderError):
    """Some characters have no glyph in any installed font (WeasyPrint drew `.notdef` boxes)."""


class Pdf(NamedTuple):
    """A rendered PDF: its bytes, its page count and what WeasyPrint warned about. When the
    render checked its printed lines (`Renderer.pdf(..., lines=...)`) and some reach past the
    measure, `overfull` holds (index of the line, how far past in CSS px) for each, and no
    PDF was written (`data` is empty)."""

    data: bytes
    pages: int
    warnings: list[str]
    overfull: tuple[tuple[int, float], ...] = ()


#: How far a printed line may reach past its measure (CSS px, about 0.1 mm) before it counts as
#: over-full: widths the typesetter predicts match the layout's to within 1e-12 px.
OVERFULL = 0.4


def fetcher_class() -> type:
    """The restricted URL fetcher class (a `weasyprint.urls.URLFetcher` subclass)."""
    from weasyprint.urls import URLFetcher

    class RestrictedFetcher(URLFetcher):
        """Fetches `data:` URLs and files inside one folder; refuses everything else."""

        def __init__(self, root: Path) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.root = Path(root).resolve()
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if self.allows(url):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"refused by the handout renderer (only data: URLs and files "
                             f"under {self.root} may be read): {url[:120]}")

        def allows(self, url: str) -> bool:
            """True for a data: URL or a file: URL naming a file inside the root folder."""
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return True
            if scheme != "file":
                return False
            parsed = urlparse(url)
            if parsed.netloc not in ("", "localhost"):
                return False
            path = Path(unquote(parsed.path)).resolve()
            return path.is_file() and path.is_relative_to(self.root)

    return RestrictedFetcher


def restricted_fetcher(root: Path) -> Any:
    """A fetcher allowing only `data:` URLs and files under `root` (a templates folder)."""
    return fetcher_class()(root)


class _Collector(logging.Handler):
    """Collects what WeasyPrint logs at warning level and above during one render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collecting() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def _offset_of(box: Any, attribute: str) -> int | None:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return None
    value = element.get(attribute)
    return int(value) if value is not None else None


def _sides(box: Any) -> float:
    return sum(getattr(box, f"{what}_{side}", 0) or 0 for what in ("margin", "padding")
               for side in ("left", "right")) + sum(
        getattr(box, f"border_{side}_width", 0) or 0 for side in ("left", "right"))


def _width_in_weight(box: Any, weight: Any) -> float:
    """The width of a text box's text set in another font weight (Pango, as WeasyPrint lays
    out text)."""
    from weasyprint.text.line_break import Layout, line_size

    style = box.style.copy()
    style["font_weight"] = weight
    layout = Layout(style)
    layout.set_text(box.text)
    line, _ = layout.get_first_line()
    return float(line_size(line, style)[0])


def _laid_lines(document: Any, attribute: str) -> list[LaidLine]:
    """Walk the laid-out line boxes: for each line holding text of an element with an integer
    `attribute`, the attribute's value plus the characters of that element on earlier lines
    (characters of NOT_TEXT not counted), and the line's widths."""
    consumed: dict[int, int] = {}
    found: list[LaidLine] = []

    def lines(box: Any, parent: Any) -> Iterator[tuple[Any, Any]]:
        if type(box).__name__ == "LineBox":
            yield box, parent
            return
        for child in getattr(box, "children", ()):
            yield from lines(child, box)

    def leaves(box: Any, parent: Any) -> Iterator[tuple[Any, Any]]:
        yield box, parent
        for child in getattr(box, "children", ()):
            yield from leaves(child, box)

    for page in document.pages:
        for line, block in lines(page._page_box, None):
            first = None
            text_width = 0.0
            texts: list[Any] = []  # the inline boxes holding the offset-carrying text
            for box, parent in leaves(line, None):
                if box is line:
                    continue
                text = getattr(box, "text", None)
                base = _offset_of(box, attribute)
                if base is None:
                    continue
                if text is None:  # the element's inline box: its sides count as its text's
                    text_width += _sides(box)
                    continue
                if not text:
                    continue
                weight = block.style["font_weight"]
                text_width += (box.width if box.style["font_weight"] == weight
                               else _width_in_weight(box, weight))
                texts.append(parent if parent is not None and parent.element is box.element
                             else box)
                key = id(box.element)
                position = consumed.get(key, 0)
                if first is None:
                    first = base + position
                consumed[key] = position + len(text) - sum(text.count(c) for c in NOT_TEXT)
            if first is None:
                continue
            left = block.content_box_x()
            right = max((c.position_x + c.margin_width() for c in line.children), default=left)
            edges = (getattr(texts[0], "margin_left", 0) or 0) + (
                getattr(texts[-1], "margin_right", 0) or 0)
            found.append(LaidLine(first, right - left - edges, text_width - edges, block.width,
                                  block.style["font_size"]))
    return found


def _typesettable(style: Any) -> bool:
    """Whether a paragraph is styled the way `typeset.break_lines` fills lines: `pre-wrap`,
    breaking long words anywhere, set from the left with no indent, no extra spacing, no
    hyphenation or case change, left to right. A page styled otherwise is laid out."""
    indent = style["text_indent"]
    return (style["white_space"] == "pre-wrap" and style["overflow_wrap"] == "anywhere"
            and style["word_break"] == "normal" and style["text_align_all"] in ("start", "left")
            and getattr(indent, "value", indent) == 0 and style["letter_spacing"] == "normal"
            and style["word_spacing"] == 0 and style["direction"] == "ltr"
            and style["hyphens"] in ("manual", "none") and style["text_transform"] == "none")


def _room(box: Any) -> tuple[float, float]:
    """An inline box's margin, border and padding at its left and right ends."""
    left, right = ((getattr(box, f"margin_{side}", 0) or 0)
                   + (getattr(box, f"padding_{side}", 0) or 0)
                   + (getattr(box, f"border_{side}_width", 0) or 0) for side in ("left", "right"))
    return left, right


class _Probe(NamedTuple):
    """What laying out a probe page tells (`typeset.probe_page`): per (paragraph class, chain)
    the text's computed style, each element's side room and margins; per paragraph class its
    measure and style."""

    styles: dict[tuple[str, tuple[str, ...]], Any]
    room: dict[tuple[str, tuple[str, ...]], tuple[float, float]]
    margins: dict[tuple[str, tuple[str, ...]], tuple[float, float]]
    blocks: dict[str, tuple[float, Any]]


def _read_probe(document: Any, keys: list[tuple[str, tuple[str, ...]]]) -> _Probe:
    probe = _Probe({}, {}, {}, {})

    def walk(box: Any, block: Any) -> None:
        element = getattr(box, "element", None)
        kind = type(box).__name__
        if kind == "BlockBox" and element is not None and element.tag == "p":
            block = box
            probe.blocks.setdefault(element.get("class"), (box.width, box.style))
        mark = element.get("data-k") if element is not None and hasattr(element, "get") else None
        if mark is not None and block is not None:
            css_class = block.element.get("class")
            if "." in mark:
                k, j = (int(v) for v in mark.split("."))
                chain = keys[k][1]
                if kind == "InlineBox":
                    probe.room.setdefault((css_class, chain[:j + 1]), _room(box))
                    probe.margins.setdefault((css_class, chain[:j + 1]),
                                             (box.margin_left or 0, box.margin_right or 0))
                elif kind == "TextBox" and j == len(chain) - 1:
                    probe.styles.setdefault((css_class, chain), box.style)
            elif kind == "TextBox":
                probe.styles.setdefault((css_class, ()), box.style)
        for child in getattr(box, "children", ()):
            walk(child, block)

    for page in document.pages:
        walk(page._page_box, None)
    return probe


class _Advances:
    """Per-character advances of text in a computed style, from Pango as WeasyPrint shapes a
    text box (one layout per style, reused)."""

    def __init__(self) -> None:
        self.layouts: dict[Any, Any] = {}

    def __call__(self, text: str, style: Any, key: Any) -> list[float]:
        from weasyprint.text.ffi import FROM_UNITS, ffi, pango
        from weasyprint.text.line_break import Layout

        layout = self.layouts.get(key)
        if layout is None:
            layout = self.layouts[key] = Layout(style)
        layout.set_text(text)
        line = pango.pango_layout_get_line_readonly(layout.layout, 0)
        by_byte: dict[int, int] = {}
        run = line.runs
        while run != ffi.NULL:
            glyphs, base = run.data.glyphs, run.data.item.offset
            for g in range(glyphs.num_glyphs):
                at = base + glyphs.log_clusters[g]
                by_byte[at] = by_byte.get(at, 0) + glyphs.glyphs[g].geometry.width
            run = run.next
        advances, at = [], 0
        for ch in text:
            advances.append(by_byte.get(at, 0) * FROM_UNITS)
            at += len(ch.encode("utf-8"))
        if style["letter_spacing"] != "normal" and advances:
            advances[-1] += style["letter_spacing"]  # as WeasyPrint sizes a text box
        return advances


def _break_opportunities(text: str, style: Any) -> list[bool]:
    """allowed[i]: Unicode line breaking (Pango) allows a break before character i."""
    from weasyprint.text.ffi import ffi, pango

    data = text.encode("utf-8")
    attrs = ffi.new("PangoLogAttr[]", len(text) + 1)
    language = pango.pango_language_from_string(ffi.new("char[]", (style["lang"] or "").encode()))
    pango.pango_get_log_attrs(data, len(data), -1, language, attrs, len(text) + 1)
    return [bool(attrs[i].is_line_break) for i in range(len(text) + 1)]


def _typeset_paragraph(paragraph: Paragraph, probe: _Probe,
                       advances: _Advances) -> list[LaidLine] | None:
    """One paragraph's lines: its characters measured in their styles, each element's side
    room put before its first and after its last character, broken by `typeset.break_lines`
    where Unicode allows; None when the probe lacks a style or element it uses."""
    measure, style = probe.blocks[paragraph.css_class]
    weight = style["font_weight"]
    chars: list[Char] = []
    pieces: list[PieceInfo] = []
    pending = 0.0
    for item in paragraph.items:
        if isinstance(item, Piece):
            key = (paragraph.css_class, item.chain)
            own = probe.styles.get(key)
            if own is None:
                return None
            advance = advances(item.text, own, key)
            plain = advance
            if item.offset is not None and own["font_weight"] != weight:
                heavier = own.copy()
                heavier["font_weight"] = weight
                plain = advances(item.text, heavier, (*key, "plain"))
            first, position = len(chars), 0
            for ch, width, normal in zip(item.text, advance, plain):
                offset = None
                if item.offset is not None and ch not in NOT_TEXT:
                    offset = item.offset + position
                    position += 1
                chars.append(Char(ch, width, normal, offset, len(pieces)))
            chars[first].before += pending
            pending = 0.0
            inner = key if item.chain else None
            pieces.append(PieceInfo(item.offset is not None,
                                    probe.margins.get(inner, (0.0, 0.0)) if inner else (0.0, 0.0),
                                    probe.room.get(inner, (0.0, 0.0)) if inner else (0.0, 0.0),
                                    first, len(chars) - 1))
        else:
            end, chain = item  # type: ignore[misc]
            room = probe.room.get((paragraph.css_class, chain))
            if room is None:
                return None
            if end == "open":
                pending += room[0]
            elif chars:
                chars[-1].after += room[1]
    if not chars:
        return []
    allowed = _break_opportunities("".join(c.ch for c in chars), style)
    return line_records(chars, pieces, break_lines(chars, allowed, measure), measure,
                        style["font_size"])


def _overfull(document: Any, css_class: str) -> tuple[tuple[int, float], ...]:
    """(index, excess px) of each block of class `css_class` whose content reaches more than
    OVERFULL past the block's width; spaces ending the line and the letter-spacing after its
    last character (both blank) are not counted."""
    advances = _Advances()
    found: list[tuple[int, float]] = []
    index = 0

    def blocks(box: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        if (type(box).__name__ == "BlockBox" and element is not None and hasattr(element, "get")
                and css_class in (element.get("class") or "").split()):
            yield box
            return
        for child in getattr(box, "children", ()):
            yield from blocks(child)

    def texts(box: Any) -> Iterator[Any]:
        if getattr(box, "text", None) is not None:
            yield box
        for child in getattr(box, "children", ()):
            yield from texts(child)

    for page in document.pages:
        for block in blocks(page._page_box):
            right = block.content_box_x()
            for line in block.children:
                for child in line.children:
                    right = max(right, child.position_x + child.margin_width())
            last = next((t for t in reversed(list(texts(block))) if t.text), None)
            if last is not None:
                blank = last.text[len(last.text.rstrip(" ")):]
                if blank:
                    right -= sum(advances(blank, last.style, id(last.style)))
                elif last.style["letter_spacing"] != "normal":
                    right -= last.style["letter_spacing"]
            excess = right - (block.content_box_x() + block.width)
            if excess > OVERFULL:
                found.append((index, excess))
            index += 1
    return tuple(found)


#: A style sheet in a page's head as the templates write it: a file linked by a plain name, or
#: a `<style>` element.
_SHEET = re.compile(r'<link rel="stylesheet" href="([A-Za-z0-9_.-]+)">|<style>(.*?)</style>', re.S)
#: What could make a sheet cascade otherwise when given to WeasyPrint than when in the page.
_ORIGIN_SENSITIVE = re.compile(r"!\s*important|@(?:import|layer|font-face|counter-style)", re.I)


def _head_sheets(html: str) -> tuple[str, list[tuple[str | None, str | None]]] | None:
    """`html` without the style sheets of its head, and those sheets in order: (file name,
    None) for a linked file, (None, text) for a `<style>` element. None when the head has
    another kind of style source or a `<style>` that could cascade otherwise if given to
    WeasyPrint (`Renderer._render` says why). The head is the templates' own: article text
    never reaches it unescaped."""
    end = html.find("</head>")
    if end < 0:
        return None
    head = html[:end]
    found = list(_SHEET.finditer(head))
    if not found or head.count("<style") + head.count("<link") != len(found):
        return None
    if any(m.group(2) is not None and _ORIGIN_SENSITIVE.search(m.group(2)) for m in found):
        return None
    return _SHEET.sub("", head) + html[end:], [(m.group(1), m.group(2)) for m in found]


class Renderer:
    """Renders HTML strings with one font configuration, reading files only from `base`."""

    def __init__(self, base: Path) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.base = Path(base)
        self.fonts = FontConfiguration()
        self._linked: dict[str, Any] = {}  # a style sheet file of `base`, parsed once

    def _render(self, html: str, **options: Any) -> Any:
        """WeasyPrint's layout of `html`, its head's style sheets given to WeasyPrint parsed,
        a linked file parsed once for every render of this renderer: parsing the handouts'
        sheet takes WeasyPrint about 0.09 s, as long as laying out a small page, and a
        lesson's first build lays its article out twice (the typesetter's probe page and the
        final render).

        WeasyPrint ranks the sheets it is given in the user origin, below the page's own
        (author) sheets. Every sheet moves, in the same order, so they rank among themselves
        as before; style attributes stay the author's and win over all of them, as before;
        only `!important`, `@layer`, `@import`, `@font-face` and `@counter-style` could
        cascade otherwise, and a page or linked file holding them is rendered as it is. The
        PDFs are byte-identical either way (tests/handouts/test_render_sheets.py)."""
        from weasyprint import HTML

        fetcher = restricted_fetcher(self.base)
        found = _head_sheets(html)
        sheets = None if found is None else self._parsed(found[1], fetcher)
        if sheets is not None:
            html = found[0]
        document = HTML(string=html, base_url=str(self.base), url_fetcher=fetcher)
        return document.render(font_config=self.fonts, stylesheets=sheets, **options)

    def _parsed(self, sources: list[tuple[str | None, str | None]],
                fetcher: Any) -> list[Any] | None:
        """The parsed sheets of `_head_sheets` (a linked file once per renderer), or None
        when a linked file is not a file of `base` or could cascade otherwise."""
        from weasyprint import CSS

        sheets = []
        for name, text in sources:
            if name is None:
                sheets.append(CSS(string=text, base_url=str(self.base), url_fetcher=fetcher,
                                  font_config=self.fonts))
                continue
            if name not in self._linked:
                path = self.base / name
                content = None
                if fetcher.allows(path.resolve().as_uri()):  # as WeasyPrint would fetch it
                    try:
                        content = path.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        pass
                self._linked[name] = (
                    None if content is None or _ORIGIN_SENSITIVE.search(content) else
                    CSS(string=content, base_url=path.as_uri(), url_fetcher=fetcher,
                        font_config=self.fonts))
            if self._linked[name] is None:
                return None
            sheets.append(self._linked[name])
        return sheets

    def line_starts(self, html: str, attribute: str = "data-o") -> list[int]:
        """Lay `html` out (no PDF) and return where each printed line starts: text in elements
        carrying an integer `attribute` (an offset into some text) counts, a line's start is
        the offset of its first such character (word joiners, NOT_TEXT, are no characters).
        Warnings are ignored here; the final render of the same text reports them."""
        return [line.start for line in self.lines(html, attribute)]

    def lines(self, html: str, attribute: str = "data-o") -> list[LaidLine]:
        """Lay `html` out (no PDF) and return each printed line that holds text of elements
        carrying `attribute`: where it starts (as `line_starts`) and its widths (`LaidLine`)."""
        with _collecting():
            document = self._render(html)
        return _laid_lines(document, attribute)

    def typeset(self, html: str, attribute: str = "data-o") -> list[LaidLine] | None:
        """The lines of a measuring page (as `lines` reads them from a layout), broken by
        `typeset` with WeasyPrint's text layer instead of laying the page out: only a small
        probe page (one sample of every style and element the page uses) is laid out. None
        when the page holds what the typesetter cannot read or is styled otherwise; the
        caller then lays it out (`lines`)."""
        kept = self._kept(html, attribute)
        earlier = read_kept(kept)
        if earlier is not None:
            return earlier
        paragraphs = read_paragraphs(html, attribute)
        if paragraphs is None:
            return None
        page, keys = probe_page(html, paragraphs)
        with _collecting():
            probe = _read_probe(self._render(page), keys)
        if not all(_typesettable(style) for _, style in probe.blocks.values()):
            return None
        advances = _Advances()
        found: list[LaidLine] = []
        for paragraph in paragraphs:
            if paragraph.css_class not in probe.blocks:
                return None
            lines = _typeset_paragraph(paragraph, probe, advances)
            if lines is None:
                return None
            found.extend(lines)
        keep(kept, found)
        return found

    def _kept(self, html: str, attribute: str) -> Path:
        """Where the typeset lines of `html` are kept in the cache folder: named by a digest
        of the page and of what else its lines depend on: the style sheets beside the
        templates, the fonts fontconfig knows (its cache and configuration folders change when
        fonts are added or removed), the WeasyPrint and Pango versions, and the typesetter's
        own code. A stale entry cannot print a line past its measure: the final render checks
        every line (`pdf(..., lines=...)`)."""
        import hashlib
        import os

        import weasyprint
        from weasyprint.text.ffi import pango

        from ..cache import cache_folder

        home = Path.home()
        config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
        watched = [*sorted(self.base.glob("*.css")), Path(__file__),
                   Path(__file__).with_name("typeset.py"), Path("/etc/fonts"),
                   Path("/etc/fonts/conf.d"), Path("/var/cache/fontconfig"),
                   cache_folder().parent / "fontconfig", config / "fontconfig",
                   home / ".fonts", home / ".local/share/fonts"]
        stamps = []
        for path in watched:
            try:
                info = path.stat()
            except OSError:
                stamps.append(f"{path} -")
                continue
            stamps.append(f"{path} {info.st_size}:{info.st_mtime_ns}")
        stamp = (f"lines 1 {attribute} weasyprint {weasyprint.__version__} "
                 f"pango {pango.pango_version()}\n" + "\n".join(stamps))
        digest = hashlib.sha256(f"{stamp}\0{html}".encode()).hexdigest()[:40]
        return cache_folder("lines") / f"{digest}.json"

    def page_count(self, html: str) -> int:
        """How many pages `html` lays out to (no PDF is written)."""
        with _collecting():
            return len(self._render(html).pages)

    def pdf(self, html: str, what: str, lines: str | None = None) -> Pdf:
        """Render `html` to a tagged PDF. A `.notdef` warning (a character no installed font
        has) raises MissingFontError naming the font packages; `what` names the output.

        `lines`: the class of the blocks that each print one line (`white-space: pre`, so
        they never wrap): the layout is checked first, and when one reaches more than OVERFULL
        past its block's width the PDF is not written (`Pdf.overfull` says which)."""
        with _collecting() as log:
            document = self._render(html, pdf_variant=PDF_VARIANT, pdf_tags=True)
            overfull = _overfull(document, lines) if lines else ()
            data = b"" if overfull else document.write_pdf(pdf_variant=PDF_VARIANT,
                                                           pdf_tags=True)
        notdef = [m for m in log.messages if ".notdef" in m]
        if notdef:
            raise MissingFontError(missing_font_message(notdef, what))
        return Pdf(data, len(document.pages), log.messages, overfull)
