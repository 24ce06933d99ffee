"""Compile rules for one language into spaCy matchers and regular expressions, and run them.

Phrases go to a `PhraseMatcher`, token patterns to a `Matcher`, structures to regular expressions
over `doc.text`; all three yield code-point offsets of the input text, so nothing drifts. Each
match is then widened by its rule's span mode and vetted by its `where`/`unless` conditions.

Matches travel as plain tuples until the nested ones are merged; only the suggestions kept
become `Suggestion` objects (building and validating one per raw match cost as much as widening
it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInputError, Problem
from ..spans import Span
from .chinese_forms import fold
from .extents import Layout
from .pipeline import SentenceStarts, get_pipeline, make_doc
from .rules import Rule
from .trigger import Search, TriggeredPatterns

#: A suggestion before it is kept: (start, end, label, rule id, reason), Suggestion's field order.
Raw = tuple[int, int, str, str, str]
#: What `if_unsourced` counts: the body's sourcing suggestions. A headline rule with it is kept
#: when there are at least UNSOURCED_AT_LEAST of them and UNSOURCED_PER_NAMED for each named,
#: checkable attribution its regex finds in the body: the story rests on unnamed sources.
UNSOURCED_DEVICES = ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION")
UNSOURCED_AT_LEAST = 2
UNSOURCED_PER_NAMED = 4
#: Token attributes that only a sentence-splitting component sets.
SENTENCE_ATTRIBUTES = {"IS_SENT_START", "SENT_START"}


@dataclass(frozen=True, order=True)
class Suggestion:
    """One suggested span and the rule (id and one-line reason) that suggested it."""

    start: int
    end: int
    label: str
    rule: str
    reason: str

    def __post_init__(self) -> None:
        if not _plainly_valid(self.start, self.end, self.label):
            Span(self.start, self.end, self.label)  # raises SpanError on a malformed range

    @property
    def span(self) -> Span:
        """The suggested range as a Span."""
        return Span(self.start, self.end, self.label)

    def to_meta(self) -> dict[str, Any]:
        """The plain record kept in a document's `suggestions` meta list."""
        return {"start": self.start, "end": self.end, "label": self.label,
                "rule": self.rule, "reason": self.reason}


def _plainly_valid(start: Any, end: Any, label: Any) -> bool:
    """The common case of a valid span (plain ints, a plain string), checked quickly; anything
    else is left to Span, which accepts or rejects it with its own message."""
    return (type(start) is int and type(end) is int and 0 <= start < end
            and type(label) is str and label != "")


