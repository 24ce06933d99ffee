"""A small reader of Python regular-expression syntax, for what `trigger.py` needs to know: the
literal characters a match must start with.

`parse(source, flags)` turns a pattern into a tree of plain tuples. It understands literals and
escapes, character classes made of literals and `\\s`, groups of every kind, alternatives,
repeats, `\\b` and the zero-width items; anything it cannot read for certain becomes ANY (it
could match anything), which only makes a prefix shorter, never wrong. A pattern it cannot read
at all (verbose mode, a syntax it does not know) raises `Unreadable`; the caller then scans
with the pattern itself. Only public means: the compiled pattern is never looked into.

Nodes:
    ("lit", char)                    one literal character
    ("in", frozenset | None)         a class of literal characters (" " stands for `\\s`), or
                                     None for a class of anything else
    ("group", branches, ascii)       alternatives, each a list of nodes; `ascii` when the group
                                     turns on re.ASCII
    ("repeat", low, high, nodes)     high is None for no upper bound
    ("boundary",)                    `\\b`
    ("after_nonword",)               a zero-width item true only at the start or after a character
                                     that is not a word character: ^, \\A, `(?<!\\w)`, a
                                     negative look-behind of one class with `\\w` in it, a
                                     look-behind ending with a character of no word
    ("zero",)                        any other zero-width item: $ \\Z \\B, look-arounds
    ("any",)                         something that could match any text
"""

from __future__ import annotations

import re
from typing import Any

Node = tuple[Any, ...]
ANY: Node = ("any",)
ZERO: Node = ("zero",)
AFTER_NONWORD: Node = ("after_nonword",)
#: A negative look-behind's body that is one class with `\w` in it (or `\w` itself).
NOT_AFTER_WORD = re.compile(r"\\w|\[(?!\^)(?:[^\]\\]|\\[^w])*\\w(?:[^\]\\]|\\.)*\]")
WORD = re.compile(r"\w")
SPACE = " "
#: Escapes that stand for one known character.
CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
#: Escapes for a class of characters other than whitespace.
CLASS_ESCAPES = set("dDwWS")
REPEAT_BOUNDS = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
INLINE_FLAGS = set("aiLmsux")


class Unreadable(ValueError):
    """The pattern uses syntax this reader does not follow."""


