"""Sentence-level structure of one text: headline, sentences, clauses, paragraphs and quotes.

A rule's tell matches a few characters; its `span` mode says how far the suggestion reaches
(the clause, the sentence, the speaker plus the quotation it introduces ...). Everything here
works on code-point offsets of the original text, computed lazily and once per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property

from .trigger import Search

#: Where a Chinese sentence ends besides a line break: terminators, then closing quotes.
#: Cut patterns are written `[x][x]*` rather than `[x]+`: a pattern that starts with a character
#: class lets `re` skip ahead to the next candidate character, which is several times faster.
ZH_SENTENCE_END = re.compile(r"[。！？!?；;…][。！？!?；;…]*[”’\"」』）)]*")
#: Where a Chinese clause ends besides a sentence end.
ZH_CLAUSE_CUT = re.compile(r"[，,：:—][，,：:—]*")
#: Where a clause ends inside an English sentence, besides line breaks: commas, colons, dashes...
CLAUSE_CUT = re.compile(r"[，,：:；;—][，,：:；;—]*")
#: ... and runs of terminators (sentences come from the tokenizer: not every run ends one).
CLAUSE_END = re.compile(r"[。！？!?][。！？!?]*[”’\"」』）)]*")
NEWLINE = re.compile(r"\n")
#: What starts a question clause besides a sentence end: a colon introducing it.
QUESTION_CUT = re.compile(r"[：:]\s*")
CLOSERS = "”’\"」』）)"
#: A quotation opening soon after a speaker (after a verb such as 说/表示/said and a colon).
QUOTE_AFTER = re.compile(r"[^“\"「」”。！？!?\n]{0,15}?[“\"「]")
#: A quotation closing just before a speaker ("…”一位…", "…," said a ...).
QUOTE_BEFORE = re.compile(r"[”\"」][，,.。!！?？]?\s*(?:[a-z]+\s+)?$")
OPENING = {"”": "“", "」": "「", '"': '"'}
#: Where quoted words open, and the mark that closes each.
QUOTE_OPEN = re.compile(r'[“「『"]')
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"'}
#: English only: the marks that close a quotation opened with “ or ". Scraped English text mixes
#: curly and straight marks (“…," the insider says), so either closes either; Chinese keeps its
#: pairs.
EN_CLOSERS = {"“": ("”", '"'), '"': ('"', "”")}
#: Punctuation that ends an utterance inside its closing quotation mark ("…！”).
UTTERANCE_END = "。！？!?…."
CLOSING = {"“": "”", "「": "」", '"': '"'}
LEADING_JUNK = "，,、；;：:。.—！!？?"
TRAILING_JUNK = "，,、；;：:。.—"
MAX_QUOTE = 600
#: How far back in its paragraph a rule's `unless_before` looks (characters). Every built-in
#: test ends at the tell and reaches a few words back; without a bound, a paragraph of
#: thousands of tells (article text is untrusted) cost time growing with its square.
BEFORE_WINDOW = 400
#: How far an `unless` check reads on either side of the tell within its sentence (characters):
#: a "sentence" without terminators can be a whole paragraph of thousands of tells (the sixth
#: round found `据了解` repeated 8,000 times took 4 s, time growing with the square).
CONTEXT_WINDOW = 400
MAX_HEADLINE = 160
BACKING_SHARE = 0.5
ZH_KEY = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
EN_KEY = re.compile(r"[a-z]{4,}")


class Layout:
    """Offsets of sentences, clauses and the headline of one text, computed when first asked."""

    def __init__(self, text: str, lang: str, title: str | None = None,
                 sentence_starts: Callable[[], Sequence[int]] | None = None) -> None:
        self.text = text
        self.lang = lang
        self.title = title
        #: Gives where the tokenizer's sentences start (English), called when first needed.
        self.sentence_starts = sentence_starts
        self._evidence: dict[Search, list[set[str]]] = {}
        self._backed: dict[tuple[frozenset[str], Search], bool] = {}

    @cached_property
    def lowered(self) -> str:
        """The text lower-cased (what the regex scanners' triggers search)."""
        return self.text.lower()

    @cached_property
    def _cuts(self) -> tuple[list[int], list[int]]:
        """Sentence cuts and clause cuts, ascending."""
        text = self.text
        if self.lang == "zh":
            sentences = sorted([0, *_ends(ZH_SENTENCE_END, text), *_ends(NEWLINE, text)])
            clauses = sorted([*sentences, *_ends(ZH_CLAUSE_CUT, text)])
        else:
            found = {0, *_ends(NEWLINE, text)}
            if self.sentence_starts is not None:
                found.update(self.sentence_starts())
            sentences = sorted(found)
            clauses = sorted(found.union(_ends(CLAUSE_CUT, text), _ends(CLAUSE_END, text)))
        for cuts in (sentences, clauses):
            if cuts[-1] != len(text):
                cuts.append(len(text))
        return sentences, clauses

    @property
    def sentence_cuts(self) -> list[int]:
        """Sorted offsets where a sentence ends (the next one starts at or after them)."""
        return self._cuts[0]

    @property
    def clause_cuts(self) -> list[int]:
        """Sorted offsets where a clause ends (sentence ends, commas, colons, dashes)."""
        return self._cuts[1]

    @cached_property
    def headline(self) -> tuple[int, int] | None:
        """The headline's range: the first line when it is the title or looks like one."""
        match = re.search(r"\S[^\n]*", self.text)
        if match is None:
            return None
        line = match.group(0).rstrip()
        start, end = match.start(), match.start() + len(line)
        rest = self.text[end:end + 3]
        if self.title is not None:
            return (start, end) if line == self.title.strip() else None
        looks = (len(line) <= MAX_HEADLINE and not line.endswith(("。", ".", "；", ";", "，", ","))
                 and rest.startswith("\n") and end < len(self.text.rstrip()))
        return (start, end) if looks else None

    def in_headline(self, start: int) -> bool:
        """True when `start` lies in the headline."""
        head = self.headline
        return head is not None and head[0] <= start < head[1]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence(s) around [start, end)."""
        return self._between(self.sentence_cuts, start, end)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause(s) around [start, end)."""
        return self._between(self.clause_cuts, start, end)

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        """The line(s) around [start, end)."""
        left = self.text.rfind("\n", 0, start) + 1
        right = self.text.find("\n", end)
        return left, len(self.text) if right < 0 else right

    def question(self, start: int, end: int) -> tuple[int, int]:
        """From the question's clause start (a sentence end or a colon) to the question mark."""
        left = self.sentence(start, end)[0]
        for cut in QUESTION_CUT.finditer(self.text, left, start):
            left = cut.end()
        while end < len(self.text) and self.text[end] in CLOSERS:
            end += 1
        return left, end

    def quote(self, start: int, end: int) -> tuple[int, int]:
        """A speaker (from the start of the clause naming them) with the quotation it introduces
        or follows; else up to the sentence end."""
        start = self.clause(start, end)[0]
        after = QUOTE_AFTER.match(self.text, end)
        if after is not None:
            opener = self.text[after.end() - 1]
            close = self.text.find(CLOSING[opener], after.end(), after.end() + MAX_QUOTE)
            if close > 0:
                return start, close + 1
        before = QUOTE_BEFORE.search(self.text, max(0, start - 40), start)
        if before is not None and self._speaks_before(before.start(), start):
            closer = self.text[before.start()]
            opened = self.text.rfind(OPENING[closer], max(0, before.start() - MAX_QUOTE),
                                     before.start())
            if opened >= 0:
                return opened, end
        return start, self.sentence(start, end)[1]

    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """The ranges of quoted words (“…”, 「…」, 『…』, "…"), marks included, in order; marks
        nested inside a quotation are part of it, and a quotation left open runs to the end of
        its line (Chinese opens each paragraph of a long quotation again). In English, where
        straight marks both open and close, a " right after a word or punctuation and before a
        space or the line's end only closes (a quotation carried over from an earlier paragraph,
        `...them nuts," an email said`), and either kind of mark closes either kind."""
        text, found, position = self.text, [], 0
        while True:
            opened = QUOTE_OPEN.search(text, position)
            if opened is None:
                return found
            if self.lang == "en" and _closes_only(text, opened.start()):
                position = opened.end()  # the end of a quotation opened in an earlier paragraph
                continue
            line_end = text.find("\n", opened.end())
            line_end = len(text) if line_end < 0 else line_end
            if self.lang == "en":
                close = _first_closer(text, opened.group(), opened.end(), line_end)
            else:
                close = text.find(QUOTE_PAIRS[opened.group()], opened.end(), line_end)
            position = line_end if close < 0 else close + 1
            found.append((opened.start(), position))

    def quoted(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside quoted words (after the opening mark)."""
        quotes = self.quotations
        index = bisect_left(quotes, (start,)) - 1
        return index >= 0 and quotes[index][0] < start and end <= quotes[index][1]

    def before(self, start: int) -> str:
        """The text of the paragraph (line) before `start`, at most its last BEFORE_WINDOW
        characters."""
        return self.text[max(self.text.rfind("\n", 0, start) + 1, start - BEFORE_WINDOW):start]

    def _speaks_before(self, closer: int, speaker: int) -> bool:
        """Whether the quotation closing at `closer` can be the words of a speaker named at
        `speaker`: never a quotation in the headline; across a line break only a whole
        utterance (“…！” with its own final punctuation), not a quoted term (“…”？)."""
        if self.in_headline(closer) and not self.in_headline(speaker):
            return False
        if "\n" in self.text[closer:speaker]:
            return closer > 0 and self.text[closer - 1] in UTTERANCE_END
        return True

    def extend(self, mode: str, start: int, end: int) -> tuple[int, int]:
        """The range a suggestion covers for span mode `mode`, trimmed of spaces and commas."""
        if mode == "clause":
            start, end = self.clause(start, end)
        elif mode == "sentence":
            start, end = self.sentence(start, end)
        elif mode == "to_sentence_end":
            end = self.sentence(start, end)[1]
        elif mode == "question":
            start, end = self.question(start, end)
        elif mode == "quote":
            start, end = self.quote(start, end)
        elif mode == "paragraph":
            start, end = self.paragraph(start, end)
        return self._trim(start, end)

    def context(self, start: int, end: int, after: int = 20) -> str:
        """The sentence around a match plus a few characters after it (for `unless` checks)."""
        left, right = self.sentence(start, end)
        return self.text[left:right + after]

    def context_matches(self, pattern: re.Pattern[str], start: int, end: int,
                        after: int = 20) -> bool:
        """Whether `pattern` is found in `context(start, end, after)`, read at most
        CONTEXT_WINDOW characters before the tell and after its end (plus `after`). Within
        the window it is the same search; past it the text is searched in place, so that `^`
        never matches where the window cuts a sentence."""
        left, right = self.sentence(start, end)
        right += after
        first, last = max(left, start - CONTEXT_WINDOW), min(right, end + after + CONTEXT_WINDOW)
        if first == left and last == right:
            return pattern.search(self.text[left:right]) is not None
        return pattern.search(self.text, first, last) is not None

    def backed(self, claim: str, evidence: Search) -> bool:
        """True when a body sentence with `evidence` (a named document, a named source) shares
        at least half of the claim's key words (character pairs in Chinese)."""
        keys = frozenset(self._keys(claim))
        if not keys:
            return False
        # the same key words against the same evidence give the same answer: a body rule with
        # `if_echoed` ("the official said" x 2,000) costs one pass over the sentences per
        # distinct claim, not one per match
        known = self._backed.get((keys, evidence))
        if known is None:
            needed = BACKING_SHARE * len(keys)
            known = any(len(keys & found) >= needed for found in self._evidence_keys(evidence))
            self._backed[(keys, evidence)] = known
        return known

    def _evidence_keys(self, evidence: Search) -> list[set[str]]:
        """The key words of each body sentence with `evidence`, found once per pattern."""
        if evidence not in self._evidence:
            body_start = self.headline[1] if self.headline else 0
            sentences = dict.fromkeys(self.sentence(start, end) for start, end in
                                      evidence.spans(self.text, body_start, self.lowered))
            self._evidence[evidence] = [self._keys(self.text[left:right])
                                        for left, right in sentences]
        return self._evidence[evidence]

    def _keys(self, text: str) -> set[str]:
        if self.lang == "zh":
            return set(ZH_KEY.findall(text))
        return set(EN_KEY.findall(text.lower()))

    @staticmethod
    def _between(cuts: list[int], start: int, end: int) -> tuple[int, int]:
        left = cuts[bisect_right(cuts, start) - 1]
        right = cuts[min(bisect_left(cuts, end), len(cuts) - 1)]
        return left, max(right, end)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop spaces, soft punctuation and unpaired quotation marks at both ends."""
        text = self.text
        while True:
            before = (start, end)
            while start < end and (text[start].isspace() or text[start] in LEADING_JUNK):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_JUNK):
                end -= 1
            if start < end and text[end - 1] in OPENING and \
                    OPENING[text[end - 1]] not in text[start:end - 1]:
                end -= 1
            elif start < end and text[start] in CLOSING and \
                    CLOSING[text[start]] not in text[start + 1:end]:
                start += 1
            if (start, end) == before:
                return start, end


def _closes_only(text: str, at: int) -> bool:
    """Whether the straight mark at `at` can only close a quotation: glued to the word or
    punctuation before it and followed by a space, the line's end or punctuation."""
    if text[at] != '"' or at == 0 or text[at - 1].isspace() or text[at - 1] in "([{\u2014\u2013-":
        return False
    return at + 1 == len(text) or text[at + 1].isspace() or text[at + 1] in ",.;:!?)]"


def _first_closer(text: str, opener: str, start: int, end: int) -> int:
    """Where the first mark that can close an English quotation opened with `opener` lies in
    text[start:end], or -1."""
    found = [at for at in (text.find(mark, start, end)
                           for mark in EN_CLOSERS.get(opener, (QUOTE_PAIRS[opener],)))
             if at >= 0]
    return min(found) if found else -1


def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where each match of `pattern` in `text` ends."""
    return [match.end() for match in pattern.finditer(text)]
