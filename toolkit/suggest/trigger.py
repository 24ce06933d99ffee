"""Run many regular expressions over one text with one scan: a shared trigger finds the places
where some rule's literal prefix occurs, and only there are the rules tried.

Each rule's regex is parsed to find strings every match must start with (skipping zero-width
`\\b`, `^` and look-arounds, following groups, alternatives and optional parts, up to
`MAX_LENGTH` characters; a space in a prefix stands for any whitespace). All prefixes of all rules
go into one trigger regex shaped like a trie: one branch per first character, so that the regex
engine skips the other characters quickly. At each position it finds the longest prefix; only
the rules owning that prefix or a shorter prefix of it are then matched in place. The matches are
exactly those of `finditer` for every rule (the tests check this); a rule whose matches can start
anywhere keeps its own `finditer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

try:  # Python >= 3.11
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_compile  # type: ignore[no-redef]
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PREFIXES = 400
MAX_LENGTH = 16
#: In a prefix, a space stands for any whitespace (`\s` in the trigger).
SPACE = " "
#: A word boundary, for prefixes whose `\b` the trigger itself could not check.
BOUNDARY = re.compile(r"\b")
WORD = re.compile(r"\w")
WHITESPACE = re.compile(r"\s")
ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)
REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None))
#: Lower-case characters a case-insensitive regex treats as one (ſ/s, ı/i, ς/σ ...), beyond
#: lower-casing; `re` itself keeps the table.
EXTRA_CASES: dict[int, tuple[int, ...]] = getattr(sre_compile, "_EXTRA_CASES", {})

#: A prefix under construction: its text, whether it is all of the match so far (so what
#: follows may extend it), and whether a `\b` comes before its first character.
Piece = tuple[str, bool, bool]
Keyed = tuple[Any, re.Pattern[str]]


def _sequence(items: Sequence[tuple[Any, Any]]) -> set[Piece]:
    """The pieces every match of `items` starts with (a piece with empty text: anything)."""
    found: set[Piece] = {("", True, False)}
    for op, av in items:
        if op == sre_c.AT and av == sre_c.AT_BOUNDARY:
            found = {(text, whole, bounded or not text) for text, whole, bounded in found}
        elif op not in ZERO_WIDTH:
            found = _concat(found, _item(op, av))
            if not any(whole for _, whole, _ in found):
                break
    return found


def _item(op: Any, av: Any) -> set[Piece]:
    """The pieces one parsed regex item starts with."""
    if op == sre_c.LITERAL:
        return {(_one(chr(av)), True, False)}
    if op == sre_c.IN:
        chars = _class(av)
        return {(char, True, False) for char in chars} if chars else {("", False, False)}
    if op == sre_c.SUBPATTERN:
        _, add_flags, _, body = av
        return _sequence(body) if not add_flags & re.ASCII else _unbounded(_sequence(body))
    if op == sre_c.BRANCH:
        return _limit({piece for branch in av[1] for piece in _sequence(branch)})
    if op in REPEATS:
        low, high, body = av
        once = _sequence(body)
        if high != 1:  # another repetition may follow the first one
            once = {(text, False, bounded) for text, _, bounded in once}
        return once | {("", True, False)} if low == 0 else once
    return {("", False, False)}


def _unbounded(found: set[Piece]) -> set[Piece]:
    """Pieces whose `\\b` is an ASCII one: the trigger's Unicode `\\b` cannot stand for it."""
    return {(text, whole, False) for text, whole, _ in found}


def _one(char: str) -> str:
    return SPACE if char.isspace() else char


def _class(av: Any) -> set[str] | None:
    """The characters of a class made only of literals and `\\s`, or None."""
    chars = set()
    for kind, value in av:
        if kind == sre_c.LITERAL:
            chars.add(_one(chr(value)))
        elif kind == sre_c.CATEGORY and value == sre_c.CATEGORY_SPACE:
            chars.add(SPACE)
        else:
            return None
    return chars


def _concat(left: set[Piece], right: set[Piece]) -> set[Piece]:
    """`right` appended to every piece of `left` that is the whole match so far."""
    found = {piece for piece in left if not piece[1]}
    for text, whole, bounded in left:
        if not whole:
            continue
        for more, more_whole, more_bounded in right:
            joined = text + more
            found.add((joined[:MAX_LENGTH], more_whole and len(joined) < MAX_LENGTH,
                       bounded if text else bounded or more_bounded))
    return _limit(found)


