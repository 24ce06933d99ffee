"""Run many regular expressions over one text with one scan: a shared trigger finds the places
where some rule's literal prefix occurs, and only there are the rules tried.

Each rule's regex is parsed to find strings every match must start with (skipping zero-width
`\\b`, `^` and look-arounds, following groups, alternatives and optional parts, up to
`MAX_LENGTH` characters; a space in a prefix stands for any whitespace; what comes before no word
character counts as `\b` before a word character). All prefixes of all rules go into a trigger
regex shaped like a trie: one branch per first character, so that the regex engine skips the
other characters quickly (one regex per group of first characters when there are many, see
`_triggers`). At each position it finds the longest prefix; only
the rules owning that prefix or a shorter prefix of it are then matched in place. The matches are
exactly those of `finditer` for every rule (the tests check this); a rule whose matches can start
anywhere, or only with single characters (which `re` finds faster by itself), keeps its own
`finditer`. Regexes are read with `regex_syntax.py` (ours; no private module of `re` is used).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .regex_syntax import Node, Unreadable, parse

MAX_PREFIXES = 400
#: Appending what may follow to the pieces so far makes at most about this many pieces: what
#: follows is cut shorter first when there would be more (cutting 80,000 pieces down to 400
#: cost more than the rest of compiling the Chinese rules).
MAX_PRODUCT = 8 * MAX_PREFIXES
MAX_LENGTH = 16
#: At most this many first characters of prefixes in one trigger regex (see `_triggers`).
FIRSTS_PER_TRIGGER = 32
#: In a prefix, a space stands for any whitespace (`\s` in the trigger).
SPACE = " "
#: A word boundary, for prefixes whose `\b` the trigger itself could not check.
BOUNDARY = re.compile(r"\b")
WORD = re.compile(r"\w")
WHITESPACE = re.compile(r"\s")
#: Lower-case characters that a case-insensitive regex treats as one beyond lower-casing (ſ/s,
#: ı/i, ς/σ ...), as pairs "ab" read "a also matches b". It is a fact of Unicode's case mapping
#: and of `re`: tests/suggest/test_suggest_shortcuts.py derives it again from `str.upper()` and
#: `re.fullmatch(..., re.IGNORECASE)` over every code point and fails if Python changes it.
EXTRA_CASE_PAIRS = (
    "i\u0131 s\u017f \u00b5\u03bc \u0131i \u017fs \u0345\u03b9 \u0345\u1fbe \u0390\u1fd3 "
    "\u03b0\u1fe3 \u03b2\u03d0 \u03b5\u03f5 \u03b8\u03d1 \u03b9\u0345 \u03b9\u1fbe "
    "\u03ba\u03f0 \u03bc\u00b5 \u03c0\u03d6 \u03c1\u03f1 \u03c2\u03c3 \u03c3\u03c2 "
    "\u03c6\u03d5 \u03d0\u03b2 \u03d1\u03b8 \u03d5\u03c6 \u03d6\u03c0 \u03f0\u03ba "
    "\u03f1\u03c1 \u03f5\u03b5 \u0432\u1c80 \u0434\u1c81 \u043e\u1c82 \u0441\u1c83 "
    "\u0442\u1c84 \u0442\u1c85 \u044a\u1c86 \u0463\u1c87 \u1c80\u0432 \u1c81\u0434 "
    "\u1c82\u043e \u1c83\u0441 \u1c84\u0442 \u1c84\u1c85 \u1c85\u0442 \u1c85\u1c84 "
    "\u1c86\u044a \u1c87\u0463 \u1c88\ua64b \u1e61\u1e9b \u1e9b\u1e61 \u1fbe\u0345 "
    "\u1fbe\u03b9 \u1fd3\u0390 \u1fe3\u03b0 \ua64b\u1c88 \ufb05\ufb06 \ufb06\ufb05")
EXTRA_CASES: dict[int, tuple[int, ...]] = {}
for _pair in EXTRA_CASE_PAIRS.split():
    EXTRA_CASES[ord(_pair[0])] = (*EXTRA_CASES.get(ord(_pair[0]), ()), ord(_pair[1]))

#: Of a prefix with no text yet: what comes before it is no word character (`^`, `(?<!\w)` ...),
#: which is a `\b` if its first character turns out to be a word character.
AFTER_NONWORD = "after a non-word character"
#: A prefix under construction: its text, whether it is all of the match so far (so what
#: follows may extend it), and whether a `\b` comes before its first character (True), or
#: AFTER_NONWORD while it has no text.
Piece = tuple[str, bool, bool | str]
Keyed = tuple[Any, re.Pattern[str]]


def _sequence(nodes: Sequence[Node]) -> set[Piece]:
    """The pieces every match of `nodes` starts with (a piece with empty text: anything)."""
    found: set[Piece] = {("", True, False)}
    for node in nodes:
        kind = node[0]
        if kind == "boundary":
            found = {(text, whole, bounded or not text) for text, whole, bounded in found}
        elif kind == "after_nonword":
            found = {(text, whole, bounded or (not text and AFTER_NONWORD))
                     for text, whole, bounded in found}
        elif kind != "zero":
            found = _concat(found, _item(node))
            if not any(whole for _, whole, _ in found):
                break
    return found


def _item(node: Node) -> set[Piece]:
    """The pieces one node starts with."""
    kind = node[0]
    if kind == "lit":
        return {(_one(node[1]), True, False)}
    if kind == "in":
        chars = node[1]
        return {(char, True, False) for char in chars} if chars else {("", False, False)}
    if kind == "group":
        _, branches, ascii_group = node
        found = _limit({piece for branch in branches for piece in _sequence(branch)})
        return _unbounded(found) if ascii_group else found
    if kind == "repeat":
        _, low, high, body = node
        once = _sequence(body)
        if high != 1:  # another repetition may follow the first one
            once = {(text, False, bounded) for text, _, bounded in once}
        return once | {("", True, False)} if low == 0 else once
    return {("", False, False)}


def _bounded(bounded: bool | str, text: str) -> bool | str:
    """Whether a `\\b` comes before `text`, from the flag of the empty piece it was appended
    to: after a non-word character, that is a `\\b` when all of `text`'s first character's
    case equivalents are word characters (else nothing is known)."""
    if bounded != AFTER_NONWORD or not text:
        return bounded
    lower = _one(text[0]).lower()
    if len(lower) != 1:  # İ: its lower case is two characters
        return False
    return all(WORD.match(char) for char in _equivalents(_canonical(lower)))


def _unbounded(found: set[Piece]) -> set[Piece]:
    """Pieces whose `\\b` is an ASCII one: the trigger's Unicode `\\b` cannot stand for it."""
    return {(text, whole, False) for text, whole, _ in found}


