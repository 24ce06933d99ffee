"""The one seam to spaCy's pipelines: blank Chinese and English, built once per process.

Chinese uses spaCy's character segmenter by default (no model, no download, fast); jieba is an
option, and `chinese_words` asks jieba directly (the same segmentation spaCy's jieba segmenter
makes, without loading spaCy) where only the words are wanted: the handouts keep them whole at
line ends. English gets a rule-based sentencizer; `SentenceStarts` finds the sentences it would set
on a merely tokenised Doc, which is faster than running it; `make_doc` builds the Doc spaCy's
character segmenter would, in linear time. No trained model is ever loaded or downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import cache_folder, keep_entry, read_entry
from ..errors import ToolkitError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SEGMENTERS = ("char", "jieba")
#: Runs of whitespace (the same characters as `str.isspace`; the tests check every code point).
WHITESPACE_RUN = re.compile(r"(\s+)")


#: Words found so far in this process, by text (`chinese_words`, `chinese_words_ahead`).
_WORDS: dict[str, tuple[tuple[int, int], ...]] = {}


#: Where the words of texts segmented before are kept (one small JSON file per text, named by
#: a digest of the text and the installed jieba), under the user's cache folder.
CACHE_FOLDER = "words"  # inside the toolkit's cache folder (toolkit.cache)


def chinese_words(text: str) -> tuple[tuple[int, int], ...]:
    """The words jieba finds in `text` (its default mode, with the HMM for unknown words, as
    spaCy's jieba segmenter calls it), as (start, end) offsets covering the whole text in order.
    jieba loads its dictionary on the first call in a process (most of the cost: about 0.7 s
    from its cache file), so it is imported here, not with this module, and the words of a text
    are kept in the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, then `mlt/words`):
    a text segmented once, in any process, is read back instead. See also
    `chinese_words_ahead`."""
    found = _WORDS.get(text) or _cached(text)
    if found is None:
        found = _segment(text)
        _keep(text, found)
    _WORDS[text] = found
    return found


def _cache_file(text: str) -> Path | None:
    """The cache file of `text`: named by a digest of the text and of the installed jieba (its
    code and dictionary files' sizes and times, which change with any upgrade; cheaper to read
    than the package's version)."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    try:
        code = Path(spec.origin)
        stamp = " ".join(f"{s.st_size}:{s.st_mtime_ns}" for s in (
            code.stat(), code.with_name("dict.txt").stat()))
    except OSError:
        return None
    digest = hashlib.sha256(f"jieba {stamp}\0{text}".encode()).hexdigest()[:40]
    return cache_folder(CACHE_FOLDER) / f"{digest}.json"


def _cached(text: str) -> tuple[tuple[int, int], ...] | None:
    """The words of `text` from the cache folder, if they are there and cover it exactly."""
    data = read_entry(_cache_file(text))
    if not isinstance(data, list):
        return None
    words, at = [], 0
    for item in data:
        if not (isinstance(item, list) and len(item) == 2 and item[0] == at
                and isinstance(item[1], int) and item[1] > at):
            return None
        words.append((at, item[1]))
        at = item[1]
    return tuple(words) if at == len(text) else None


def _keep(text: str, words: tuple[tuple[int, int], ...]) -> None:
    """Write the words of `text` to the cache folder (quietly not, when it cannot be written)."""
    keep_entry(_cache_file(text), [list(w) for w in words])


def _segment(text: str) -> tuple[tuple[int, int], ...]:
    import logging

    try:
        import jieba
    except ImportError as exc:
        raise ToolkitError(f"the jieba segmenter is not installed: {exc}") from None
    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary on stderr otherwise
    return tuple((start, end) for _, start, end in jieba.tokenize(text))


def _segment_all(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    return [_segment(text) for text in texts]


def chinese_words_ahead(texts: Sequence[str]) -> Callable[[], None]:
    """Start finding the words of `texts` in another process, so that jieba loads its
    dictionary there while this process loads what else it needs (on two or more cores the
    wait mostly disappears). Call the returned function before `chinese_words` is needed: it
    waits for the words and keeps them, so `chinese_words` answers at once. Should the other
    process fail, nothing is kept and `chinese_words` does the work itself (reporting any
    error)."""
    todo = []
    for text in dict.fromkeys(texts):
        found = _WORDS.get(text) or _cached(text)
        if found is None:
            todo.append(text)
        else:
            _WORDS[text] = found
    if not todo:
        return lambda: None
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1)
    future = pool.submit(_segment_all, todo)

    def collect() -> None:
        try:
            for text, words in zip(todo, future.result()):
                _WORDS[text] = words
                _keep(text, words)
        except Exception:  # noqa: BLE001 - redone by chinese_words here, where errors show
            pass
        finally:
            pool.shutdown()
    return collect


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


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, the same Doc, built in linear time for Chinese cut into characters.

    spaCy's character segmenter aligns its words with the text by slicing the rest of the text
    once per character (`spacy.util.get_words_and_spaces`), which costs time in the square of the
    text's length. Here every non-space character is a word, a run of whitespace after one gives
    it a trailing space when it starts with U+0020 and is a word of its own for the rest, and a
    run at the start is a word: exactly the words and spaces spaCy computes (the tests compare
    the Docs), handed to the same `Doc` constructor. Anything else goes to `nlp.make_doc`.
    """
    tokenizer = nlp.tokenizer
    if (nlp.lang != "zh" or getattr(tokenizer, "segmenter", None) != "char"
            or len(text) > nlp.max_length):  # spaCy's own path (and its length error)
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    parts = WHITESPACE_RUN.split(text)  # characters, whitespace, characters ...
    if parts[0]:
        words.extend(parts[0])
        spaces.extend([False] * len(parts[0]))
    for index in range(1, len(parts), 2):
        run, chars = parts[index], parts[index + 1]
        if words and run[0] == " ":
            spaces[-1] = True
            run = run[1:]
        if run:
            words.append(run)
            spaces.append(False)
        words.extend(chars)
        spaces.extend([False] * len(chars))
    return Doc(nlp.vocab, words=words, spaces=spaces)


class SentenceStarts:
    """Where the pipeline's rule-based sentencizer starts sentences, computed from the token
    table of a merely tokenised Doc (`nlp.make_doc`) instead of running the component.

    The sentencizer walks the tokens: a token whose text is one of its `punct_chars` (a break)
    makes the next token that is neither punctuation nor a break start a sentence, and the first
    token always starts one. Every break character is punctuation for the English vocabulary, so
    the new sentences start at the first non-punctuation token after each break; numpy finds them
    with one binary search. The tests check the result against the component itself.
    """

    def __init__(self, nlp: Language, name: str = "sentencizer") -> None:
        import numpy
        from spacy.attrs import IS_PUNCT
        from spacy.strings import hash_string

        chars = nlp.get_pipe(name).punct_chars
        is_punct = nlp.vocab.lex_attr_getters[IS_PUNCT]
        if not all(is_punct(c) for c in chars):  # pragma: no cover - true of every spaCy release
            raise ToolkitError(f"the {name} of this pipeline splits at characters that are not "
                               "punctuation; run it instead of SentenceStarts")
        self._numpy = numpy
        self._breaks = numpy.array(sorted({hash_string(c) for c in chars}), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> list[int]:
        """Character offsets of the sentence starts of `doc`, ascending (none for an empty Doc)."""
        from spacy.attrs import IDX, IS_PUNCT, ORTH

        np = self._numpy
        if len(doc) == 0:
            return []
        table = doc.to_array([ORTH, IS_PUNCT, IDX])
        punct = table[:, 1] != 0
        plain = np.flatnonzero(~punct)
        marks = np.flatnonzero(punct)
        breaks = marks[self._is_break(table[marks, 0])]
        after = np.searchsorted(plain, breaks, side="right")  # the next plain token's place
        starts = np.unique(plain[after[after < len(plain)]])
        return [int(table[0, 2]), *table[starts, 2].tolist()]

    def _is_break(self, orths: Any) -> Any:
        """Which token texts (ORTH hashes) are break characters."""
        found = self._numpy.searchsorted(self._breaks, orths)
        found[found == len(self._breaks)] = 0
        return self._breaks[found] == orths
