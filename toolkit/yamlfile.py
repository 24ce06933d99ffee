"""YAML input files (device catalogues, lesson specs, suggestion patterns), read with line numbers.

`read_yaml` reads a file through `files.read_text` and parses it with PyYAML's safe loader, noting
the line of every mapping, every list and every key in a mapping. Whatever goes wrong (a missing
file, invalid UTF-8, a NUL byte, a YAML syntax error, a value PyYAML cannot build, a NUL or lone
surrogate written as an escape, nesting too deep) is one UnreadableFileError with file and line:
no yaml exception or OSError escapes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, UnreadableFileError
from .files import max_digits, read_text, unstorable
from .jsonline import MAX_DEPTH


#: The largest YAML file read (the built-in catalogue is under 40 KiB; PyYAML is slow on more).
MAX_YAML_BYTES = 4 * 2**20
TOO_DEEP = (f"lists and mappings nested more than {MAX_DEPTH} levels deep "
            f"(at most {MAX_DEPTH} allowed)")


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file: its data and where each mapping, list and key of it starts.

    A file read by the fast parser knows its lines only when a message first asks for one:
    `text` is then parsed again by the line-noting loader (see `read_yaml`)."""

    path: Path
    data: Any
    node_lines: dict[int, int] = field(default_factory=dict, repr=False)
    key_lines: dict[tuple[int, Any], int] = field(default_factory=dict, repr=False)
    text: str | None = field(default=None, repr=False, compare=False)

    def _lines(self) -> tuple[dict[int, int], dict[tuple[int, Any], int]]:
        if self.text is None:
            return self.node_lines, self.key_lines
        if "_noted" not in self.__dict__:  # frozen: cache beside the fields
            self.__dict__["_noted"] = _note_lines(self.data, self.text)
        return self.__dict__["_noted"]

    @property
    def name(self) -> str:
        """The path as given, for messages."""
        return str(self.path)

    def line_of(self, value: Any) -> int | None:
        """The line on which a mapping or list of this file starts (None for anything else)."""
        return self._lines()[0].get(id(value)) if isinstance(value, (dict, list)) else None

    def key_line(self, mapping: Any, key: Any) -> int | None:
        """The line of `key` in `mapping`, else the line of the mapping itself."""
        if isinstance(mapping, dict):
            try:
                line = self._lines()[1].get((id(mapping), key))
            except TypeError:  # an unhashable key cannot be in the mapping
                line = None
            if line is not None:
                return line
        return self.line_of(mapping)

    def problem(self, message: str, line: int | None = None) -> Problem:
        """A problem about this file."""
        return Problem(self.name, line, message)


def kind(value: Any) -> str:
    """What a YAML value is, for a message: `a text`, `a list`, `a number (5)`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        shown = str(value) if len(str(value)) <= 24 else "a very long one"
        return f"a number ({shown})"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


class _ValueProblem(Exception):
    """A value PyYAML can build but no input may hold; carries its line and message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """The safe loader, building whole mappings and lists (so that they are the objects kept in
    the data) and noting their lines and the lines of their keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.node_lines: dict[int, int] = {}
        self.key_lines: dict[tuple[int, Any], int] = {}
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose a node, refusing nesting deeper than MAX_DEPTH (before recursion runs out)."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _ValueProblem(self.peek_event().start_mark.line + 1, TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build a value; a failure becomes a problem on the value's line."""
        try:
            value = super().construct_object(node, deep=deep)
        except (yaml.YAMLError, _ValueProblem, RecursionError):
            raise
        except Exception as exc:  # a value PyYAML cannot build (a date like 2024-13-45, ...)
            raise _ValueProblem(node.start_mark.line + 1, f"invalid value: {exc}") from None
        if isinstance(value, str):
            problem = unstorable(value)
            if problem:
                raise _ValueProblem(node.start_mark.line + 1, f"the text has a {problem}")
        return value

    def construct_lined_map(self, node: yaml.MappingNode) -> dict[Any, Any]:
        """A mapping built completely, with its line and the line of each key."""
        mapping = self.construct_mapping(node, deep=True)
        self.node_lines[id(mapping)] = node.start_mark.line + 1
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                self.key_lines[(id(mapping), key)] = key_node.start_mark.line + 1
            except TypeError:
                pass
        return mapping

    def construct_lined_seq(self, node: yaml.SequenceNode) -> list[Any]:
        """A list built completely, with its line."""
        items = self.construct_sequence(node, deep=True)
        self.node_lines[id(items)] = node.start_mark.line + 1
        return items

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        """An integer of at most Python's number of digits (a longer one is a problem)."""
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > max_digits():
            raise _ValueProblem(node.start_mark.line + 1, f"a number with {digits} digits "
                                                          f"(at most {max_digits()} allowed)")
        return self.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_lined_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_lined_seq)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_bounded_int)


#: PyYAML's C parser, when it was built with libyaml: about six times faster than the loader
#: that notes lines, so a file is first read with it and its lines are noted only when a
#: message needs one.
_FAST = getattr(yaml, "CSafeLoader", None)