class Suggester:
    """The rules of one language compiled once; `suggest(text)` runs them on one text."""

    def __init__(self, rules: Iterable[Rule], lang: str, segmenter: str = "char",
                 devices: Sequence[str] | None = None, keywords_only: bool = False) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.lang = lang
        self.keywords_only = keywords_only
        #: Chinese rules and texts are read with Traditional characters in their Simplified
        #: forms (chinese_forms.py), one character for one, so offsets do not move.
        self._fold = fold if lang == "zh" else _same
        self.nlp = get_pipeline(lang, segmenter)
        wanted = set(devices) if devices is not None else None
        usable = [r for r in rules if r.lang == lang and (r.keyword_only or not keywords_only)]
        self.rules = [r for r in usable if wanted is None or r.device in wanted]
        #: Devices whose rules run only for `if_unsourced` to count (not asked for, not shown).
        self._hidden: set[str] = set()
        if wanted is not None and any(r.if_unsourced for r in self.rules):
            self._hidden = set(UNSOURCED_DEVICES) - wanted
            self.rules += [r for r in usable if r.device in self._hidden]
        vocab = self.nlp.vocab
        self._phrases = {False: PhraseMatcher(vocab, attr="ORTH" if lang == "zh" else "LOWER"),
                         True: PhraseMatcher(vocab, attr="ORTH")}
        self._tokens = Matcher(vocab, validate=True)
        self._regexes: list[tuple[Rule, re.Pattern[str]]] = []
        self._by_key: dict[str, Rule] = {}
        self._unless: dict[str, re.Pattern[str]] = {}
        self._unless_before: dict[str, re.Pattern[str]] = {}
        self._unless_backed: dict[str, Search] = {}
        self._if_echoed: dict[str, Search] = {}
        self._if_unsourced: dict[str, Search] = {}
        #: Evidence searched through whole texts, one search per pattern (rules share some).
        self._searches: dict[re.Pattern[str], Search] = {}
        problems: list[Problem] = []
        for rule in self.rules:
            self._compile(rule, problems)
        if problems:
            raise InvalidInputError(problems, what="the suggestion rules")
        # headline rules are only tried in the headline (their matches elsewhere are dropped)
        self._scanner = TriggeredPatterns([(r, p) for r, p in self._regexes
                                           if r.where != "headline" or keywords_only])
        self._headline_scanner = TriggeredPatterns([(r, p) for r, p in self._regexes
                                                    if r.where == "headline" and not keywords_only])
        self._by_hash = {vocab.strings[rule_id]: rule for rule_id, rule in self._by_key.items()}
        self._matchers = [m for m in (*self._phrases.values(), self._tokens) if len(m)]
        self._sentences = (SentenceStarts(self.nlp) if "sentencizer" in self.nlp.pipe_names
                           else None)
        self._run_pipeline = any(_uses_sentences(r) for r in self.rules if r.kind == "tokens")

    def _flags(self, rule: Rule) -> int:
        return re.MULTILINE | (0 if rule.case_sensitive else re.IGNORECASE)

    def _compile(self, rule: Rule, problems: list[Problem]) -> None:
        self._by_key[rule.id] = rule
        for field, compiled in (("unless", self._unless), ("unless_before", self._unless_before)):
            value = getattr(rule, field)
            if value:
                compiled[rule.id] = re.compile(self._fold(value), self._flags(rule))
        for field, searches in (("unless_backed", self._unless_backed),
                                ("if_echoed", self._if_echoed),
                                ("if_unsourced", self._if_unsourced)):
            value = getattr(rule, field)
            if value:
                pattern = re.compile(self._fold(value), self._flags(rule))
                if pattern not in self._searches:
                    self._searches[pattern] = Search(pattern)
                searches[rule.id] = self._searches[pattern]
        if rule.kind == "regex":
            self._regexes.append((rule, re.compile(self._fold(rule.pattern), self._flags(rule))))
        elif rule.kind == "phrases":
            matcher = self._phrases[rule.case_sensitive or self.lang == "zh"]
            matcher.add(rule.id, [self.nlp.make_doc(self._fold(p)) for p in rule.pattern])
        else:
            try:
                self._tokens.add(rule.id, _fold_strings(rule.pattern, self._fold))
            except Exception as exc:  # spaCy reports bad token patterns as several error types
                path, _, line = rule.source.rpartition(":")
                problems.append(Problem(path, int(line) if line.isdigit() else None,
                                        f"rule {rule.id}: tokens: {str(exc).strip()}"))

    def tokenise(self, text: str) -> Any:
        """The Doc the rules run on: tokens only, unless a token rule asks for sentence starts
        (then the whole pipeline runs); `suggest` computes sentences without the component."""
        return self.nlp(text) if self._run_pipeline else make_doc(self.nlp, text)

    def matches(self, doc: Any, text: str, headline: tuple[int, int] | None = None,
                folded: str | None = None) -> list[tuple[Rule, int, int]]:
        """Every raw match as (rule, start char, end char), before widening and checks; `text` is
        the text `doc` was made from (`doc.text` would rebuild it token by token), `folded` the
        text lower-cased if the caller has it. Regex rules for the headline only run when its
        range is given."""
        found: list[tuple[Rule, int, int]] = []
        by_hash = self._by_hash
        for matcher in self._matchers:
            for key, first, last in matcher(doc):
                end = doc[last - 1]
                found.append((by_hash[key], doc[first].idx, end.idx + len(end)))
        if folded is None:  # both scanners search the lower-cased text
            folded = text.lower()
        found.extend(self._scanner.finditer(text, folded=folded))
        if headline is not None:
            found.extend(item for item in self._headline_scanner.finditer(text, headline[1],
                                                                          folded)
                         if item[1] >= headline[0])
        return found

    def suggest(self, text: str, title: str | None = None) -> list[Suggestion]:
        """The suggestions for one text (its first line is the headline when it equals `title`
        or looks like one). Chinese is read with its Traditional characters folded (same
        length, so the offsets are those of `text`)."""
        text = self._fold(text)
        if title is not None:
            title = self._fold(title)
        doc = self.tokenise(text)
        sentences = self._sentences
        layout = Layout(text, self.lang, title,
                        None if sentences is None else lambda: sentences(doc))
        widened = []
        for rule, start, end in self.matches(doc, text, layout.headline, layout.lowered):
            raw = self._widen(rule, start, end, layout)
            if raw is not None:
                widened.append(raw)
        kept = _merge(widened)
        if self._if_unsourced and not self.keywords_only:
            unsourced = {raw[3] for raw in kept if raw[3] in self._if_unsourced}
            dropped = {rule_id for rule_id in unsourced
                       if not rests_on_unnamed(kept, layout, self._if_unsourced[rule_id])}
            if dropped:
                kept = _merge(raw for raw in widened if raw[3] not in dropped)
        kept = _headline_first(kept, layout.headline)
        if self._hidden:
            kept = [raw for raw in kept if raw[2] not in self._hidden]
        return [Suggestion(*raw) for raw in kept]

    def _widen(self, rule: Rule, start: int, end: int, layout: Layout) -> Raw | None:
        if self.keywords_only:
            return start, end, rule.device, rule.id, rule.reason
        if rule.where != "any" and layout.in_headline(start) != (rule.where == "headline"):
            return None
        if rule.outside_quotes and layout.quoted(start, end):
            return None
        unless = self._unless.get(rule.id)
        if unless is not None and layout.context_matches(unless, start, end):
            return None
        before = self._unless_before.get(rule.id)
        if before is not None and before.search(layout.before(start)):
            return None
        left, right = layout.extend(rule.span, start, end)
        if left >= right:
            return None
        evidence = self._unless_backed.get(rule.id)
        if evidence is not None and layout.backed(layout.text[left:right], evidence):
            return None
        echo = self._if_echoed.get(rule.id)
        if echo is not None and not layout.backed(layout.text[left:right], echo):
            return None
        return left, right, rule.device, rule.id, rule.reason


