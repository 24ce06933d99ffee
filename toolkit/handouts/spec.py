"""Lesson specs (`lessons/NAME.yaml`): read with line numbers, check every key, report everything.

A spec is plain YAML. Every problem is reported as `PATH:LINE: key: message`, all at once; the
resolution against the annotation file and the device catalogue happens in `lesson.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UnreadableFileError
from ..language import SUPPORTED
from ..yamlfile import YamlFile, kind, read_yaml

LANGUAGES = SUPPORTED
LINE_NUMBER_STEPS = (1, 5)
#: Which spans the key and the annotated copy draw: the focus devices' (default) or all.
MARKS = ("focus", "all")
REQUIRED = ("title", "language", "annotations")
OPTIONAL = ("document", "annotator", "level", "duration", "objectives", "focus", "questions",
            "notes", "line_numbers", "marks")
NOTE_KEYS = ("quote", "device", "occurrence", "note")
LESSON_FILE = "a YAML lesson file"


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
    marks: str = "focus"
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        if self.line_numbers not in LINE_NUMBER_STEPS:
            raise ValueError(f"line_numbers must be one of {LINE_NUMBER_STEPS}")
        if self.marks not in MARKS:
            raise ValueError(f"marks must be one of {MARKS}")

    @property
    def name(self) -> str:
        """The lesson's name: the spec file name without `.yaml`; the output folder's name."""
        return self.path.stem

    def line_of(self, key: str) -> int | None:
        """The line of `key` in the spec file (None when the key is absent)."""
        return self.lines.get(key)


class _Checker:
    """Collects problems about one spec file; each problem names its key and line."""

    def __init__(self, file: YamlFile) -> None:
        self.file = file
        self.path = file.path
        self.data: dict[Any, Any] = file.data
        self.problems: list[Problem] = []

    def line(self, key: Any, mapping: dict[Any, Any] | None = None) -> int | None:
        return self.file.key_line(self.data if mapping is None else mapping, key)

    def report(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(str(self.path), line or self.line(key), f"{key}: {message}"))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.report(key, "missing (required)", self.file.line_of(self.data))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.report(key, f"must be a non-empty text, got {kind(value)}")
            return None
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.report(key, f"must be a list of non-empty texts, got {kind(value)}")
            return None
        return tuple(v.strip() for v in value)


def read_spec(path: str | Path) -> tuple[LessonSpec | None, list[Problem]]:
    """Read and type-check a lesson spec; return it (None when unusable) and every problem."""
    path = Path(path)
    try:
        file = read_yaml(path, LESSON_FILE)
    except UnreadableFileError as exc:
        return None, [exc.problem]
    if not isinstance(file.data, dict):
        return None, [Problem(str(path), None, "a lesson file must be a mapping of keys "
                                               f"({', '.join(REQUIRED + OPTIONAL)})")]
    checker = _Checker(file)
    spec = _check(checker)
    return (spec if not checker.problems else None), checker.problems


def _check(c: _Checker) -> LessonSpec | None:
    for key in c.data:
        if key not in REQUIRED + OPTIONAL:
            c.report(str(key), f"unknown key (allowed: {', '.join(REQUIRED + OPTIONAL)})",
                     c.line(key))
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
    if type(line_numbers) is not int or line_numbers not in LINE_NUMBER_STEPS:
        c.report("line_numbers", f"must be 1 (every line) or 5 (every fifth line), "
                                 f"got {line_numbers!r}")
    marks = c.data.get("marks", "focus")
    if marks not in MARKS:
        c.report("marks", f"must be focus (mark the focus devices) or all (mark every span), "
                          f"got {kind(marks) if not isinstance(marks, str) else repr(marks)}")
    fields = dict(level=c.text("level"), duration=c.text("duration"),
                  objectives=c.texts("objectives") or (), questions=c.texts("questions") or ())
    notes = _check_notes(c)
    if c.problems or title is None or language is None or annotations is None:
        return None
    lines = {str(k): c.line(str(k)) or 0 for k in c.data}
    return LessonSpec(c.path, title, language, (c.path.parent / annotations), document,
                      annotator, focus=focus, notes=notes, line_numbers=line_numbers,
                      marks=marks, lines=lines, **fields)


def _check_document(c: _Checker) -> str | int | None:
    value = c.data.get("document")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        c.report("document", f"must be a doc_id or a line number of the annotation file, "
                             f"got {kind(value)}")
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
        line = c.file.line_of(item) if isinstance(item, dict) else c.line("notes")
        if not isinstance(item, dict):
            c.report(key, f"must be a mapping with quote, device and note, got {kind(item)}", line)
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
                                          f"note), got {kind(value)}", line)
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
