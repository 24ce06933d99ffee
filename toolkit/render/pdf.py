"""The one seam to WeasyPrint: HTML → tagged PDF with a restricted URL fetcher, a font check that
fails on missing glyphs instead of printing empty boxes, page counts, and where a layout breaks
its lines. No other module imports WeasyPrint or looks inside its boxes.

WeasyPrint is imported inside the functions, so that importing this module (and every command
that does not render, and the no-change rebuild) does not pay for loading it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlparse

from ..errors import ToolkitError
from .fonts import missing_font_message

PDF_VARIANT = "pdf/ua-1"


class RenderError(ToolkitError):
    """WeasyPrint could not render a document properly."""


class MissingFontError(RenderError):
    """Some characters have no glyph in any installed font (WeasyPrint drew `.notdef` boxes)."""


class Pdf(NamedTuple):
    """A rendered PDF: its bytes, its page count and what WeasyPrint warned about."""

    data: bytes
    pages: int
    warnings: list[str]


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


class Renderer:
    """Renders HTML strings with one font configuration, reading files only from `base`."""

    def __init__(self, base: Path) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.base = Path(base)
        self.fonts = FontConfiguration()

    def _html(self, html: str) -> Any:
        from weasyprint import HTML

        return HTML(string=html, base_url=str(self.base),
                    url_fetcher=restricted_fetcher(self.base))

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
            document = self._html(html).render(font_config=self.fonts)
        return _laid_lines(document, attribute)

    def page_count(self, html: str) -> int:
        """How many pages `html` lays out to (no PDF is written)."""
        with _collecting():
            return len(self._html(html).render(font_config=self.fonts).pages)

    def pdf(self, html: str, what: str) -> Pdf:
        """Render `html` to a tagged PDF. A `.notdef` warning (a character no installed font
        has) raises MissingFontError naming the font packages; `what` names the output."""
        with _collecting() as log:
            document = self._html(html).render(font_config=self.fonts, pdf_variant=PDF_VARIANT,
                                               pdf_tags=True)
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
        notdef = [m for m in log.messages if ".notdef" in m]
        if notdef:
            raise MissingFontError(missing_font_message(notdef, what))
        return Pdf(data, len(document.pages), log.messages)