def _fast_data(text: str) -> tuple[bool, Any]:
    """(True, data) when the C parser reads `text` and the data holds nothing the line-noting
    loader would refuse (nesting, unstorable text, over-long numbers); else (False, None), and
    the line-noting loader reads it again to say what is wrong, and where."""
    if _FAST is None or "\t" in text:  # libyaml takes tabs where PyYAML's scanner refuses
        return False, None
    try:
        data = yaml.load(text, Loader=_FAST)  # noqa: S506 - a safe loader (CSafeLoader)
    except Exception:  # any failure is reported by the line-noting loader, with its line
        return False, None
    pending: list[tuple[Any, int]] = [(data, 0)]
    seen: set[int] = set()
    while pending:
        value, depth = pending.pop()
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH or id(value) in seen:  # too deep, or an alias: read slowly
                return False, None
            seen.add(id(value))
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)
        elif isinstance(value, str):
            if unstorable(value):
                return False, None
        elif isinstance(value, int) and not isinstance(value, bool):
            if len(str(abs(value))) > max_digits():
                return False, None
    return True, data


def _note_lines(data: Any, text: str) -> tuple[dict[int, int], dict[tuple[int, Any], int]]:
    """The lines of the mappings, lists and keys of `data` (read by the fast parser from
    `text`): the line-noting loader reads `text` again and the two readings are walked side by
    side (they are equal), so the lines are keyed by the objects of `data`."""
    loader = _Loader(text)
    try:
        try:
            noted = loader.get_single_data()
        except (yaml.YAMLError, _ValueProblem, RecursionError):  # the two parsers disagree:
            return {}, {}  # a message then names the file without a line, never fails
        node_lines: dict[int, int] = {}
        key_lines: dict[tuple[int, Any], int] = {}
        pending = [(data, noted)]
        while pending:
            fast, slow = pending.pop()
            if isinstance(fast, dict) and isinstance(slow, dict):
                if id(slow) in loader.node_lines:
                    node_lines[id(fast)] = loader.node_lines[id(slow)]
                for key in fast:
                    line = loader.key_lines.get((id(slow), key))
                    if line is not None:
                        key_lines[(id(fast), key)] = line
                    if key in slow:
                        pending.append((fast[key], slow[key]))
            elif isinstance(fast, list) and isinstance(slow, list):
                if id(slow) in loader.node_lines:
                    node_lines[id(fast)] = loader.node_lines[id(slow)]
                pending.extend(zip(fast, slow))
        return node_lines, key_lines
    finally:
        loader.dispose()


def read_yaml(path: str | os.PathLike[str], what: str) -> YamlFile:
    """Read and parse one YAML file (`what` names the kind, e.g. "a YAML lesson file");
    UnreadableFileError with file and line when it cannot be read or parsed."""
    name = str(path)
    text = read_text(path, what, MAX_YAML_BYTES)
    fast, data = _fast_data(text)
    if fast:
        return YamlFile(Path(path), data, text=text)
    loader = None
    try:
        loader = _Loader(text)
        data = loader.get_single_data()
        return YamlFile(Path(path), data, loader.node_lines, loader.key_lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "cannot parse it"
        if exc.context and reason.startswith("but "):  # "expected a single document ..."
            reason = f"{exc.context}, {reason}"
        raise UnreadableFileError(Problem(name, mark.line + 1 if mark else None,
                                          f"invalid YAML: {reason}{_hint(reason)}")) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise UnreadableFileError(Problem(name, line, f"invalid YAML: control character "
                                          f"{_code_point(exc.character)} is not allowed")) from None
    except yaml.YAMLError as exc:
        raise UnreadableFileError(Problem(name, None, f"invalid YAML: {exc}")) from None
    except _ValueProblem as exc:
        raise UnreadableFileError(Problem(name, exc.line, exc.message)) from None
    except RecursionError:
        raise UnreadableFileError(Problem(name, None, "invalid YAML: lists and mappings nested "
                                          "too deeply")) from None
    finally:
        if loader is not None:
            loader.dispose()


#: How to fix the syntax errors people make most when they type a value by hand.
HINTS = {
    "mapping values are not allowed here":
        "a value containing \": \" (such as a headline) must be quoted: "
        "title: \"Breaking: the news\"",
    "found character '\\t' that cannot start any token":
        "indent with spaces, not tabs",
    "found unexpected end of stream":
        "a quoted value is not closed: end it with the same quote mark it starts with",
    "found undefined alias":
        "a value starting with * must be quoted",
    "found character '@' that cannot start any token":
        "a value starting with @ or ` must be quoted",
    "found character '`' that cannot start any token":
        "a value starting with @ or ` must be quoted",
}


def _hint(reason: str) -> str:
    """` (hint: ...)` for a YAML error with a common cause, else nothing."""
    hint = next((text for start, text in HINTS.items() if reason.startswith(start)), None)
    return f" (hint: {hint})" if hint else ""


def _code_point(character: Any) -> str:
    """`U+0001` for a character or its number, as PyYAML's ReaderError holds either."""
    number = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"U+{number:04X}"
