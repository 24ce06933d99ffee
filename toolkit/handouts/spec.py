"""Lesson specs (`lessons/NAME.yaml`): read with line numbers, check every key, report everything.

A spec is plain YAML. Every problem is reported as `PATH:LINE: key: message`, all at once; the
resolution against the annotation file and the device catalogue happens in `lesson.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

LANGUAGES = ("zh", "en")
LINE_NUMBER_STEPS = (1, 5)
REQUIRED = ("title", "language", "annotations")
OPTIONAL = ("document", "annotator", "level", "duration", "objectives", "focus", "questions",
            "notes", "line_numbers")
NOTE_KEYS = ("quote", "device", "occurrence", "note")


@dataclass(frozen=True)
class NoteSpec:
    """A teacher note for one span, keyed by the span's exact text and device (not offsets)."""

    quote: str
    device: str
    note: str
    occurrence: int | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if not self.quote or not self.device or not self.note:
            raise ValueError("a note needs quote, device and note")
        if self.occurrence is not None and self.occurrence < 1:
            raise ValueError("occurrence counts from 1")


@dataclass(frozen=True)
class LessonSpec:
    """What a lesson file says, type-checked but not yet resolved against the annotations."""

    path: Path
    title: str
    language: str
    annotations: Path
    document: str | int | None = None
    annotator: str | None = None
    level: str | None = None
    duration: str | None = None
    objectives: tuple[str, ...] = ()
    focus: tuple[str, ...] | None = None
    questions: tuple[str, ...] = ()
    notes: tuple[NoteSpec, ...] = ()
    line_numbers: int = 1
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        if self.line_numbers not in LINE_NUMBER_STEPS:
            raise ValueError(f"line_numbers must be one of {LINE_NUMBER_STEPS}")

    @property
    def name(self) -> str:
        """The lesson's name: the spec file name without `.yaml`; the output folder's name."""
        return self.path.stem

    def line_of(self, key: str) -> int | None:
        """The line of `key` in the spec file (None when the key is absent)."""
        return self.lines.get(key)


class _KeyLineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping and of every key in it."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.key_lines: dict[tuple[int, str], int] = {}
        self.node_lines: dict[int, int] = {}

    def construct_lined_map(self, node: Any) -> dict[Any, Any]:
        """Build a mapping completely (so it is the object kept in the data) and note lines."""
        mapping = self.construct_mapping(node, deep=True)
        self.node_lines[id(mapping)] = node.start_mark.line + 1
        for key_node, _ in node.value:
            if isinstance(key_node.value, str):
                self.key_lines[(id(mapping), key_node.value)] = key_node.start_mark.line + 1
        return mapping


_KeyLineLoader.add_constructor("tag:yaml.org,2002:map", _KeyLineLoader.construct_lined_map)


class _Checker:
    """Collects problems about one spec file; each problem names its key and line."""

    def __init__(self, path: Path, data: dict[str, Any], loader: _KeyLineLoader) -> None:
        self.path = path
        self.data = data
        self.loader = loader
        self.problems: list[Problem] = []

    def line(self, key: str, mapping: dict[str, Any] | None = None) -> int | None:
        mapping = self.data if mapping is None else mapping
        return self.loader.key_lines.get((id(mapping), key), self.loader.node_lines.get(id(mapping)))

    def report(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(str(self.path), line or self.line(key), f"{key}: {message}"))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.report(key, "missing (required)", self.loader.node_lines.get(id(self.data)))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.report(key, f"must be a non-empty text, got {_kind(value)}")
            return None
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.report(key, f"must be a list of non-empty texts, got {_kind(value)}")
            return None
        return tuple(v.strip() for v in value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else "a text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def read_spec(path: str | Path) -> tuple[LessonSpec | None, list[Problem]]:
    """Read and type-check a lesson spec; return it (None when unusable) and every problem."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(str(path), None, "no such lesson file")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, f"cannot read the lesson file: {exc}")]
    loader = _KeyLineLoader(source)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(str(path), line, f"invalid YAML: {reason}")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [Problem(str(path), None, "a lesson file must be a mapping of keys "
                                               f"({', '.join(REQUIRED + OPTIONAL)})")]
    checker = _Checker(path, data, loader)
    spec = _check(checker)
    return (spec if not checker.problems else None), checker.problems


def _check(c: _Checker) -> LessonSpec | None:
    for key in c.data:
        if key not in REQUIRED + OPTIONAL:
            c.report(str(key), f"unknown key (allowed: {', '.join(REQUIRED + OPTIONAL)})")
    title = c.text("title", required=True)
    language = c.text("language", required=True)
    if language is not None and language not in LANGUAGES:
        c.report("language", f"{language!r} is not a handout language (allowed: "
                             f"{', '.join(LANGUAGES)})")
    annotations = c.text("annotations", required=True)
    document = _check_document(c)
    annotator = c.text("annotator")
    if annotator is not None and ("/" in annotator or "\\" in annotator):
        c.report("annotator", f"{annotator!r} must be a file name such as gold, not a path")
    focus = c.texts("focus")
    line_numbers = c.data.get("line_numbers", 1)
    if line_numbers not in LINE_NUMBER_STEPS or isinstance(line_numbers, bool):
        c.report("line_numbers", f"must be 1 (every line) or 5 (every fifth line), "
                                 f"got {line_numbers!r}")
    fields = dict(level=c.text("level"), duration=c.text("duration"),
                  objectives=c.texts("objectives") or (), questions=c.texts("questions") or ())
    notes = _check_notes(c)
    if c.problems or title is None or language is None or annotations is None:
        return None
    lines = {str(k): c.line(str(k)) or 0 for k in c.data}
    return LessonSpec(c.path, title, language, (c.path.parent / annotations), document,
                      annotator, focus=focus, notes=notes, line_numbers=line_numbers,
                      lines=lines, **fields)


def _check_document(c: _Checker) -> str | int | None:
    value = c.data.get("document")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        c.report("document", f"must be a doc_id or a line number of the annotation file, "
                             f"got {_kind(value)}")
        return None
    if isinstance(value, int) and value < 1:
        c.report("document", f"line number {value} must be 1 or more")
        return None
    return value


def _check_notes(c: _Checker) -> tuple[NoteSpec, ...]:
    raw = c.data.get("notes")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.report("notes", "must be a list of {quote, device, note} entries (occurrence optional)")
        return ()
    notes = []
    for index, item in enumerate(raw):
        key = f"notes[{index}]"
        line = c.loader.node_lines.get(id(item)) if isinstance(item, dict) else c.line("notes")
        if not isinstance(item, dict):
            c.report(key, f"must be a mapping with quote, device and note, got {_kind(item)}", line)
            continue
        unknown = [str(k) for k in item if k not in NOTE_KEYS]
        if unknown:
            c.report(key, f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(NOTE_KEYS)})",
                     line)
        values = {}
        for name in ("quote", "device", "note"):
            value = item.get(name)
            if not isinstance(value, str) or not value.strip():
                c.report(f"{key}.{name}", f"missing or empty (a note needs quote, device and "
                                          f"note), got {_kind(value)}", line)
            else:
                values[name] = value.strip() if name != "quote" else value
        occurrence = item.get("occurrence")
        if occurrence is not None and (isinstance(occurrence, bool)
                                       or not isinstance(occurrence, int) or occurrence < 1):
            c.report(f"{key}.occurrence", f"must be a whole number from 1, got {occurrence!r}",
                     line)
            occurrence = None
        if len(values) == 3:
            notes.append(NoteSpec(values["quote"], values["device"], values["note"],
                                  occurrence, line))
    return tuple(notes)
