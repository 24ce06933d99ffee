"""`mlt lesson new`: a starter lesson spec from an article and its spans (annotations or
suggestions), with comments a teacher can follow, that builds as written.

The spec is written as text (not dumped by a YAML library) so that it can carry comments; every
value that comes from the article or the catalogue is quoted by `yaml_quote`, which PyYAML reads
back to the same string whatever it contains.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..corpus import Document, iter_records
from ..devices import Catalogue
from ..errors import InvalidInputError, Problem, ToolkitError, UnreadableFileError
from ..language import SUPPORTED, of_text
from ..render.strings import ui_strings
from .content import DEFAULT_FIND, DEFAULT_TASKS
from .lesson import byline_range

MIN_FOCUS, MAX_FOCUS = 3, 5
#: How central each family is to a news-literacy lesson (lower: chosen first as focus).
FAMILY_RANK = {"sourcing": 0, "wording": 1, "justification": 2, "simplification": 2, "call": 2,
               "attack": 3, "distraction": 3, "merged": 4}
# YAML's printable characters (YAML 1.1, 5.1) less its line breaks NEL, LS and PS (a quoted scalar
# folds them); anything else is written as an escape.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd"
                          "\U00010000-\U0010ffff]")


def yaml_quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) < 0x10000
                            else f"\\U{ord(m.group(0)):08x}", quoted)


@dataclass(frozen=True)
class Starter:
    """A starter spec: its text, and what was chosen (for the command's summary)."""

    text: str
    document: str
    language: str
    focus: tuple[str, ...]
    spans: int


def pick_document(path: Path, wanted: str | None, catalogue: Catalogue,
                  ) -> tuple[Document, Document | None]:
    """The article to start from: the doc_id `wanted`, else the file's one article (reader
    comment documents of `mlt import text` do not count); and its comments document, if any."""
    documents: list[Document] = []
    problems: list[Problem] = []
    try:
        for record in iter_records(path, catalogue.unknown_label_message):
            problems.extend(p for p in record.problems if p.severity == "error")
            if record.document is not None:
                documents.append(record.document)
    except UnreadableFileError as exc:
        raise InvalidInputError([exc.problem], str(path)) from None
    if problems:
        raise InvalidInputError(problems, str(path))
    ids = ", ".join(d.doc_id for d in documents[:12]) + (" ..." if len(documents) > 12 else "")
    if wanted is not None:
        found = next((d for d in documents if d.doc_id == wanted), None)
        if found is None:
            raise ToolkitError(f"{path}: no document {wanted!r} (doc_ids: {ids or 'none'})")
    else:
        articles = [d for d in documents if d.meta.get("section") != "comments"]
        if len(articles) != 1:
            raise ToolkitError(f"{path} holds {len(articles)} articles; choose one with "
                               f"--document (doc_ids: {ids or 'none'})")
        found = articles[0]
    comments = next((d for d in documents if d.meta.get("section") == "comments"
                     and d.meta.get("parent") == found.doc_id), None)
    return found, comments


def choose_focus(document: Document, catalogue: Catalogue) -> list[str]:
    """The 3-5 most teachable devices present: devices with two or more spans first (a task
    asks for two), sourcing before wording before the rest, then the most frequent."""
    counts = Counter(s.label for s in document.spans if s.label in catalogue.devices)
    order = catalogue.ids
    ranked = sorted(counts, key=lambda d: (counts[d] < 2,
                                           FAMILY_RANK.get(catalogue.get(d).family, 3),
                                           -counts[d], order.index(d)))
    return ranked[:MAX_FOCUS] if len(ranked) > MIN_FOCUS else ranked


def _strings(lang: str) -> Mapping[str, Any]:
    return ui_strings(lang, "handout")["starter"]


def starter_spec(annotations: Path, out: Path, catalogue: Catalogue, document_id: str | None = None,
                 lang: str | None = None) -> Starter:
    """The text of a starter spec for one article of `annotations`, to be written at `out`."""
    document, comments = pick_document(annotations, document_id, catalogue)
    article_lang = of_text(document.meta.get("language"), document.text)
    lang = lang or article_lang
    if lang not in SUPPORTED:
        raise ToolkitError(f"unknown --lang {lang!r} (allowed: {', '.join(SUPPORTED)})")
    t = _strings(lang)
    focus = choose_focus(document, catalogue)
    q = yaml_quote
    meta = document.meta
    title = str(meta.get("title") or "").strip() or document.text.strip().split("\n", 1)[0][:80]
    relative = Path(os.path.relpath(annotations.resolve(), out.resolve().parent)).as_posix()
    names = [catalogue.get(d).name[lang] for d in focus[:DEFAULT_TASKS]]
    joiner = "、" if lang == "zh" else ", "
    lines = [
        f"# {t['header'].format(file=annotations.name, doc=document.doc_id, day=date.today())}",
        f"# {t['build'].format(path=out.as_posix())}",
        f"# {t['quoting']}",
        f"title: {q(title)}",
        f"language: {lang}",
        f"annotations: {q(relative)}",
        f"document: {q(document.doc_id)}",
        f"level: {q(t['level'])}",
        f"duration: {q(t['duration'])}",
        "line_numbers: 1",
        "",
        f"# {t['source_comment']}",
        "source:",
    ]
    source = {"publisher": meta.get("publisher"), "url": meta.get("url") or meta.get("source_url"),
              "author": meta.get("author"), "date": meta.get("date")}
    for key, value in source.items():
        if isinstance(value, str) and value.strip():
            lines.append(f"  {key}: {q(value.strip())}")
        else:
            lines.append(f"  # {key}: \"\"")
    if byline_range(document):
        lines.append(f"  # {t['byline_comment']}")
    lines += ["", f"# {t['objectives_comment']}", "objectives:"]
    objectives = [t["objective_find"].format(names=joiner.join(names))] if names else []
    objectives += [t["objective_source"], t["objective_why"]]
    lines += [f"  - {q(o)}" for o in objectives]
    lines += ["", f"# {t['focus_comment']}", "focus:"]
    counts = Counter(s.label for s in document.spans)
    for device_id in focus:
        lines.append(f"  - {device_id}    # {catalogue.get(device_id).name[lang]}: "
                     f"{t['count'].format(count=counts[device_id])}")
    if not focus:
        lines[-1] = "# focus:  " + t["no_spans"]
    lines += ["", f"# {t['tasks_comment'].format(tasks=DEFAULT_TASKS, find=DEFAULT_FIND)}",
              "tasks:" if focus else "# tasks:"]
    for device_id in focus[:DEFAULT_TASKS]:
        find = max(1, min(DEFAULT_FIND, counts[device_id]))
        lines.append(f"  - {{device: {device_id}, find: {find}, table: true, rows: {find + 1}}}")
    # Discussion goes beyond the tasks: the next focus devices' questions, with the catalogue's
    # reason and the article's own examples as the model answer. Without them the default
    # questions apply, whose model answers point at the article's spans.
    asked = [catalogue.get(d) for d in focus[DEFAULT_TASKS:DEFAULT_TASKS + 2]]
    lines += ["", f"# {t['questions_comment']}"]
    if asked:
        lines.append("questions:")
        lines += [f"  - {q(device.question[lang])}" for device in asked]
        lines.append("answers:")
        for device in asked:
            quotes = _examples(document, device.id, lang)
            gap = "" if lang == "zh" else " "
            answer = device.why[lang] + (gap + t["for_example"].format(quotes=quotes)
                                         if quotes else "")
            lines.append(f"  - {q(answer)}")
    else:
        lines += [f"# {t['default_questions_comment']}", "# questions: []", "# answers: []"]
    if comments is not None:
        records = comments.meta.get("comments")
        count = len(records) if isinstance(records, list) else 1
        lines += ["", f"# {t['comments_comment'].format(count=count)}", "# comments: true"]
    lines += ["", f"# {t['exit_comment']}", f"# exit_ticket: {q(t['exit_example'])}", "",
              f"# {t['notes_comment']}", "notes:"]
    lines += _note_lines(document, focus, catalogue, lang, t)
    return Starter("\n".join(lines) + "\n", document.doc_id, lang, tuple(focus),
                   len(document.spans))


def _examples(document: Document, device_id: str, lang: str, limit: int = 3) -> str:
    """Up to `limit` different quotes of a device's spans, shortened, for a model answer."""
    from .content import short_quote

    quotes: list[str] = []
    for span in document.spans:
        words = short_quote(document.span_text(span), lang)
        if span.label == device_id and words not in quotes:
            quotes.append(words)
    marks = ("「", "」") if lang == "zh" else ("“", "”")
    return ("、" if lang == "zh" else ", ").join(f"{marks[0]}{w}{marks[1]}"
                                                  for w in quotes[:limit])


def _note_lines(document: Document, focus: list[str], catalogue: Catalogue, lang: str,
                t: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    seen: Counter[tuple[str, str]] = Counter()
    totals = Counter((s.label, document.span_text(s).strip()) for s in document.spans)
    for device_id in focus:
        spans = [s for s in document.spans if s.label == device_id]
        lines.append(f"  # --- {device_id}: {catalogue.get(device_id).name[lang]} "
                     f"({t['count'].format(count=len(spans))})")
        for span in spans:
            words = document.span_text(span).strip()
            seen[(span.label, words)] += 1
            lines.append(f"  # - quote: {yaml_quote(words)}")
            lines.append(f"  #   device: {span.label}")
            if totals[(span.label, words)] > 1:
                lines.append(f"  #   occurrence: {seen[(span.label, words)]}")
            members = catalogue.members_of(span.label)
            if members:
                lines.append(f"  #   as: {members[0]}    # {t['as_comment']}: "
                             f"{', '.join(members)}")
            lines.append(f"  #   note: {yaml_quote(t['note_example'])}")
    if not lines:
        lines.append(f"  # {t['no_spans']}")
    return lines