def _limit(found: set[Piece]) -> set[Piece]:
    """At most MAX_PREFIXES pieces: shorter prefixes (still true ones) when there are more."""
    length = max((len(text) for text, _, _ in found), default=0)
    while len(found) > MAX_PREFIXES and length > 0:
        length -= 1
        found = {(text[:length], whole and len(text) <= length, bounded)
                 for text, whole, bounded in found}
    return found


def literal_prefixes(pattern: re.Pattern[str]) -> set[tuple[str, bool]] | None:
    """(prefix, after_word_boundary) pairs, lower-cased, that every match of `pattern` starts
    with, its case ignored (a case-sensitive match is also a case-insensitive one); None when a
    match could start with anything."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - it compiled, so it parses
        return None
    pieces = _sequence(list(parsed))
    if pattern.flags & re.ASCII:
        pieces = _unbounded(pieces)
    found = {(_fold(text), bounded) for text, _, bounded in pieces}
    if any(not text for text, _ in found):
        return None
    return found


def _fold(text: str) -> str:
    """Lower-cased, up to the first character whose lower case is longer than one."""
    folded = ""
    for char in text:
        lower = char.lower()
        if len(lower) != 1:
            break
        folded += _canonical(lower)
    return folded


def _equivalents(char: str) -> list[str]:
    """The lower-case characters a case-insensitive match treats as `char`, itself first."""
    seen = [char]
    for current in seen:
        seen.extend(chr(c) for c in EXTRA_CASES.get(ord(current), ()) if chr(c) not in seen)
    return seen


def _canonical(char: str) -> str:
    """One representative of `char`'s equivalents."""
    return min(_equivalents(char))


#: A triggered pattern with its place in the order given: (index, key, pattern).
Indexed = tuple[int, Any, re.Pattern[str]]


@dataclass(frozen=True)
class _Entry:
    """The patterns to try where one prefix is the longest that matched: those owning it or a
    shorter prefix of it. Prefixes after `\\b` count only at a word boundary; `check` says the
    trigger did not check that boundary itself."""

    at_boundary: tuple[Indexed, ...]
    inside: tuple[Indexed, ...]
    check: bool


class TriggeredPatterns:
    """A set of (key, pattern) pairs run together; `finditer(text)` yields (key, start, end)."""

    def __init__(self, patterns: Sequence[Keyed]) -> None:
        self.fallback: list[Keyed] = []
        self._triggered: list[Keyed] = []
        owners: dict[tuple[str, bool], list[Indexed]] = defaultdict(list)
        for key, pattern in patterns:
            found = literal_prefixes(pattern)
            if found is None:
                self.fallback.append((key, pattern))
                continue
            for prefix in sorted(found):
                owners[prefix].append((len(self._triggered), key, pattern))
            self._triggered.append((key, pattern))
        self._owners = dict(owners)
        checked = _checked_first_characters(owners)
        self._entries = {text: _entry(text, self._owners, text[0] in checked)
                         for text, _ in owners}
        words = {text for text, _ in owners}
        self.trigger = re.compile(_trigger(words, checked)) if words else None

    @property
    def by_char(self) -> dict[str, list[Keyed]]:
        """The triggered patterns grouped by the first character of their prefixes."""
        grouped: dict[str, dict[int, Keyed]] = defaultdict(dict)
        for (text, _), owned in self._owners.items():
            for index, key, pattern in owned:
                grouped[text[0]].setdefault(index, (key, pattern))
        return {first: list(pairs.values()) for first, pairs in grouped.items()}

    def finditer(self, text: str) -> Iterator[tuple[Any, int, int]]:
        """Every match of every pattern, as (key, start, end), exactly as `finditer` finds them."""
        folded = text.lower()
        if len(folded) != len(text):  # a few characters change length when lower-cased
            yield from self._scan(text, [*self.fallback, *self._triggered])
            return
        yield from self._scan(text, self.fallback)
        if self.trigger is None:
            return
        search = self.trigger.search
        last_end = [0] * len(self._triggered)  # where each pattern's last match ended
        found = search(folded)
        while found is not None:
            position = found.start()
            entry = self._entry_for(found.group())
            at_boundary = not entry.check or BOUNDARY.match(folded, position) is not None
            for index, key, pattern in entry.at_boundary if at_boundary else entry.inside:
                if position >= last_end[index]:
                    match = pattern.match(text, position)
                    if match is not None and match.end() > position:
                        last_end[index] = match.end()
                        yield key, position, match.end()
            found = search(folded, position + 1)

    def _entry_for(self, prefix: str) -> _Entry:
        """The entry of the prefix the trigger matched."""
        entry = self._entries.get(prefix)
        if entry is None:  # other whitespace, or a case equivalent (ſ for s ...)
            entry = self._entries["".join(_canonical(_one(char)) for char in prefix)]
        return entry

    @staticmethod
    def _scan(text: str, patterns: Sequence[Keyed]) -> Iterator[tuple[Any, int, int]]:
        for key, pattern in patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    yield key, match.start(), match.end()


