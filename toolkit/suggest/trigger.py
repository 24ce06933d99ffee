"""Run many regular expressions over one text with one scan: a shared trigger finds the places
where some rule's literal prefix occurs, and only there are the rules tried.

Each rule's regex is parsed to find the literal strings every match must start with (skipping
zero-width `\\b`, `^` and look-behinds). One combined alternation of all prefixes then locates the
candidate positions; at each one, only the rules with a prefix starting there (looked up by its
first two characters) are matched in place. The matches are exactly those of `finditer` for every
rule (the tests check this); a rule whose matches can start anywhere keeps its own `finditer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

try:  # Python >= 3.11
    from re import _constants as sre_c, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PREFIXES = 400
KEY_LENGTH = 2  # rules are looked up by the first two characters of their prefixes
ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)
REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None))


def _prefixes(items: Sequence[tuple[Any, Any]], at: int = 0) -> set[tuple[str, bool]] | None:
    """(prefix, after_word_boundary) pairs that every match of items[at:] starts with, or None
    when a match could start with anything (or be empty)."""
    boundary = False
    while at < len(items):
        op, av = items[at]
        if op in ZERO_WIDTH:
            boundary = boundary or (op == sre_c.AT and av == sre_c.AT_BOUNDARY)
            at += 1
            continue
        if op == sre_c.LITERAL:
            text = ""
            while at < len(items) and items[at][0] == sre_c.LITERAL:
                text += chr(items[at][1])
                at += 1
            return {(text, boundary)}
        if op == sre_c.IN:
            if any(kind != sre_c.LITERAL for kind, _ in av):
                return None
            return {(chr(value), boundary) for _, value in av}
        if op == sre_c.SUBPATTERN:
            return _mark(_prefixes(list(av[-1]) + list(items[at + 1:])), boundary)
        if op == sre_c.BRANCH:
            found: set[tuple[str, bool]] = set()
            for branch in av[1]:
                sub = _prefixes(list(branch) + list(items[at + 1:]))
                if sub is None:
                    return None
                found |= sub
            return _mark(found, boundary) if len(found) <= MAX_PREFIXES else None
        if op in REPEATS:
            low, _, body = av
            head = _prefixes(list(body) + list(items[at + 1:]))
            if head is None:
                return None
            if low == 0:
                rest = _prefixes(items, at + 1)
                if rest is None:
                    return None
                head |= rest
            return _mark(head, boundary)
        return None
    return None


def _mark(found: set[tuple[str, bool]] | None, boundary: bool) -> set[tuple[str, bool]] | None:
    if found is None or not boundary:
        return found
    return {(text, True) for text, _ in found}


def literal_prefixes(pattern: re.Pattern[str]) -> set[tuple[str, bool]] | None:
    """The literal prefixes of a compiled pattern (lower-cased when it ignores case)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - it compiled, so it parses
        return None
    found = _prefixes(list(parsed))
    if found is None or any(not text for text, _ in found):
        return None
    if pattern.flags & re.IGNORECASE:
        found = {(text.lower(), boundary) for text, boundary in found}
    return found


class TriggeredPatterns:
    """A set of (key, pattern) pairs run together; `finditer(text)` yields (key, start, end)."""

    def __init__(self, patterns: Sequence[tuple[Any, re.Pattern[str]]]) -> None:
        self.fallback: list[tuple[Any, re.Pattern[str]]] = []
        by_char: dict[str, list[tuple[Any, re.Pattern[str]]]] = defaultdict(list)
        plain: set[str] = set()
        bounded: set[str] = set()
        for key, pattern in patterns:
            found = literal_prefixes(pattern) if pattern.flags & re.IGNORECASE else None
            if found is None:
                self.fallback.append((key, pattern))
                continue
            for head in sorted({text[:KEY_LENGTH] for text, _ in found}):
                by_char[head].append((key, pattern))
            for text, boundary in found:
                (bounded if boundary else plain).add(text)
        self.by_char = dict(by_char)
        self.triggers = [re.compile(prefix + "(?:" + "|".join(
            re.escape(t) for t in sorted(texts, key=lambda t: (-len(t), t))) + ")")
            for prefix, texts in ((r"\b", bounded), ("", plain)) if texts]

    def candidates(self, folded: str) -> list[int]:
        """Every position where some prefix occurs, in ascending order."""
        positions: set[int] = set()
        for trigger in self.triggers:
            match = trigger.search(folded)
            while match is not None:
                positions.add(match.start())
                match = trigger.search(folded, match.start() + 1)
        return sorted(positions)

    def finditer(self, text: str) -> Iterator[tuple[Any, int, int]]:
        """Every match of every pattern, as (key, start, end), exactly as `finditer` finds them."""
        folded = text.lower()
        if len(folded) != len(text):  # a few characters change length when lower-cased
            yield from self._scan(text, [*self.fallback, *{id(p): (k, p) for group in
                                   self.by_char.values() for k, p in group}.values()])
            return
        yield from self._scan(text, self.fallback)
        last_end: dict[int, int] = {}
        for position in self.candidates(folded):
            head = folded[position:position + KEY_LENGTH]
            for key, pattern in (*self.by_char.get(head[:1], ()), *self.by_char.get(head, ())):
                if position < last_end.get(id(pattern), 0):
                    continue
                match = pattern.match(text, position)
                if match is not None and match.end() > match.start():
                    last_end[id(pattern)] = match.end()
                    yield key, match.start(), match.end()

    @staticmethod
    def _scan(text: str, patterns: Sequence[tuple[Any, re.Pattern[str]]],
              ) -> Iterator[tuple[Any, int, int]]:
        for key, pattern in patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    yield key, match.start(), match.end()
