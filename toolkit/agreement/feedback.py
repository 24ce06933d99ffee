"""`mlt score` outputs: grades.csv and a one-page feedback sheet per student (HTML and PDF)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from ..corpus import excerpt, read_jsonl
from ..devices import Catalogue
from ..errors import ToolkitError
from ..collection import LeftOut, Selection, load_collection
from ..render import environment, ui_strings
from .report import TEMPLATES
from .scoring import Mark, StudentScore, SuggestionCredit, score_all
from .tables import grades_csv


@dataclass(frozen=True)
class ScoreReport:
    """What `write_feedback` wrote and whom it left out."""

    scores: list[StudentScore]
    written: list[Path]
    left_out: tuple[LeftOut, ...]

    @property
    def not_submitted(self) -> list[str]:
        """Students who submitted none of the key's documents."""
        return [s.student for s in self.scores if not s.submitted]


def write_feedback(key_path: str | os.PathLike[str], students_dir: str | os.PathLike[str],
                   out_dir: str | os.PathLike[str], catalogue: Catalogue, lang: str,
                   devices: Sequence[str] | None = None,
                   formats: Sequence[str] = ("pdf", "html"),
                   lines: Mapping[str, Callable[[int], int]] | None = None,
                   selection: Selection = Selection(),
                   policy: SuggestionCredit = SuggestionCredit.HALF,
                   lessons: Sequence[str | os.PathLike[str]] = (),
                   paper: str = "a4") -> ScoreReport:
    """Score every student of the collection against the key; write grades.csv and a feedback
    sheet per student who submitted something. `lines` maps a text's fingerprint to the
    printed line of an offset (the worksheet's numbering), else it is read from the `lessons`
    the students worked from, printed on `paper` (`worksheet_lines`); other documents count
    text lines. Everything is read, scored and rendered before anything is written, and the
    lessons' lines (a typesetting) only once every file read has been checked."""
    key_docs = {d.doc_id: d for d in read_jsonl(key_path, catalogue.unknown_label_message)}
    if not key_docs:
        raise ToolkitError(f"{key_path}: the key holds no documents")
    key_file = Path(key_path).resolve()
    extra = [(key_file.stem, "the key (--key)")] \
        if key_file.parent == Path(students_dir).resolve() else []
    students = load_collection(students_dir, catalogue.unknown_label_message, selection, extra)
    if not students.students:
        raise ToolkitError(f"{students_dir}: no student files (left out: "
                           f"{'; '.join(map(str, students.left_out)) or 'none'}); name them "
                           "with --students or in collection.yaml")
    unknown = sorted({doc for name in students.students
                      for doc in students.annotations[name] if doc not in key_docs})
    if unknown:
        raise ToolkitError(f"{students_dir}: document(s) {', '.join(unknown)} are not in the key "
                           f"{key_path} (its documents: {', '.join(key_docs)})")
    for doc_id, doc in key_docs.items():
        if doc_id in students.texts and students.texts[doc_id].fingerprint != doc.fingerprint:
            raise ToolkitError(f"{students_dir}: document {doc_id!r} has a different text than "
                               f"in the key {key_path}: the students tagged another version")
    scores = score_all(key_docs, students, devices, policy)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ToolkitError(f"{out}: exists and is not a folder (-o names the folder for "
                           "grades.csv and the feedback sheets)")
    if lines is None and lessons:
        lines = worksheet_lines(lessons, catalogue, paper)
    by_doc = {doc_id: lines[doc.fingerprint] for doc_id, doc in key_docs.items()
              if lines and doc.fingerprint in lines}
    files: dict[Path, bytes] = {out / "grades.csv": grades_csv(scores).encode("utf-8")}
    renderer = None
    if "pdf" in formats:
        from ..render.pdf import Renderer

        renderer = Renderer(TEMPLATES)
    for score in scores:
        if not score.submitted:
            continue
        html = render_sheet(score, catalogue, lang, by_doc)
        if "html" in formats:
            files[out / f"{score.student}.feedback.html"] = html.encode("utf-8")
        if renderer is not None:
            path = out / f"{score.student}.feedback.pdf"
            files[path] = renderer.pdf(html, what=str(path)).data
    for path, data in files.items():  # every sheet rendered: now write them all
        atomic_write_bytes(path, data)
    return ScoreReport(scores, list(files), students.left_out)


def worksheet_lines(lessons: Sequence[str | os.PathLike[str]], catalogue: Catalogue,
                    paper: str = "a4") -> dict[str, Callable[[int], int]]:
    """For each lesson spec's text (by fingerprint), the printed line of an offset on the
    worksheet `mlt build` makes of it on `paper`: feedback cites the lines students saw."""
    from ..handouts.build import load_lessons, printed_lines

    lines: dict[str, Callable[[int], int]] = {}
    for lesson in load_lessons(lessons, catalogue):
        printed = printed_lines(lesson, paper)  # the annotated text's offsets → printed lines
        lines[lesson.key_fingerprint] = (lambda offset, printed=printed, lesson=lesson:
                                         printed.line_of(lesson.printed_offset(offset)))
    return lines


def sheet_data(score: StudentScore, catalogue: Catalogue, lang: str,
               lines: Mapping[str, Callable[[int], int]] | None = None) -> dict[str, Any]:
    """Plain data for one student's feedback sheet."""
    def item(mark: Mark) -> dict[str, Any]:
        device = catalogue.devices.get(mark.span.label)
        line_of = (lines or {}).get(mark.doc_id)
        line = line_of(mark.span.start) if line_of else mark.line
        return {"doc_id": mark.doc_id, "line": line, "text": excerpt(mark.text),
                "device": device.name[lang] if device else mark.span.label,
                "question": device.question[lang] if device else "",
                "supporters": len(mark.supporters), "suggested": mark.source == "suggestion"}

    overall = score.overall
    return {
        "student": score.student,
        "precision": overall.precision, "recall": overall.recall, "f1": overall.f1,
        "found": [item(m) for m in score.marks if m.status == "found"],
        "partial": [item(m) for m in score.marks if m.status == "partial"],
        "missed": [item(m) for m in score.marks if m.status == "missed"],
        "defensible": [item(m) for m in score.marks if m.status == "extra" and m.defensible],
        "unsupported": [item(m) for m in score.marks if m.status == "extra" and not m.defensible],
        "skipped": list(score.skipped),
        "policy": score.policy.value,
        "kept": score.kept_suggestions,
        "deleted": score.deleted_suggestions,
    }


def render_sheet(score: StudentScore, catalogue: Catalogue, lang: str,
                 lines: Mapping[str, Callable[[int], int]] | None = None) -> str:
    """One student's feedback sheet as HTML (escaped, no external resources)."""
    return environment(TEMPLATES).get_template("feedback.html").render(
        sheet=sheet_data(score, catalogue, lang, lines), words=ui_strings(lang, "feedback"),
        lang=lang)


def write_pdf(html: str, path: str | os.PathLike[str], renderer: Any = None) -> int:
    """Render HTML made from our templates to a tagged PDF through the WeasyPrint seam
    (restricted fetcher; missing glyphs fail); write it atomically; return the page count."""
    from ..render.pdf import Renderer

    result = (renderer or Renderer(TEMPLATES)).pdf(html, what=str(path))
    atomic_write_bytes(path, result.data)
    return result.pages
