"""Which font package draws which characters: the advice printed when a character has no glyph.

Plain data and text, no WeasyPrint: `pdf.py` calls `missing_font_message` with the `.notdef`
warnings WeasyPrint logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


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


def missing_font_message(messages: list[str], what: str) -> str:
    """The error for WeasyPrint's `.notdef` warnings while rendering `what`: the characters,
    and the packages to install (Debian names, and what to look for elsewhere)."""
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
