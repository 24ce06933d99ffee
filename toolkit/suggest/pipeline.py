"""The one seam to spaCy's pipelines: blank Chinese and English, built once per process.

Chinese uses spaCy's character segmenter by default (no model, no download, fast); jieba is an
option. English gets a rule-based sentencizer. No trained model is ever loaded or downloaded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ToolkitError

if TYPE_CHECKING:
    from spacy.language import Language

SEGMENTERS = ("char", "jieba")


@lru_cache(maxsize=None)
def get_pipeline(lang: str, segmenter: str = "char") -> Language:
    """The shared blank pipeline for `lang` (zh or en); the same object on every call."""
    import spacy

    if lang == "zh":
        if segmenter not in SEGMENTERS:
            raise ToolkitError(f"unknown Chinese segmenter {segmenter!r} "
                               f"(allowed: {', '.join(SEGMENTERS)})")
        config = {"nlp": {"tokenizer": {"segmenter": segmenter}}}
        try:
            return spacy.blank("zh", config=config)
        except ImportError as exc:  # jieba missing
            raise ToolkitError(f"the {segmenter} segmenter is not installed: {exc}") from None
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ToolkitError(f"unsupported language {lang!r} (allowed: zh, en)")