def _checked_first_characters(owners: Collection[tuple[str, bool]]) -> set[str]:
    """First characters whose prefixes all follow `\\b` and are word characters: the trigger
    checks their boundary itself (a word character not preceded by one)."""
    plain = {text[0] for text, boundary in owners if not boundary}
    return {text[0] for text, boundary in owners if boundary and text[0] not in plain
            and all(WORD.match(char) for char in _equivalents(text[0]))}


def _entry(text: str, owners: dict[tuple[str, bool], list[Indexed]], checked: bool) -> _Entry:
    """The patterns owning `text` or a shorter prefix of it, in the order they were given."""
    def owning(boundary: bool) -> dict[int, Indexed]:
        return {owned[0]: owned for end in range(1, len(text) + 1)
                for owned in owners.get((text[:end], boundary), ())}

    plain, bounded = owning(False), owning(True)
    at_boundary = {**bounded, **plain}
    return _Entry(tuple(at_boundary[i] for i in sorted(at_boundary)),
                  tuple(plain[i] for i in sorted(plain)),
                  check=len(at_boundary) > len(plain) and not checked)


def _trigger(words: set[str], checked: set[str]) -> str:
    """The trigger regex for all prefixes. Mostly, one trie whose first characters let the regex
    engine skip the rest of the text. When most prefixes are words that must follow a word
    boundary (English), nearly every letter is a possible first character; then checking `\\b`
    first at each position is cheaper, so those words get a trie of their own behind `\\b`."""
    bounded = {word for word in words if word[0] in checked}
    others = words - bounded
    if len(bounded) <= len(others):
        return _trie(words, checked)
    parts = [_trie(others)] if others else []
    parts.append(rf"\b(?:{_trie(bounded)})")
    return "|".join(parts)


def _trie(words: set[str], checked: Collection[str] = (), top: bool = True) -> str:
    """An alternation matching the longest of `words` that starts at a position: one branch per
    first character (longer continuations tried before stopping). At the top, each character
    a case-insensitive match treats alike gets its own branch (so that the regex engine can skip
    to the possible first characters); branches for a character in `checked` also require a
    word boundary before it (a look-behind after the character)."""
    branches = []
    for first in sorted({word[0] for word in words}):
        rest = _continuations({word[1:] for word in words if word[0] == first})
        guard = r"(?<!\w\w)" if first in checked else ""
        if top and first != SPACE:
            branches.extend(re.escape(char) + guard + rest for char in _equivalents(first))
        else:
            branches.append(_atom(first) + guard + rest)
    return "|".join(branches)


def _atom(char: str) -> str:
    """The trigger's regex for one prefix character."""
    if char == SPACE:
        return r"\s"
    same = _equivalents(char)
    return re.escape(char) if len(same) == 1 else "[" + "".join(map(re.escape, same)) + "]"


def _continuations(rests: set[str]) -> str:
    """What may follow a trie node: the longer words first, then the end when a word ends."""
    longer = {rest for rest in rests if rest}
    if not longer:
        return ""
    inner = _trie(longer, top=False)
    if "" in rests:
        return f"(?:{inner}|)"
    return f"(?:{inner})" if len({rest[0] for rest in longer}) > 1 else inner