def parse(source: str, flags: int = 0) -> list[Node]:
    """The pattern's nodes (one branch), or Unreadable."""
    if flags & re.VERBOSE:
        raise Unreadable("verbose patterns are not read")
    reader = _Reader(source)
    try:
        branches = reader.alternatives()
    except (IndexError, KeyError, ValueError) as exc:  # a syntax this reader got wrong
        raise Unreadable(str(exc)) from exc
    if reader.position != len(source):
        raise Unreadable(f"unexpected {source[reader.position]!r}")
    return [("group", branches, False)] if len(branches) > 1 else branches[0]


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0

    def peek(self, ahead: int = 0) -> str:
        index = self.position + ahead
        return self.source[index] if index < len(self.source) else ""

    def take(self, text: str) -> bool:
        if self.source.startswith(text, self.position):
            self.position += len(text)
            return True
        return False

    def alternatives(self) -> list[list[Node]]:
        """Branches up to an unmatched `)` or the end."""
        branches = [self.sequence()]
        while self.take("|"):
            branches.append(self.sequence())
        return branches

    def sequence(self) -> list[Node]:
        nodes: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            if atom is None:
                continue
            nodes.append(self.repeat(atom))
        return nodes

    def repeat(self, atom: Node) -> Node:
        char = self.peek()
        if char and char in "*+?":
            self.position += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        elif char == "{":
            bounds = REPEAT_BOUNDS.match(self.source, self.position)
            if bounds is None or (bounds.group(1) == "" and bounds.group(2) is None):
                return atom  # not a repeat: a literal "{" (read as the next atom)
            self.position = bounds.end()
            low = int(bounds.group(1) or 0)
            if bounds.group(2) is None:
                high: int | None = low
            else:
                high = int(bounds.group(3)) if bounds.group(3) else None
        else:
            return atom
        if self.peek() in ("?", "+"):  # lazy or possessive: the same characters
            self.position += 1
        return ("repeat", low, high, [atom])

    def atom(self) -> Node | None:
        char = self.peek()
        self.position += 1
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        if char == ".":
            return ANY
        if char == "^":
            return AFTER_NONWORD
        if char == "$":
            return ZERO
        if char in "*+?":
            raise Unreadable("nothing to repeat")
        return ("lit", char)

    def group(self) -> Node | None:
        ascii_group = False
        if self.take("?"):
            if self.take("#"):
                end = self.source.find(")", self.position)
                if end < 0:
                    raise Unreadable("unterminated comment")
                self.position = end + 1
                return None
            if self.take(":") or self.take(">"):
                pass
            elif self.take("P<"):
                end = self.source.find(">", self.position)
                if end < 0:
                    raise Unreadable("unterminated group name")
                self.position = end + 1
            elif self.take("P="):
                end = self.source.find(")", self.position)
                if end < 0:
                    raise Unreadable("unterminated back-reference")
                self.position = end + 1
                return ANY
            elif self.peek() in ("=", "!") or self.source.startswith(("<=", "<!"),
                                                                      self.position):
                behind = self.source.startswith(("<=", "<!"), self.position)
                negative = self.source.startswith(("!", "<!"), self.position)
                self.position += 2 if behind else 1
                start = self.position
                branches = self.alternatives()
                body = self.source[start:self.position]
                self._close()
                if behind and negative and NOT_AFTER_WORD.fullmatch(body):
                    return AFTER_NONWORD
                if behind and not negative and all(map(_ends_without_word, branches)):
                    return AFTER_NONWORD
                return ZERO
            elif self.take("("):
                raise Unreadable("conditional groups are not read")
            else:
                added, scoped = self.inline_flags()
                if not scoped:
                    raise Unreadable("inline flags for the whole pattern are not read")
                ascii_group = "a" in added
        branches = self.alternatives()
        self._close()
        return ("group", branches, ascii_group)

    def inline_flags(self) -> tuple[str, bool]:
        """Flags of `(?aiLmsux-imsx:`; (added flags, True when a scoped group follows)."""
        start = self.position
        while self.peek() and (self.peek() in INLINE_FLAGS or self.peek() == "-"):
            self.position += 1
        flags = self.source[start:self.position]
        if self.take(":"):
            return flags.split("-")[0], True
        return flags, False

    def _close(self) -> None:
        if not self.take(")"):
            raise Unreadable("missing )")

    def escape(self) -> Node:
        char = self.peek()
        if char == "":
            raise Unreadable("a trailing backslash")
        self.position += 1
        if char == "b":
            return ("boundary",)
        if char == "A":
            return AFTER_NONWORD
        if char in "BZ":
            return ZERO
        if char == "s":
            return ("in", frozenset(SPACE))
        if char in CLASS_ESCAPES or char.isdigit():
            return ANY  # a class, an octal escape or a back-reference
        literal = self._escaped_char(char)
        return ANY if literal is None else ("lit", literal)

    def _escaped_char(self, char: str) -> str | None:
        """The character an escape such as `\\n`, `\\x41`, `\\u4e00` or `\\.` stands for."""
        if char in CHAR_ESCAPES:
            return CHAR_ESCAPES[char]
        digits = {"x": 2, "u": 4, "U": 8}.get(char)
        if digits is not None:
            text = self.source[self.position:self.position + digits]
            if len(text) != digits or not all(c in "0123456789abcdefABCDEF" for c in text):
                raise Unreadable("a malformed hexadecimal escape")
            self.position += digits
            return chr(int(text, 16))
        if char == "N" or char.isalnum():
            return None  # a named character or an unknown escape: not read here
        return char

    def char_class(self) -> Node:
        """`[...]`: the set of its characters when all are literals or `\\s`, else None."""
        chars: set[str] = set()
        known = True
        if self.take("^"):
            known = False
        first = True
        while True:
            char = self.peek()
            if char == "":
                raise Unreadable("unterminated character class")
            if char == "]" and not first:
                self.position += 1
                break
            first = False
            self.position += 1
            if char == "\\":
                escaped = self.peek()
                self.position += 1
                if escaped == "s":
                    chars.add(SPACE)
                    continue
                if escaped in CLASS_ESCAPES or escaped.isdigit() or escaped == "b":
                    known = False
                    continue
                literal = self._escaped_char(escaped)
                if literal is None:
                    known = False
                    continue
                char = literal
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                known = False  # a range
                self.position += 1
                if self.peek() == "\\":
                    self.position += 2
                    if self.source[self.position - 1] in "xuU":
                        self.position += {"x": 2, "u": 4, "U": 8}[self.source[self.position - 1]]
                else:
                    self.position += 1
                continue
            chars.add(SPACE if char.isspace() else char)
        return ("in", frozenset(chars) if known and chars else None)


def _ends_without_word(nodes: list[Node]) -> bool:
    """Whether the last character these nodes match is never a word character (a literal or a
    class of known characters, `\\s` among them, none of them a word character)."""
    if not nodes:
        return False
    last = nodes[-1]
    if last[0] == "repeat" and last[1] >= 1:
        return _ends_without_word(last[3])
    if last[0] == "lit":
        return not WORD.match(last[1])
    if last[0] == "in" and last[1] is not None:
        return not any(WORD.match(char) for char in last[1])
    return False