#: In the headline, a suggestion of these devices (in this order) takes the place of the other
#: devices' suggestions inside it: the annotation's spans never overlap, an unverified headline
#: is one span (nothing inside it is labelled again), and a question headline is a question, not
#: an attribution or a slogan inside it.
HEADLINE_FIRST = ("UNVERIFIED_HEADLINE", "RHETORICAL_QUESTION")


def rests_on_unnamed(kept: Sequence[Raw], layout: Layout, named: Search) -> bool:
    """Whether the story under the headline rests on unnamed sources: its body carries at least
    UNSOURCED_AT_LEAST sourcing suggestions among `kept`, and UNSOURCED_PER_NAMED of them for
    each named, checkable attribution `named` finds in the body outside quotations."""
    body = layout.headline[1] if layout.headline else 0
    # places, not rules: two rules suggesting the same span count once
    unnamed = len({(raw[0], raw[1]) for raw in kept if raw[2] in UNSOURCED_DEVICES
                   and raw[0] >= body})
    if unnamed < UNSOURCED_AT_LEAST:
        return False
    # a name inside someone's quoted words is their story, not the writer's sourcing; the
    # search stops at the first named attribution too many
    allowed = unnamed // UNSOURCED_PER_NAMED
    named_count = 0
    for start, end in named.spans(layout.text, body, layout.lowered):
        if not layout.quoted(start, end):
            named_count += 1
            if named_count > allowed:
                return False
    return True


def _headline_first(kept: list[Raw], headline: tuple[int, int] | None) -> list[Raw]:
    """`kept` without the suggestions a headline-wide one of `HEADLINE_FIRST` takes the place of."""
    if headline is None or not kept:
        return kept
    first, last = headline
    inside = [raw for raw in kept if first <= raw[0] and raw[1] <= last]
    for device in HEADLINE_FIRST:
        covers = [(raw[0], raw[1]) for raw in inside if raw[2] == device]
        if covers:
            dropped = {raw for raw in inside if raw[2] != device
                       and any(start <= raw[0] and raw[1] <= end for start, end in covers)}
            return [raw for raw in kept if raw not in dropped] if dropped else kept
    return kept


def _same(text: str) -> str:
    return text


def _fold_strings(value: Any, folding: Any) -> Any:
    """A token pattern with every string in it folded (keys and non-strings as they are)."""
    if isinstance(value, str):
        return folding(value)
    if isinstance(value, list):
        return [_fold_strings(item, folding) for item in value]
    if isinstance(value, dict):
        return {key: _fold_strings(item, folding) for key, item in value.items()}
    return value


def _uses_sentences(rule: Rule) -> bool:
    """True when a token rule tests sentence starts (only a full pipeline run sets them)."""
    return any(str(name).upper() in SENTENCE_ATTRIBUTES
               for pattern in rule.pattern for token in pattern for name in token)


def merge_nested(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions in reading order where a span inside a wider span of the same device takes
    the wider range (its rule and reason are kept), and exact repeats of a rule are dropped."""
    raw = ((s.start, s.end, s.label, s.rule, s.reason) for s in suggestions)
    return [Suggestion(*item) for item in _merge(raw)]


def _nesting_order(raw: Raw) -> tuple[str, int, int, str]:
    """By device, then start, wider first, then rule."""
    start, end, label, rule, _ = raw
    return label, start, -end, rule


def _merge(suggestions: Iterable[Raw]) -> list[Raw]:
    """`merge_nested` on raw tuples, sorted as Suggestions sort."""
    kept: list[Raw] = []
    outer: dict[str, tuple[int, int]] = {}
    seen: set[tuple[int, int, str, str]] = set()
    for start, end, label, rule, reason in sorted(suggestions, key=_nesting_order):
        wide = outer.get(label)
        if wide is not None and wide[0] <= start and end <= wide[1]:
            start, end = wide
        else:
            outer[label] = (start, end)
        key = (start, end, label, rule)
        if key not in seen:
            seen.add(key)
            kept.append((start, end, label, rule, reason))
    return sorted(kept)
