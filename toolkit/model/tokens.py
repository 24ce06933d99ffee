"""Documents as the learners see them: tokens and sentences, each language with its tokeniser.

Tokens come from the toolkit's one spaCy seam (`suggest/pipeline.py`: the character segmenter
for Chinese, the blank English tokeniser), so a model and the rules cut text the same way.
Whitespace tokens are dropped. Sentences end at a line break, and inside a line where the
sentencizer would start one (English) or after 。！？!?； (Chinese). Offsets are code points of
the document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus import Document
from ..suggest.pipeline import SentenceStarts, get_pipeline
from ..suggest.run import document_language

ZH_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its character range and its tokens' (start, end, text), in order."""

    start: int
    end: int
    tokens: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class Tokenised:
    """One document cut into sentences of tokens, with the language it was cut as."""

    document: Document
    lang: str
    sentences: tuple[Sentence, ...]


class Tokeniser:
    """Cuts documents into sentences of tokens; spaCy pipelines are built once per language."""

    def __init__(self) -> None:
        self._starts: dict[str, SentenceStarts] = {}

    def __call__(self, document: Document, lang: str = "auto") -> Tokenised:
        lang = document_language(document, lang)
        nlp = get_pipeline(lang)
        doc = nlp.make_doc(document.text)
        text = document.text
        cuts = {i + 1 for i, c in enumerate(text) if c == "\n"}
        if lang == "en":
            if lang not in self._starts:
                self._starts[lang] = SentenceStarts(nlp)
            cuts.update(self._starts[lang](doc))
        else:
            cuts.update(m.end() for m in ZH_SENTENCE_END.finditer(text))
        sentences: list[Sentence] = []
        current: list[tuple[int, int, str]] = []
        ordered = sorted(cuts)
        place = 0
        for token in doc:
            start = token.idx
            while place < len(ordered) and ordered[place] <= start:
                place += 1
                if current:
                    sentences.append(_sentence(current))
                    current = []
            if token.is_space or not token.text.strip():
                continue
            current.append((start, start + len(token.text), token.text))
        if current:
            sentences.append(_sentence(current))
        return Tokenised(document, lang, tuple(sentences))


def _sentence(tokens: list[tuple[int, int, str]]) -> Sentence:
    return Sentence(tokens[0][0], tokens[-1][1], tuple(tokens))
