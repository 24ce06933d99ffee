"""Resolve a lesson spec against its annotation file and the device catalogue.

The result, a `Lesson`, is plain data that needs nothing else to be rendered: the document, its
spans, the devices they use, teacher notes attached to spans by quoted text, agreement counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import Document, excerpt, iter_records
from ..devices import Catalogue
from ..devices.catalogue import Device
from ..errors import Problem, UnreadableFileError
from ..language import of_text
from ..spans import Span, sort_spans
from .spec import LessonSpec, NoteSpec

#: The document meta key holding per-span agreement: [[start, end, label, n_agreed, n_total]].
AGREEMENT_KEY = "agreement"
DEFAULT_ANNOTATOR = "gold"


@dataclass(frozen=True)
class Agreement:
    """How many of the annotators who were pulled marked this exact span."""

    agreed: int
    annotators: int

    def __post_init__(self) -> None:
        if not 0 <= self.agreed <= self.annotators or self.annotators < 1:
            raise ValueError("need 0 <= agreed <= annotators and annotators >= 1")


@dataclass(frozen=True)
class Lesson:
    """A validated lesson: spec, document, devices, notes and agreement, ready to render."""

    spec: LessonSpec
    document: Document
    annotation_file: Path
    devices: dict[str, Device]
    focus: tuple[str, ...]
    notes: dict[Span, str] = field(default_factory=dict)
    agreement: dict[Span, Agreement] = field(default_factory=dict)
    article_language: str = "en"
    #: spans a teacher resolved from a merged PTC class (`as:`): resolved span → merged device
    resolved: dict[Span, str] = field(default_factory=dict)
    #: the page data (byline) taken out of the printed article: its text, or "" when none
    byline: str = ""
    #: the document as the annotation file holds it, when the printed one differs
    original: Document | None = None
    #: (start, width) of the range cut out of the original text (the byline), if any
    cut: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        missing = {s.label for s in self.document.spans} - set(self.devices)
        if missing or not set(self.focus) <= set(self.devices):
            raise ValueError(f"devices missing for {sorted(missing | set(self.focus))}")

    @property
    def name(self) -> str:
        """The lesson's name (its output folder)."""
        return self.spec.name

    @property
    def key_fingerprint(self) -> str:
        """The fingerprint of the article as annotated (what a key or a student file holds)."""
        return (self.original or self.document).fingerprint

    def printed_offset(self, offset: int) -> int:
        """Where an offset of the annotated article lies in the printed one (the byline cut
        out moves what follows it back; an offset inside the byline maps to where it was)."""
        if self.cut is None or offset < self.cut[0]:
            return offset
        start, width = self.cut
        return max(start, offset - width)

    @property
    def spans(self) -> tuple[Span, ...]:
        """The document's spans in reading order."""
        return self.document.spans

    def meta_text(self, key: str) -> str | None:
        """A meta value of the document as display text (None when absent or empty)."""
        value = self.document.meta.get(key)
        if value is None or isinstance(value, (dict, list)) or str(value).strip() == "":
            return None
        return str(value).strip()


def resolve_lesson(spec: LessonSpec, catalogue: Catalogue) -> tuple[Lesson | None, list[Problem]]:
    """Attach the spec to its document and devices; return the lesson (None on error) and every
    problem found, each naming the spec key or the annotation file line."""
    problems: list[Problem] = []

    def report(key: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(str(spec.path), line or spec.line_of(key), f"{key}: {message}"))

    path = _annotation_file(spec, report)
    document = _select_document(spec, path, catalogue, report, problems) if path else None
    annotated = document
    if document is not None and spec.comments:
        document = _with_comments(document, path, catalogue, report)
    focus = _resolve_focus(spec, document, catalogue, report)
    _check_tasks(spec, catalogue, report)
    if document is None:
        return None, problems
    notes, resolved = _match_notes(spec, document, catalogue, report)
    agreement = _read_agreement(spec, document, report)
    if problems or focus is None:
        return None, problems
    document, notes, agreement, resolved = _apply_resolutions(document, notes, agreement,
                                                              resolved)
    document, notes, agreement, resolved, byline, cut = _cut_byline(document, notes, agreement,
                                                                    resolved)
    tasked = {t.device for t in spec.tasks or ()}
    used = [d for d in catalogue.ids
            if d in {s.label for s in document.spans} | set(focus) | tasked]
    language = of_text(document.meta.get("language"), document.text)
    lesson = Lesson(spec, document, path, {d: catalogue.get(d) for d in used}, tuple(focus),
                    notes, agreement, language, resolved, byline,
                    annotated if annotated is not None and annotated.text != document.text
                    else None, cut)
    return lesson, problems


