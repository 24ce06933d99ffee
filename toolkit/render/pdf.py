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


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _offset_of(box: Any, attribute: str) -> int | None:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return None
    value = element.get(attribute)
    return int(value) if value is not None else None


def _line_starts(document: Any, attribute: str) -> list[int]:
    """Walk the laid-out line boxes: for each line holding text of an element with an integer
    `attribute`, the attribute's value plus the characters of that element on earlier lines."""
    consumed: dict[int, int] = {}
    starts: list[int] = []
    for page in document.pages:
        for line in (b for b in _walk(page._page_box) if type(b).__name__ == "LineBox"):
            first = None
            for box in _walk(line):
                text = getattr(box, "text", None)
                base = _offset_of(box, attribute) if text is not None else None
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
        the offset of its first such character. Warnings are ignored here; the final render of
        the same text reports them."""
        with _collecting():
            document = self._html(html).render(font_config=self.fonts)
        return _line_starts(document, attribute)

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
