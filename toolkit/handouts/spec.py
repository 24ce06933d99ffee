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
            "answers", "tasks", "exit_ticket", "source", "comments", "notes", "line_numbers",
            "marks")
NOTE_KEYS = ("quote", "device", "occurrence", "note", "as")
SOURCE_KEYS = ("publisher", "url", "author", "date")
TASK_KEYS = ("device", "find", "table", "rows")
MAX_FIND = 6
MAX_ROWS = 12
LESSON_FILE = "a YAML lesson file"


@dataclass(frozen=True)
class NoteSpec:
    """A teacher note for one span, keyed by the span's exact text and device (not offsets);
    `resolve` (the spec's `as:`) names the member device a merged PTC class span really is."""

    quote: str
    device: str
    note: str | None
    occurrence: int | None = None
    line: int | None = None
    resolve: str | None = None

    def __post_init__(self) -> None:
        if not self.quote or not self.device or not (self.note or self.resolve):
            raise ValueError("a note needs quote, device and a note or as")
        if self.occurrence is not None and self.occurrence < 1:
            raise ValueError("occurrence counts from 1")


@dataclass(frozen=True)
class TaskSpec:
    """One student task: find `find` examples of a device and answer in a table of `rows` rows
    (line | quote | why) or on `rows` ruled lines. None: the lesson's default."""

    device: str
    find: int | None = None
    table: bool = True
    rows: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class SourceSpec:
    """Who published the article, where, by whom and when (each overrides the import's meta)."""

    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None


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
    answers: tuple[str, ...] = ()
    tasks: tuple[TaskSpec, ...] | None = None
    exit_ticket: str | None = None
    source: SourceSpec = field(default_factory=SourceSpec)
    comments: bool = False
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
                  objectives=c.texts("objectives") or (), questions=c.texts("questions") or (),
                  answers=c.texts("answers") or (), exit_ticket=c.text("exit_ticket"),
                  tasks=_check_tasks(c), source=_check_source(c))
    if fields["answers"] and len(fields["answers"]) > len(fields["questions"]):
        c.report("answers", f"{len(fields['answers'])} model answers for "
                            f"{len(fields['questions'])} question(s): give one answer per "
                            "question, in the same order (an empty question list uses the "
                            "default questions, which have their own answers)")
    comments = c.data.get("comments", False)
    if not isinstance(comments, bool):
        c.report("comments", f"must be true (print the reader comments after the article) or "
                             f"false, got {comments!r}")
    fields["comments"] = comments is True
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
        wanted = ("quote", "device", "note") if item.get("as") is None else ("quote", "device")
        for name in wanted:
            value = item.get(name)
            if not isinstance(value, str) or not value.strip():
                c.report(f"{key}.{name}", f"missing or empty (a note needs quote, device and "
                                          f"note, or quote, device and as), got {kind(value)}",
                         line)
            else:
                values[name] = value.strip() if name != "quote" else value
        for name in ("note", "as"):
            value = item.get(name)
            if name not in wanted and value is not None:
                if not isinstance(value, str) or not value.strip():
                    c.report(f"{key}.{name}", f"must be a non-empty text, got {kind(value)}", line)
                else:
                    values[name] = value.strip()
        occurrence = item.get("occurrence")
        if occurrence is not None and (isinstance(occurrence, bool)
                                       or not isinstance(occurrence, int) or occurrence < 1):
            c.report(f"{key}.occurrence", f"must be a whole number from 1, got {occurrence!r}",
                     line)
            occurrence = None
        if "quote" in values and "device" in values and ("note" in values or "as" in values):
            notes.append(NoteSpec(values["quote"], values["device"], values.get("note"),
                                  occurrence, line, values.get("as")))
    return tuple(notes)


def _check_source(c: _Checker) -> SourceSpec:
    raw = c.data.get("source")
    if raw is None:
        return SourceSpec()
    if not isinstance(raw, dict):
        c.report("source", f"must be a mapping with any of {', '.join(SOURCE_KEYS)}, "
                           f"got {kind(raw)}")
        return SourceSpec()
    line = c.file.line_of(raw) or c.line("source")
    unknown = [str(k) for k in raw if k not in SOURCE_KEYS]
    if unknown:
        c.report("source", f"unknown key(s) {', '.join(unknown)} "
                           f"(allowed: {', '.join(SOURCE_KEYS)})", line)
    values: dict[str, str] = {}
    for name in SOURCE_KEYS:
        value = raw.get(name)
        if value is None:
            continue
        if hasattr(value, "isoformat") and not isinstance(value, str):  # YAML reads 2024-10-23
            value = value.isoformat()                                   # as a date
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            c.report(f"source.{name}", f"must be a non-empty text, got {kind(value)}",
                     c.file.key_line(raw, name))
        else:
            values[name] = value.strip()
    if "url" in values and not values["url"].lower().startswith(("http://", "https://")):
        c.report("source.url", f"{values['url']!r} must start with http:// or https://",
                 c.file.key_line(raw, "url"))
        values.pop("url")
    return SourceSpec(**values)


def _whole_in(c: _Checker, key: str, value: Any, low: int, high: int, line: int | None,
              ) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        c.report(key, f"must be a whole number from {low} to {high}, got {value!r}", line)
        return None
    return value


def _check_tasks(c: _Checker) -> tuple[TaskSpec, ...] | None:
    raw = c.data.get("tasks")
    if raw is None:
        return None
    if not isinstance(raw, list):
        c.report("tasks", "must be a list of devices (`- ANONYMOUS_SOURCE`) or of mappings "
                          f"({', '.join(TASK_KEYS)}), got {kind(raw)}")
        return None
    tasks = []
    for index, item in enumerate(raw):
        key = f"tasks[{index}]"
        line = c.file.line_of(item) if isinstance(item, dict) else c.line("tasks")
        if isinstance(item, str) and item.strip():
            tasks.append(TaskSpec(item.strip(), line=line))
            continue
        if not isinstance(item, dict):
            c.report(key, f"must be a device id or a mapping with {', '.join(TASK_KEYS)}, "
                          f"got {kind(item)}", line)
            continue
        unknown = [str(k) for k in item if k not in TASK_KEYS]
        if unknown:
            c.report(key, f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(TASK_KEYS)})",
                     line)
        device = item.get("device")
        if not isinstance(device, str) or not device.strip():
            c.report(f"{key}.device", f"missing or empty (the device students look for), "
                                      f"got {kind(device)}", line)
            continue
        find = _whole_in(c, f"{key}.find", item.get("find"), 1, MAX_FIND, line)
        rows = _whole_in(c, f"{key}.rows", item.get("rows"), 0, MAX_ROWS, line)
        table = item.get("table", True)
        if not isinstance(table, bool):
            c.report(f"{key}.table", f"must be true (a response table: line | quote | why) or "
                                     f"false (ruled lines), got {table!r}", line)
            table = True
        tasks.append(TaskSpec(device.strip(), find, table, rows, line))
    return tuple(tasks)