def _with_comments(document: Document, path: Path, catalogue: Catalogue, report: Any,
                   ) -> Document | None:
    """The article followed by its reader comments (the `<id>-comments` document that
    `mlt import text` writes, with its own spans), so they are printed, numbered and keyed
    like the article: a blank line, the page's comments header, the comments."""
    found = None
    for record in iter_records(path, catalogue.unknown_label_message):
        other = record.document
        if other is not None and other.meta.get("section") == "comments" and (
                other.meta.get("parent") == document.doc_id
                or other.doc_id == f"{document.doc_id}-comments"):
            found = other
            break
    if found is None:
        report("comments", f"{path} has no reader comments for {document.doc_id} (a document "
                           f"with section: comments and parent: {document.doc_id}, as "
                           "`mlt import text` writes them)")
        return None
    header = str(found.meta.get("comments_header") or "").strip() or "——"
    prefix = document.text.rstrip("\n")
    joined = f"{prefix}\n\n{header}\n\n"
    shift = len(joined)
    spans = [*document.spans, *(Span(s.start + shift, s.end + shift, s.label)
                                for s in found.spans)]
    return Document(document.doc_id, joined + found.text, tuple(sort_spans(spans)),
                    {**document.meta, "comments_from": found.doc_id})


def _check_tasks(spec: LessonSpec, catalogue: Catalogue, report: Any) -> None:
    seen: set[str] = set()
    for index, task in enumerate(spec.tasks or ()):
        message = catalogue.unknown_label_message(task.device)
        if message:
            report(f"tasks[{index}]", message, task.line)
        elif task.device in seen:
            report(f"tasks[{index}]", f"{task.device} has two tasks (one task per device)",
                   task.line)
        seen.add(task.device)


def _apply_resolutions(document: Document, notes: dict[Span, str], agreement: dict[Span, Any],
                       resolved: dict[Span, str]) -> tuple[Document, dict[Span, str],
                                                           dict[Span, Any], dict[Span, str]]:
    """Relabel the spans a teacher resolved (`as:`) for this lesson; the file is unchanged."""
    if not resolved:
        return document, notes, agreement, {}
    new = {span: span.with_label(label) for span, label in resolved.items()}
    document = document.with_spans(new.get(s, s) for s in document.spans)
    return (document, {new.get(s, s): n for s, n in notes.items()},
            {new.get(s, s): a for s, a in agreement.items()},
            {new[s]: s.label for s in resolved})


def byline_range(document: Document) -> tuple[int, int] | None:
    """The `byline` meta range [start, end) of page data (author, date, views) that the
    importer found in the text, when it is valid."""
    raw = document.meta.get("byline")
    if (isinstance(raw, list) and len(raw) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
            and 0 <= raw[0] < raw[1] <= len(document.text)):
        return raw[0], raw[1]
    return None


