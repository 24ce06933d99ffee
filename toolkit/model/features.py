"""Features of tokens and sentences, and the lexicon a model learns from its training articles.

Token features: the word (lower-cased), its first and last three characters, its shape, and the
words two either side (Chinese: the character, its neighbours and the character pairs around
it). Sentence features: its words and word pairs, its length, its end mark, where it stands in
the article. The lexicon of a device is what its training spans are made of: words that occur
at least `min_count` times in the training articles and inside that device's spans at least
`min_share` of the time; it is learnt from the articles a model trains on and nothing else.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .tokens import Sentence, Tokenised

WORDLIKE = re.compile(r"\w", re.UNICODE)


def unit(lang: str, token: str) -> str:
    """The lexicon's unit for a token: lower-cased word, or the Chinese character."""
    return token.lower() if lang == "en" else token


def shape(token: str) -> str:
    """Xx, x, X, d, or the punctuation itself, with repeats collapsed (`Obama` → `Xx`)."""
    out = []
    for char in token:
        kind = ("X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit()
                else char)
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:4])


def token_features(tokenised: Tokenised) -> list[list[list[str]]]:
    """For each sentence, for each token, its feature strings (no lexicon features)."""
    lang = tokenised.lang
    result = []
    for sentence in tokenised.sentences:
        words = [unit(lang, t[2]) for t in sentence.tokens]
        raw = [t[2] for t in sentence.tokens]
        padded = ["<s>", "<s>", *words, "</s>", "</s>"]
        rows = []
        for i, word in enumerate(words):
            j = i + 2
            row = [f"w={word}", f"w-1={padded[j - 1]}", f"w+1={padded[j + 1]}",
                   f"w-2={padded[j - 2]}", f"w+2={padded[j + 2]}"]
            if lang == "en":
                row += [f"p3={word[:3]}", f"s3={word[-3:]}", f"sh={shape(raw[i])}",
                        f"s3-1={padded[j - 1][-3:]}", f"s3+1={padded[j + 1][-3:]}"]
                if not WORDLIKE.search(word):
                    row.append("punct")
            else:
                row += [f"b-={padded[j - 1]}{word}", f"b+={word}{padded[j + 1]}",
                        f"t={padded[j - 1]}{word}{padded[j + 1]}"]
            if i == 0:
                row.append("first")
            rows.append(row)
        result.append(rows)
    return result


def sentence_features(tokenised: Tokenised) -> list[list[str]]:
    """For each sentence, its feature strings (no lexicon features)."""
    lang = tokenised.lang
    text = tokenised.document.text
    count = len(tokenised.sentences)
    result = []
    for index, sentence in enumerate(tokenised.sentences):
        words = [unit(lang, t[2]) for t in sentence.tokens]
        feats = {f"w={w}" for w in words}
        feats.update(f"b={a}_{b}" for a, b in zip(words, words[1:]))
        size = len(words)
        feats.add(f"len={min(size // 8, 6)}")
        feats.add(f"end={words[-1] if not WORDLIKE.search(words[-1]) else 'word'}")
        feats.add(f"start={words[0]}")
        if index == 0:
            feats.add("title")
        feats.add(f"pos={min(4, 5 * index // max(count, 1))}")
        if '"' in text[sentence.start:sentence.end] or "“" in text[sentence.start:sentence.end]:
            feats.add("quote")
        result.append(sorted(feats))
    return result


@dataclass(frozen=True)
class Lexicon:
    """Per device, the units its training spans are made of, with the share found inside."""

    words: dict[str, dict[str, float]]

    def to_json(self) -> dict[str, dict[str, float]]:
        return {device: dict(sorted(units.items())) for device, units in self.words.items()}

    @classmethod
    def learn(cls, tokenised: Iterable[Tokenised], devices: Sequence[str], min_count: int,
              min_share: float) -> Lexicon:
        """Count, in the training articles only, how often each unit lies inside each device's
        spans."""
        total: Counter[str] = Counter()
        inside: dict[str, Counter[str]] = defaultdict(Counter)
        for item in tokenised:
            spans = {d: [(s.start, s.end) for s in item.document.spans if s.label == d]
                     for d in devices}
            for sentence in item.sentences:
                for start, end, token in sentence.tokens:
                    word = unit(item.lang, token)
                    total[word] += 1
                    for device, ranges in spans.items():
                        if any(a < end and start < b for a, b in ranges):
                            inside[device][word] += 1
        words = {}
        for device in devices:
            found = inside.get(device, Counter())
            words[device] = {w: round(n / total[w], 3) for w, n in found.items()
                             if total[w] >= min_count and n / total[w] >= min_share}
        return cls(words)

    def token_marks(self, device: str, lang: str, sentence: Sentence) -> list[list[str]]:
        """For each token of the sentence, its lexicon features for `device`."""
        known = self.words.get(device, {})
        levels = [_level(known.get(unit(lang, t[2]))) for t in sentence.tokens]
        marks = []
        for i, level in enumerate(levels):
            row = []
            if level:
                row.append(f"lex={level}")
            if i > 0 and levels[i - 1]:
                row.append(f"lex-1={levels[i - 1]}")
            if i + 1 < len(levels) and levels[i + 1]:
                row.append(f"lex+1={levels[i + 1]}")
            marks.append(row)
        return marks

    def sentence_marks(self, device: str, lang: str, sentence: Sentence) -> list[str]:
        """The lexicon features of a whole sentence for `device`: how many hits, how strong."""
        known = self.words.get(device, {})
        shares = [known[w] for w in (unit(lang, t[2]) for t in sentence.tokens) if w in known]
        if not shares:
            return ["lexn=0"]
        return [f"lexn={min(len(shares), 4)}", f"lexmax={_level(max(shares))}"]


def _level(share: float | None) -> str:
    if share is None:
        return ""
    return "hi" if share >= 0.5 else "mid" if share >= 0.25 else "lo"


def inside_tokens(sentence: Sentence, ranges: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies (partly) inside one of `ranges`."""
    return [any(a < end and start < b for a, b in ranges) for start, end, _ in sentence.tokens]


def covered_share(sentence: Sentence, ranges: Sequence[tuple[int, int]]) -> float:
    """The share of the sentence's characters that `ranges` cover."""
    length = sentence.end - sentence.start
    covered = sum(max(0, min(b, sentence.end) - max(a, sentence.start)) for a, b in ranges)
    return min(1.0, covered / length) if length else 0.0