def _one(char: str) -> str:
    return SPACE if char.isspace() else char


def _concat(left: set[Piece], right: set[Piece]) -> set[Piece]:
    """`right` appended to every piece of `left` that is the whole match so far."""
    found = {piece for piece in left if not piece[1]}
    extended = [piece for piece in left if piece[1]]
    if len(extended) * len(right) > MAX_PRODUCT:  # cut the right part first: fewer to cut after
        right = _limit(right, max(1, MAX_PRODUCT // len(extended)))
    for text, _, bounded in extended:
        for more, more_whole, more_bounded in right:
            joined = text + more
            found.add((joined[:MAX_LENGTH], more_whole and len(joined) < MAX_LENGTH,
                       bounded if text else _bounded(bounded or more_bounded, joined)))
    return _limit(found)


def _limit(found: set[Piece], most: int = MAX_PREFIXES) -> set[Piece]:
    """At most `most` pieces (more only when `most` is below the few pieces of no text):
    shorter prefixes, still true ones, when there are more.

    The pieces are cut to the longest length that leaves few enough, but only as many of them
    as needed: cutting all of them to one length too few characters often leaves far fewer
    (400 two-character words and a handful of longer ones cut to one character each leave the
    few dozen characters they start with), and every prefix cut shorter than it had to be makes
    the trigger stop, and its rules be tried, where they cannot match. So the pieces cut one
    character longer are grouped by what they share at that length, and the largest groups are
    cut (each to the prefixes they share) until few enough remain."""
    if len(found) <= most:
        return found
    short, long = 0, max(len(text) for text, _, _ in found)
    while long - short > 1:  # cutting leaves fewer pieces the shorter they are cut
        middle = (short + long) // 2
        if len(_cut(found, middle)) <= most:
            short = middle
        else:
            long = middle
    kept = _cut(found, long)
    groups: dict[str, list[Piece]] = defaultdict(list)
    for piece in kept:
        if len(piece[0]) > short:
            groups[piece[0][:short]].append(piece)
    for start in sorted(groups, key=lambda text: (-len(groups[text]), text)):
        if len(kept) <= most:
            break
        kept.difference_update(groups[start])
        kept.update(_cut(groups[start], short))
    return kept


def _cut(pieces: Collection[Piece], length: int) -> set[Piece]:
    """The pieces cut to at most `length` characters (a piece cut is no longer whole)."""
    return {(text[:length], whole and len(text) <= length, bounded)
            for text, whole, bounded in pieces}


def literal_prefixes(pattern: re.Pattern[str]) -> set[tuple[str, bool]] | None:
    """(prefix, after_word_boundary) pairs, lower-cased, that every match of `pattern` starts
    with, its case ignored (a case-sensitive match is also a case-insensitive one); None when a
    match could start with anything, or the pattern's syntax is not read (regex_syntax.py)."""
    try:
        nodes = parse(pattern.pattern, pattern.flags)
    except Unreadable:
        return None
    pieces = _sequence(nodes)
    if pattern.flags & re.ASCII:
        pieces = _unbounded(pieces)
    found = {(_fold(text), bounded is True) for text, _, bounded in pieces}
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
        #: Each fallback pattern with the characters (lower-cased, every case equivalent) that
        #: all its matches start with, or "" when they could start with anything.
        self._firsts: list[tuple[Any, re.Pattern[str], str]] = []
        self._triggered: list[Keyed] = []
        owners: dict[tuple[str, bool], list[Indexed]] = defaultdict(list)
        for key, pattern in patterns:
            found = literal_prefixes(pattern)
            if found is None or all(len(text) == 1 for text, _ in found):
                # anything, or single characters (a question mark, a comma): `re` scans for
                # those in C faster than the trigger could stop at each one
                self.fallback.append((key, pattern))
                self._firsts.append((key, pattern, _first_characters(found)))
                continue
            for prefix in sorted(found):
                owners[prefix].append((len(self._triggered), key, pattern))
            self._triggered.append((key, pattern))
        self._owners = dict(owners)
        checked = _checked_first_characters(owners)
        self._entries = {text: _entry(text, self._owners, text[0] in checked)
                         for text, _ in owners}
        words = {text for text, _ in owners}
        self.triggers = [re.compile(source) for source in _triggers(words, checked)]

    @property
    def by_char(self) -> dict[str, list[Keyed]]:
        """The triggered patterns grouped by the first character of their prefixes."""
        grouped: dict[str, dict[int, Keyed]] = defaultdict(dict)
        for (text, _), owned in self._owners.items():
            for index, key, pattern in owned:
                grouped[text[0]].setdefault(index, (key, pattern))
        return {first: list(pairs.values()) for first, pairs in grouped.items()}

    def finditer(self, text: str, before: int | None = None, folded: str | None = None,
                 start: int = 0) -> Iterator[tuple[Any, int, int]]:
        """Every match of every pattern, as (key, start, end), exactly as `finditer` finds them
        (`pattern.finditer(text, start)`: the text before `start` is still seen by
        look-behinds and `\\b`); only those starting before `before` when it is given (a match
        may reach beyond it). `folded` is `text.lower()` when the caller has it already."""
        before = len(text) if before is None else before
        folded = text.lower() if folded is None else folded
        if len(folded) != len(text):  # a few characters change length when lower-cased
            yield from self._scan(text, [*self.fallback, *self._triggered], before, start)
            return
        yield from self._scan_from_first(text, folded, before, start)
        stops: list[tuple[int, str]] = []  # where a trigger found a prefix, and the prefix
        end = min(len(folded), before + MAX_LENGTH)  # a prefix starting before `before` ends here
        for trigger in self.triggers:
            search = trigger.search
            found = search(folded, start, end)
            while found is not None and found.start() < before:
                stops.append((found.start(), found.group()))
                found = search(folded, found.start() + 1, end)
        if len(self.triggers) > 1:
            stops.sort()  # no two triggers stop at one place (they share no first character)
        entries, boundary = self._entries, BOUNDARY.match
        last_end = [0] * len(self._triggered)  # where each pattern's last match ended
        for position, prefix in stops:
            entry = entries.get(prefix) or self._entry_for(prefix)
            at_boundary = not entry.check or boundary(folded, position) is not None
            for index, key, pattern in entry.at_boundary if at_boundary else entry.inside:
                if position >= last_end[index]:
                    match = pattern.match(text, position)
                    if match is not None and match.end() > position:
                        last_end[index] = match.end()
                        yield key, position, match.end()

    def _entry_for(self, prefix: str) -> _Entry:
        """The entry of the prefix the trigger matched."""
        entry = self._entries.get(prefix)
        if entry is None:  # other whitespace, or a case equivalent (ſ for s ...)
            entry = self._entries["".join(_canonical(_one(char)) for char in prefix)]
        return entry

    def _scan_from_first(self, text: str, folded: str, before: int,
                         start: int = 0) -> Iterator[tuple[Any, int, int]]:
        """The fallback patterns' matches, each pattern's scan starting where the first of the
        characters its matches start with occurs (`str.find` is many times faster than `re`
        trying a pattern at every position); a pattern none of whose characters occur before
        `before` is not run at all. No match starts before that place, so `finditer` from
        there (which still sees the text before it, for look-behinds and `\\b`) finds exactly
        the matches of `finditer` over the whole text (from `start`). `folded` is `text`
        lower-cased, of the same length."""
        for key, pattern, firsts in self._firsts:
            first = start
            if firsts:
                places = [place for place in (folded.find(char, start) for char in firsts)
                          if place >= 0]
                if not places:
                    continue
                first = min(places)
                if first >= before:
                    continue
            for match in pattern.finditer(text, first):
                if match.start() >= before:
                    break
                if match.end() > match.start():
                    yield key, match.start(), match.end()

    @staticmethod
    def _scan(text: str, patterns: Sequence[Keyed], before: int,
              start: int = 0) -> Iterator[tuple[Any, int, int]]:
        for key, pattern in patterns:
            for match in pattern.finditer(text, start):
                if match.start() >= before:
                    break
                if match.end() > match.start():
                    yield key, match.start(), match.end()


class Search:
    """One pattern searched through a whole text: `spans(text, start)` gives the (start, end) of
    every match of `pattern.finditer(text, start)`. When every match starts with a literal
    prefix (so none is empty), through a trigger of its own: a long alternation of words (the
    named sources and documents an `unless_backed` looks for) is tried by `re` at every place
    one of its words could start, and so costs 2-3 times as much as the trigger's stops."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        scanner = TriggeredPatterns([(None, pattern)])
        self._scanner = None if scanner.fallback else scanner

    def spans(self, text: str, start: int = 0,
              folded: str | None = None) -> Iterator[tuple[int, int]]:
        """Where each match starts and ends; `folded` is `text.lower()` if the caller has it."""
        if self._scanner is None:
            return ((match.start(), match.end()) for match in self.pattern.finditer(text, start))
        return ((first, last) for _, first, last in self._scanner.finditer(text, None, folded,
                                                                           start))


def _first_characters(found: set[tuple[str, bool]] | None) -> str:
    """Every character (lower-cased) a match with one of these one-character prefixes starts
    with, case equivalents included; "" when a match could start with anything, or with any
    whitespace (a space in a prefix)."""
    if found is None or any(text == SPACE for text, _ in found):
        return ""
    return "".join(sorted({char for text, _ in found for char in _equivalents(text)}))


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


def _triggers(words: set[str], checked: set[str]) -> list[str]:
    """The trigger regexes for all prefixes: one (`_trigger`), unless the prefixes start with
    more than FIRSTS_PER_TRIGGER characters; then one per so many first characters (and one for
    whitespace, which would cost the others their skipping), whose stops are merged. Where one
    of its first characters occurs, `re` tries every alternative of the regex, one per first
    character, before it gives up: the 269 first characters of the Chinese rules cost about
    0.6 µs at each of the 950 places in the seed article where one occurs, and most of them
    begin no prefix. Searching the text once per group of first characters costs less."""
    firsts = sorted({word[0] for word in words})
    if len(firsts) <= FIRSTS_PER_TRIGGER:
        return [_trigger(words, checked)] if words else []
    groups = [[SPACE]] if SPACE in firsts else []
    rest = [first for first in firsts if first != SPACE]
    groups.extend(rest[at:at + FIRSTS_PER_TRIGGER]
                  for at in range(0, len(rest), FIRSTS_PER_TRIGGER))
    return [_trie({word for word in words if word[0] in group}, checked) for group in groups]


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
