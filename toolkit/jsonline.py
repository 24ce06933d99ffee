"""Decode one JSONL line into plain values, and find what no document may hold.

Python's json module accepts things doccano cannot store or that break later steps: NaN and
Infinity (and 1e400, which reads as infinity), integers of thousands of digits (`int()` refuses
them), nesting deep enough to exhaust the recursion limit, and `\\u0000` or lone-surrogate escapes.
Each becomes a message naming the field (`field "label"[0][1]: ...`), never an exception.
Valid lines decode exactly as `json.loads` decodes them; the extra checks run only when the raw
line could hold such a value, so that reading stays fast.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .files import max_digits, unstorable

#: Lists and objects may nest this deep in a line (a document needs 3 levels).
MAX_DEPTH = 100
TOO_DEEP = (f"lists and objects nested more than {MAX_DEPTH} levels deep "
            f"(at most {MAX_DEPTH} allowed)")
#: An escape that may stand for a NUL or a surrogate (pairs are fine, but are checked too).
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_CONTAINERS = (list, dict)


class _Number(str):
    """A JSON number no document may hold (NaN, Infinity, 1e400, thousands of digits), kept as
    its literal so that the message can quote it."""

    __slots__ = ()

    def problem(self) -> str:
        """What is wrong with this number."""
        digits = self.lstrip("-")
        if digits.isdigit():
            return f"a number with {len(digits)} digits (at most {max_digits()} allowed)"
        shown = self if len(self) <= 24 else self[:20] + "…"
        return f"{shown} is not a finite number (JSON numbers must be finite)"


class LineDecoder:
    """Decodes the lines of one file (it counts the odd numbers it meets, so use one per file)."""

    def __init__(self) -> None:
        self._odd_numbers = 0
        self._decoder = json.JSONDecoder(parse_float=self._float, parse_constant=self._odd)
        self._careful = json.JSONDecoder(parse_float=self._float, parse_constant=self._odd,
                                         parse_int=self._int)

    def _odd(self, literal: str) -> _Number:
        self._odd_numbers += 1
        return _Number(literal)

    def _float(self, literal: str) -> float | _Number:
        value = float(literal)
        return value if math.isfinite(value) else self._odd(literal)

    def _int(self, literal: str) -> int | _Number:
        return self._odd(literal) if len(literal.lstrip("-")) > max_digits() else int(literal)

    def decode(self, line: str) -> tuple[Any, list[str]]:
        """The value of one line (without its newline) and what is wrong with it ([] if nothing)."""
        before = self._odd_numbers
        try:
            value = self._decoder.decode(line)
        except json.JSONDecodeError as exc:
            return None, [f"invalid JSON: {exc.msg} (column {exc.colno})"]
        except RecursionError:
            return None, [TOO_DEEP]
        except ValueError:  # an integer too long for int(): read the line again, marking it
            try:
                value = self._careful.decode(line)
            except (ValueError, RecursionError) as exc:
                return None, [f"invalid JSON: {exc}"]
        messages: list[str] = []
        if self._odd_numbers != before or _SUSPECT_ESCAPE.search(line):
            messages = unstorable_values(value)
        if line.count("[") + line.count("{") > MAX_DEPTH:
            messages.extend(_too_deep(value))
        return value, messages


def unstorable_values(value: Any) -> list[str]:
    """What in a decoded value no document may hold, at most one message per top-level field:
    NUL characters, lone surrogates (in values and in names), non-finite or huge numbers."""
    messages: dict[str | int | None, str] = {}
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        top = path[0] if path else None
        if top in messages:
            continue
        message = None
        if isinstance(item, _Number):
            message = item.problem()
        elif isinstance(item, str):
            message = unstorable(item)
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                problem = unstorable(key)
                if problem is None:
                    stack.append((child, (*path, key)))
                elif (path[0] if path else key) not in messages:
                    messages[path[0] if path else key] = \
                        f"{field_name((*path, key))}: the name has a {problem}"
        elif isinstance(item, list):
            stack.extend((child, (*path, index))
                         for index, child in reversed(list(enumerate(item))))
        if message is not None:
            messages[top] = f"{field_name(path)}: {message}" if path else message
    order = {key: index for index, key in enumerate(value)} if isinstance(value, dict) else {}
    return [messages[top] for top in sorted(messages, key=lambda top: order.get(top, top or 0))]


def _too_deep(value: Any) -> list[str]:
    """TOO_DEEP for each top-level field nested deeper than MAX_DEPTH (checked level by level)."""
    fields = list(value.items()) if isinstance(value, dict) else list(enumerate(value)) \
        if isinstance(value, list) else []
    messages = []
    for key, child in fields:
        level = [child] if isinstance(child, _CONTAINERS) else []
        for _ in range(MAX_DEPTH - 1):
            level = [grandchild for container in level
                     for grandchild in (container.values() if isinstance(container, dict)
                                        else container)
                     if isinstance(grandchild, _CONTAINERS)]
            if not level:
                break
        if level:
            messages.append(f"{field_name((key,))}: {TOO_DEEP}")
    return messages


def field_name(path: tuple[str | int, ...]) -> str:
    """`field "label"[0][1]` for a path into a line's object (`item [0]` into a list)."""
    first, rest = path[0], path[1:]
    name = f"field {_quoted(first)}" if isinstance(first, str) else f"item [{first}]"
    return name + "".join(f"[{step}]" if isinstance(step, int) else f"[{_quoted(step)}]"
                          for step in rest)


def _quoted(key: str) -> str:
    """A name in double quotes, escaped to ASCII when it holds a character no terminal shows."""
    return json.dumps(key, ensure_ascii=unstorable(key) is not None)
