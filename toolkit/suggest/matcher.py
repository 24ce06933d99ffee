"""Compile rules for one language into spaCy matchers and regular expressions, and run them.

Phrases go to a `PhraseMatcher`, token patterns to a `Matcher`, structures to regular expressions
over `doc.text`; all three yield code-point offsets of the input text, so nothing drifts. Each
match is then widened by its rule's span mode and vetted by its `where`/`unless` conditions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInputError, Problem
from ..spans import Span
from .extents import Layout
from .pipeline import get_pipeline
from .rules import Rule
from .trigger import TriggeredPatterns


@dataclass(frozen=True, order=True)
class Suggestion:
    """One suggested span and the rule (id and one-line reason) that suggested it."""

    start: int
    end: int
    label: str
    rule: str
    reason: str

    def __post_init__(self) -> None:
        Span(self.start, self.end, self.label)  # raises SpanError on a malformed range

    @property
    def span(self) -> Span:
        """The suggested range as a Span."""
        return Span(self.start, self.end, self.label)

    def to_meta(self) -> dict[str, Any]:
        """The plain record kept in a document's `suggestions` meta list."""
        return {"start": self.start, "end": self.end, "label": self.label,
                "rule": self.rule, "reason": self.reason}


class Suggester:
    """The rules of one language compiled once; `suggest(text)` runs them on one text."""

    def __init__(self, rules: Iterable[Rule], lang: str, segmenter: str = "char",
                 devices: Sequence[str] | None = None, keywords_only: bool = False) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.lang = lang
        self.keywords_only = keywords_only
        self.nlp = get_pipeline(lang, segmenter)
        wanted = set(devices) if devices is not None else None
        self.rules = [r for r in rules if r.lang == lang
                      and (wanted is None or r.device in wanted)
                      and (r.keyword_only or not keywords_only)]
        vocab = self.nlp.vocab
        self._phrases = {False: PhraseMatcher(vocab, attr="ORTH" if lang == "zh" else "LOWER"),
                         True: PhraseMatcher(vocab, attr="ORTH")}
        self._tokens = Matcher(vocab, validate=True)
        self._regexes: list[tuple[Rule, re.Pattern[str]]] = []
        self._by_key: dict[str, Rule] = {}
        self._unless: dict[str, re.Pattern[str]] = {}
        problems: list[Problem] = []
        for rule in self.rules:
            self._compile(rule, problems)
        if problems:
            raise InvalidInputError(problems, what="the suggestion rules")
        self._scanner = TriggeredPatterns(self._regexes)

    def _flags(self, rule: Rule) -> int:
        return re.MULTILINE | (0 if rule.case_sensitive else re.IGNORECASE)

    def _compile(self, rule: Rule, problems: list[Problem]) -> None:
        self._by_key[rule.id] = rule
        for field in ("unless", "unless_backed"):
            value = getattr(rule, field)
            if value:
                self._unless[f"{field}:{rule.id}"] = re.compile(value, self._flags(rule))
        if rule.kind == "regex":
            self._regexes.append((rule, re.compile(rule.pattern, self._flags(rule))))
        elif rule.kind == "phrases":
            matcher = self._phrases[rule.case_sensitive or self.lang == "zh"]
            matcher.add(rule.id, [self.nlp.make_doc(p) for p in rule.pattern])
        else:
            try:
                self._tokens.add(rule.id, rule.pattern)
            except Exception as exc:  # spaCy reports bad token patterns as several error types
                path, _, line = rule.source.rpartition(":")
                problems.append(Problem(path, int(line) if line.isdigit() else None,
                                        f"rule {rule.id}: tokens: {str(exc).strip()}"))

    def matches(self, doc: Any, text: str) -> list[tuple[Rule, int, int]]:
        """Every raw match as (rule, start char, end char), before widening and checks; `text` is
        the text `doc` was made from (`doc.text` would rebuild it token by token)."""
        found: list[tuple[Rule, int, int]] = []
        strings = self.nlp.vocab.strings
        for matcher in (*self._phrases.values(), self._tokens):
            if len(matcher):
                for key, first, last in matcher(doc):
                    found.append((self._by_key[strings[key]], doc[first].idx,
                                  doc[last - 1].idx + len(doc[last - 1])))
        found.extend(self._scanner.finditer(text))
        return found

    def suggest(self, text: str, title: str | None = None) -> list[Suggestion]:
        """The suggestions for one text (its first line is the headline when it equals `title`
        or looks like one)."""
        doc = self.nlp(text)
        layout = Layout(text, self.lang, doc, title)
        suggestions = []
        for rule, start, end in self.matches(doc, text):
            suggestion = self._widen(rule, start, end, layout)
            if suggestion is not None:
                suggestions.append(suggestion)
        return merge_nested(suggestions)

    def _widen(self, rule: Rule, start: int, end: int, layout: Layout) -> Suggestion | None:
        if self.keywords_only:
            return Suggestion(start, end, rule.device, rule.id, rule.reason)
        if rule.where != "any" and layout.in_headline(start) != (rule.where == "headline"):
            return None
        unless = self._unless.get(f"unless:{rule.id}")
        if unless is not None and unless.search(layout.context(start, end)):
            return None
        left, right = layout.extend(rule.span, start, end)
        if left >= right:
            return None
        evidence = self._unless.get(f"unless_backed:{rule.id}")
        if evidence is not None and layout.backed(layout.text[left:right], evidence):
            return None
        return Suggestion(left, right, rule.device, rule.id, rule.reason)


def merge_nested(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions in reading order where a span inside a wider span of the same device takes
    the wider range (its rule and reason are kept), and exact repeats of a rule are dropped."""
    ordered = sorted(suggestions, key=lambda s: (s.label, s.start, -s.end, s.rule))
    kept: list[Suggestion] = []
    outer: dict[str, tuple[int, int]] = {}
    seen: set[tuple[int, int, str, str]] = set()
    for item in ordered:
        wide = outer.get(item.label)
        if wide is not None and wide[0] <= item.start and item.end <= wide[1]:
            item = Suggestion(wide[0], wide[1], item.label, item.rule, item.reason)
        else:
            outer[item.label] = (item.start, item.end)
        key = (item.start, item.end, item.label, item.rule)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return sorted(kept)
