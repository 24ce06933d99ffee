"""Which languages the toolkit speaks, and which one a text is written in: the one place.

`SUPPORTED` are the languages the toolkit has everything for: a spaCy tokeniser, pattern files,
handout and report wording, and fonts. A catalogue may only declare languages from this list
(it checks on load), and every `--lang` or `language:` is checked against it.

`guess` decides between them for a text that does not say. Chinese news carries Latin brand names
and numbers ("iPhone 15 发布", "中国AI产业"), while English news rarely carries Han characters
beyond a quoted phrase, so the guess compares Han (and kana, hangul) characters with Latin
*words*, not letters: a text is Chinese when such characters make at least 30% of the units.
Japanese and Korean text is therefore guessed `zh`; the toolkit has no pipeline for either.
"""

from __future__ import annotations

import re
from typing import Any

SUPPORTED: tuple[str, ...] = ("zh", "en")
DEFAULT = "en"

#: BCP 47 tags for HTML `lang` attributes.
HTML_TAGS = {"zh": "zh-CN", "en": "en"}

CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
                 "\U00020000-\U0003134f]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
CJK_SHARE = 0.3


def guess(text: str) -> str:
    """`zh` when Han, kana or hangul characters make at least 30% of the characters and Latin
    words together, else `en` (also for text with neither)."""
    cjk = len(CJK.findall(text))
    if not cjk:
        return "en"
    words = len(LATIN_WORD.findall(text))
    return "zh" if cjk >= CJK_SHARE * (cjk + words) else "en"


def base(tag: Any) -> str | None:
    """The supported language a tag names (`zh-Hans-CN` → `zh`, `EN` → `en`), else None."""
    if not isinstance(tag, str):
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in SUPPORTED else None


def of_text(declared: Any, text: str) -> str:
    """A document's language: its declared tag when supported, else guessed from its text."""
    return base(declared) or guess(text)


def allowed() -> str:
    """The supported languages for an error message: `zh, en`."""
    return ", ".join(SUPPORTED)