def _cut_byline(document: Document, notes: dict[Span, str], agreement: dict[Span, Any],
                resolved: dict[Span, str]) -> tuple[Document, dict[Span, str], dict[Span, Any],
                                                    dict[Span, str], str, tuple[int, int] | None]:
    """The printed article without its byline line (it goes to the source panel), spans moved
    back by its length; the text is left whole when any span touches the byline."""
    found = byline_range(document)
    if found is None:
        return document, notes, agreement, resolved, "", None
    start, end = found
    while end < len(document.text) and document.text[end] in "\r\n":
        end += 1  # the blank lines after it go too, so no empty line is printed
    if any(s.start < end and start < s.end for s in document.spans):
        return document, notes, agreement, resolved, "", None
    width = end - start

    def moved(span: Span) -> Span:
        return span if span.end <= start else Span(span.start - width, span.end - width,
                                                   span.label)

    text = document.text[:start] + document.text[end:]
    meta = {k: v for k, v in document.meta.items() if k != "byline"}
    cut = Document(document.doc_id, text, tuple(sort_spans(moved(s) for s in document.spans)),
                   meta)
    return (cut, {moved(s): n for s, n in notes.items()},
            {moved(s): a for s, a in agreement.items()},
            {moved(s): label for s, label in resolved.items()},
            document.text[found[0]:found[1]].strip(), (start, width))


def _annotation_file(spec: LessonSpec, report: Any) -> Path | None:
    path = spec.annotations
    if path.is_dir():
        path = path / f"{spec.annotator or DEFAULT_ANNOTATOR}.jsonl"
        if not path.is_file():
            found = sorted(p.stem for p in spec.annotations.glob("*.jsonl"))
            report("annotator" if spec.annotator else "annotations",
                   f"no file {path} (annotators in {spec.annotations}: "
                   f"{', '.join(found) or 'none'})")
            return None
        return path
    if not path.is_file():
        report("annotations", f"no such file or folder: {path}")
        return None
    if spec.annotator is not None and path.stem != spec.annotator:
        report("annotator", f"{spec.annotator!r} does not match the annotation file {path.name} "
                            "(give annotations a folder to choose an annotator's file)")
        return None
    return path


def _select_document(spec: LessonSpec, path: Path, catalogue: Catalogue, report: Any,
                     problems: list[Problem]) -> Document | None:
    documents: list[tuple[int, Document]] = []
    bad = False
    try:
        for record in iter_records(path, catalogue.unknown_label_message):
            errors = [p for p in record.problems if p.severity == "error"]
            problems.extend(errors)
            bad |= bool(errors)
            if record.document is not None:
                documents.append((record.line, record.document))
    except UnreadableFileError as exc:
        report("annotations", f"cannot read {exc.problem}")
        return None
    if bad:
        return None
    wanted = spec.document
    ids = ", ".join(d.doc_id for _, d in documents[:12]) + (" ..." if len(documents) > 12 else "")
    if wanted is None:
        if len(documents) == 1:
            return documents[0][1]
        report("document", f"missing: {path} holds {len(documents)} documents; name one by "
                           f"doc_id ({ids}) or line number", spec.line_of("annotations"))
        return None
    for line, document in documents:
        if wanted == (line if isinstance(wanted, int) else document.doc_id):
            return document
    what = f"line {wanted}" if isinstance(wanted, int) else f"doc_id {wanted!r}"
    report("document", f"no document with {what} in {path} (doc_ids: {ids or 'none'}; "
                       f"lines: 1-{len(documents)})")
    return None


def _resolve_focus(spec: LessonSpec, document: Document | None, catalogue: Catalogue,
                   report: Any) -> list[str] | None:
    if spec.focus is None:
        if document is None:
            return None
        present = {s.label for s in document.spans}
        return [d for d in catalogue.ids if d in present]
    unknown = [m for m in map(catalogue.unknown_label_message, spec.focus) if m]
    for message in unknown:
        report("focus", message)
    repeated = sorted({d for d in spec.focus if spec.focus.count(d) > 1})
    if repeated:
        report("focus", f"device(s) listed twice: {', '.join(repeated)}")
    return None if unknown or repeated else list(spec.focus)


