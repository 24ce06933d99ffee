"""The one seam to WeasyPrint: a restricted URL fetcher, layout for measuring, and PDF writing
that fails on missing glyphs instead of printing empty boxes.

WeasyPrint is imported lazily, so that commands which do not render (and the no-change rebuild)
do not pay for loading it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import ToolkitError

TEMPLATES = Path(__file__).with_name("templates")
PDF_VARIANT = "pdf/ua-1"


class RenderError(ToolkitError):
    """WeasyPrint could not render a handout properly."""


class MissingFontError(RenderError):
    """Some characters have no glyph in any installed font (WeasyPrint drew `.notdef` boxes)."""


def fetcher_class() -> type:
    """The restricted URL fetcher class (a `weasyprint.urls.URLFetcher` subclass)."""
    from weasyprint.urls import URLFetcher

    class RestrictedFetcher(URLFetcher):
        """Fetches `data:` URLs and files inside one folder; refuses everything else."""

        def __init__(self, root: Path = TEMPLATES) -> None:
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


def restricted_fetcher(root: Path = TEMPLATES) -> Any:
    """A fetcher allowing only `data:` URLs and files under `root` (the templates folder)."""
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


@dataclass(frozen=True)
class FontAdvice:
    """Which Debian package draws some characters, and what to install elsewhere."""

    package: str
    covers: str
    elsewhere: str
    ranges: tuple[tuple[int, int], ...] = ()

    def has(self, code: int) -> bool:
        """True when code point `code` is one this package is for."""
        return any(low <= code <= high for low, high in self.ranges)


#: Checked in order; the last one (no ranges) is for every other script. The first three are
#: what `make system-deps` installs. The emoji and Extension B fonts are reached through
#: fontconfig's fallback, not named in the CSS font stacks: with "Noto Color Emoji" in a stack,
#: Pango draws digits and spaces with it (its cmap has them) and printed lines come apart.
FONT_ADVICE = (
    FontAdvice("fonts-noto-color-emoji", "emoji", "Noto Color Emoji",
               ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF),
                (0xFE00, 0xFE0F), (0x200D, 0x200D), (0xE0000, 0xE007F))),
    FontAdvice("fonts-hanazono", "rare CJK ideographs (Extension B and later)",
               "HanaMin A and B", ((0x20000, 0x323AF),)),
    FontAdvice("fonts-noto-cjk", "Chinese, Japanese and Korean",
               "Noto Serif CJK and Noto Sans CJK",
               ((0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
                (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))),
    FontAdvice("fonts-noto-core", "other scripts", "a Noto font for the script"),
)
SYSTEM_DEPS_FONTS = {"fonts-noto-color-emoji", "fonts-hanazono", "fonts-noto-cjk"}


def font_advice(codes: list[int]) -> list[FontAdvice]:
    """The packages that draw `codes`, in FONT_ADVICE order (CJK when nothing is known)."""
    wanted = {next(a for a in FONT_ADVICE if a.has(code) or not a.ranges) for code in codes}
    return [a for a in FONT_ADVICE if a in wanted] or [FONT_ADVICE[2]]


def _missing_font_message(messages: list[str], what: str) -> str:
    samples: list[str] = []
    codes: list[int] = []
    for message in messages:
        found = re.search(r'"(.*?)" \((U\+([0-9A-Fa-f]+))\)', message)
        sample = f"{found.group(1)} ({found.group(2)})" if found else message.rsplit(":", 1)[-1]
        if found:
            codes.append(int(found.group(3), 16))
        if sample.strip() and sample not in samples:
            samples.append(sample.strip())
    advice = font_advice(codes)
    packages = " ".join(a.package for a in advice)
    make = " (or run `make system-deps`)" if {a.package for a in advice} <= SYSTEM_DEPS_FONTS \
        else ""
    return (f"{what}: no installed font has glyphs for some characters "
            f"({', '.join(samples[:5])}); the PDF would show empty boxes, so nothing was "
            f"written. Install {'a font' if len(advice) == 1 else 'fonts'} for "
            f"{_and(a.covers for a in advice)}: on Debian/Ubuntu `sudo apt-get install "
            f"{packages}`{make}; elsewhere install {_and(a.elsewhere for a in advice)}, then "
            "build again.")


def _and(parts: Iterable[str]) -> str:
    items = list(parts)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


class Renderer:
    """Renders HTML strings to laid-out documents and PDFs with one font configuration."""

    def __init__(self, base: Path = TEMPLATES) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.base = base
        self.fonts = FontConfiguration()

    def layout(self, html: str) -> Any:
        """Lay `html` out (no PDF) and return WeasyPrint's Document; warnings are ignored here
        and reported by the final render of the same text."""
        from weasyprint import HTML

        with _collecting():
            return HTML(string=html, base_url=str(self.base),
                        url_fetcher=restricted_fetcher(self.base)).render(font_config=self.fonts)

    def pdf(self, html: str, what: str) -> tuple[bytes, int, list[str]]:
        """Render `html` to a tagged PDF; return (bytes, page count, warnings). A `.notdef`
        warning raises MissingFontError naming the font package."""
        from weasyprint import HTML

        with _collecting() as log:
            document = HTML(string=html, base_url=str(self.base),
                            url_fetcher=restricted_fetcher(self.base)).render(
                font_config=self.fonts, pdf_variant=PDF_VARIANT, pdf_tags=True)
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
        notdef = [m for m in log.messages if ".notdef" in m]
        if notdef:
            raise MissingFontError(_missing_font_message(notdef, what))
        return data, len(document.pages), log.messages