def _match_notes(spec: LessonSpec, document: Document, catalogue: Catalogue,
                 report: Any) -> tuple[dict[Span, str], dict[Span, str]]:
    """Each note's span: {span: note} and {span: member device it is resolved to (`as:`)}."""
    notes: dict[Span, str] = {}
    resolved: dict[Span, str] = {}
    taken: dict[Span, int] = {}
    for index, note in enumerate(spec.notes):
        key = f"notes[{index}]"
        message = catalogue.unknown_label_message(note.device)
        if message:
            report(f"{key}.device", message, note.line)
            continue
        span = _find_note_span(key, note, document, report)
        if span is None:
            continue
        if span in taken:
            report(key, f"the same span as notes[{taken[span]}] (one note per span)", note.line)
            continue
        if note.resolve is not None:
            members = catalogue.members_of(note.device)
            if not members:
                report(f"{key}.as", f"{note.device} is not a merged PTC class; `as:` resolves a "
                                    "span of a merged class (" + ", ".join(
                                        d.id for d in catalogue.devices.values() if d.members)
                       + ") to one of its members", note.line)
                continue
            if note.resolve not in members:
                report(f"{key}.as", f"{note.resolve!r} is not a member of {note.device} "
                                    f"(allowed: {', '.join(members)})", note.line)
                continue
            resolved[span] = note.resolve
        taken[span] = index
        if note.note:
            notes[span] = note.note
    return notes, resolved


def _find_note_span(key: str, note: NoteSpec, document: Document, report: Any) -> Span | None:
    quote = note.quote.strip()
    matches = [s for s in document.spans
               if s.label == note.device and document.span_text(s).strip() == quote]
    if not matches:
        same_text = sorted({s.label for s in document.spans
                            if document.span_text(s).strip() == quote})
        if same_text:
            hint = f"that text is marked as {', '.join(same_text)}"
        else:
            options = [f"“{excerpt(document.span_text(s), 40)}”" for s in document.spans
                       if s.label == note.device][:4]
            hint = (f"{note.device} spans: {'; '.join(options)}" if options
                    else f"the document has no {note.device} span")
        report(key, f"no {note.device} span has the text “{excerpt(quote, 40)}” in "
                    f"{document.doc_id} ({hint}); quote the span's whole text exactly", note.line)
        return None
    if note.occurrence is None:
        if len(matches) > 1:
            report(key, f"“{excerpt(quote, 40)}” is marked {note.device} {len(matches)} times; add "
                        f"occurrence: 1-{len(matches)} (in reading order)", note.line)
            return None
        return matches[0]
    if note.occurrence > len(matches):
        report(f"{key}.occurrence", f"{note.occurrence} but “{excerpt(quote, 40)}” is marked "
                                    f"{note.device} only {len(matches)} time(s)", note.line)
        return None
    return matches[note.occurrence - 1]


def _read_agreement(spec: LessonSpec, document: Document, report: Any) -> dict[Span, Agreement]:
    raw = document.meta.get(AGREEMENT_KEY)
    if raw is None:
        return {}
    where = f"document {document.doc_id}: meta {AGREEMENT_KEY!r}"
    if not isinstance(raw, list):
        report("annotations", f"{where} must be a list of [start, end, label, n_agreed, "
                              "n_annotators]")
        return {}
    counts: dict[Span, Agreement] = {}
    for index, item in enumerate(raw):
        try:
            if not isinstance(item, list) or len(item) != 5:
                raise ValueError("need a list of 5 items")
            start, end, agreed, total = (_whole(name, item[at]) for name, at in (
                ("start", 0), ("end", 1), ("n_agreed", 3), ("n_annotators", 4)))
            counts[Span(start, end, item[2])] = Agreement(agreed, total)
        except (TypeError, ValueError) as exc:
            report("annotations", f"{where}[{index}] = {excerpt(repr(item), 80)} is not [start, "
                                  f"end, label, n_agreed, n_annotators] ({exc})")
    return counts


def _whole(name: str, value: Any) -> int:
    """A count or offset of the agreement meta: a whole number (2.0 is read as 2)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {excerpt(repr(value), 30)}")
    return value
