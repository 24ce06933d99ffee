"""Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11): import and export, lossless.

Merged PTC classes (`Bandwagon,Reductio_ad_hitlerum`, `Whataboutism,Straw_Men,Red_Herring`) are
imported as the catalogue's merged devices, which keep both (all three) meanings; their members
and the merged device export to the same label. The meta key `corpus: ptc` says where a document
came from (it is not the article's publisher, which PTC does not record).

Layout: `articleID.txt` (title, blank line, body) and `articleID.task2-TC.labels`, one span per
line as `ID<TAB>Technique<TAB>start<TAB>end` (code-point offsets, end exclusive). Texts are read
and written as exact bytes (no newline translation), so export(import(x)) reproduces x.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..corpus import Document
from ..devices.catalogue import Catalogue
from ..errors import FormatError, Problem, UnreadableFileError
from ..files import read_bytes, text_problem
from ..progress import Progress, silent
from ..spans import Span, SpanError

PTC_FILE = "a PTC article or labels file"

ARTICLE_PATTERN = re.compile(r"^article(?P<id>.+)\.txt$")
LABELS_PATTERN = re.compile(r"^article(?P<id>.+)\.task2-TC\.labels$")
LABELS_SUFFIX = ".task2-TC.labels"
FIELDS = ("ID", "technique", "start", "end")
UNSAFE_ID = re.compile(r"[/\\\x00\t\r\n]|\.\.")



@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: articles, spans, and spans skipped per device (no PTC class)."""

    articles: int
    spans: int
    skipped: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if min(self.articles, self.spans, *self.skipped.values(), 0) < 0:
            raise ValueError("export counts cannot be negative")

    @property
    def skipped_total(self) -> int:
        """How many spans were left out because their device has no PTC technique."""
        return sum(self.skipped.values())


def _sort_key(article_id: str) -> tuple[int, int, str]:
    return (0, int(article_id), "") if article_id.isdigit() else (1, 0, article_id)


def _list_files(folder: Path, pattern: re.Pattern[str], what: str) -> dict[str, Path]:
    if not folder.is_dir():
        raise FormatError(f"{folder}: not a folder (expected the PTC {what} folder)")
    found: dict[str, Path] = {}
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match and path.is_file():
            found[match["id"]] = path
    return found


def import_ptc(articles_dir: str | os.PathLike[str], labels_dir: str | os.PathLike[str],
               catalogue: Catalogue, progress: Progress = silent) -> list[Document]:
    """Read PTC articles and technique labels as Documents (sorted by article id); FormatError
    lists every problem as `path:line: message`."""
    articles = _list_files(Path(articles_dir), ARTICLE_PATTERN, "articles")
    labels = _list_files(Path(labels_dir), LABELS_PATTERN, "labels")
    problems = [Problem(str(path), None, f"labels file without an article "
                        f"(expected {Path(articles_dir) / f'article{article_id}.txt'})")
                for article_id, path in sorted(labels.items()) if article_id not in articles]
    documents: list[Document] = []
    ids = sorted(articles, key=_sort_key)
    for done, article_id in enumerate(ids, start=1):
        document = _import_article(article_id, articles[article_id], labels.get(article_id),
                                   catalogue, problems)
        if document is not None:
            documents.append(document)
        progress("reading PTC articles", done, len(ids))
    if problems:
        raise FormatError(f"cannot import PTC: {len(problems)} problem(s):\n"
                          + "\n".join(map(str, problems)))
    return documents


def _read_utf8(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None with the problem noted: unreadable, too large, not UTF-8 (a
    UTF-16 file or a NUL byte named as such: files.text_problem)."""
    try:
        data = read_bytes(path, PTC_FILE)
    except UnreadableFileError as exc:
        problems.append(exc.problem)
        return None
    problem = text_problem(data, "a PTC file")
    if problem is not None:
        line, message = problem
        problems.append(Problem(str(path), line, message))
        return None
    return data.decode("utf-8")


def _import_article(article_id: str, article: Path, labels: Path | None, catalogue: Catalogue,
                    problems: list[Problem]) -> Document | None:
    text = _read_utf8(article, problems)
    if text is None:
        return None
    spans: list[Span] = []
    if labels is not None:
        content = _read_utf8(labels, problems)
        if content is None:
            return None
        spans = _parse_labels(str(labels), content, article_id, len(text), catalogue, problems)
    title = text.split("\n", 1)[0].lstrip("\ufeff").strip()
    return Document.create(text, spans, doc_id=f"ptc-{article_id}", corpus="ptc",
                           ptc_id=article_id, title=title, language="en")


def _parse_labels(name: str, content: str, article_id: str, length: int, catalogue: Catalogue,
                  problems: list[Problem]) -> list[Span]:
    spans: list[Span] = []
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        span = _parse_line(line, article_id, length, catalogue)
        if isinstance(span, Span):
            spans.append(span)
        else:
            problems.extend(Problem(name, number, message) for message in span)
    return spans


def _parse_line(line: str, article_id: str, length: int,
                catalogue: Catalogue) -> Span | list[str]:
    """One label line as a Span, or the list of what is wrong with it."""
    fields = line.split("\t")
    if len(fields) != len(FIELDS):
        return [f"expected {len(FIELDS)} tab-separated fields ({', '.join(FIELDS)}), "
                f"got {len(fields)}"]
    found_id, technique, start, end = fields
    errors: list[str] = []
    if found_id != article_id:
        errors.append(f"article id {found_id!r} does not match the file name "
                      f"(expected {article_id!r})")
    device = catalogue.device_for_ptc(technique)
    if device is None:
        errors.append(_unknown_technique(technique, catalogue))
    offsets: list[int] = []
    span: Span | None = None
    for what, value in (("start", start), ("end", end)):
        if re.fullmatch(r"[0-9]{1,18}", value):
            offsets.append(int(value))
        elif re.fullmatch(r"[0-9]+", value):
            errors.append(f"{what} offset has {len(value)} digits: beyond the end of the article "
                          f"(allowed 0 <= start < end <= {length})")
        else:
            errors.append(f"{what} offset {value!r} is not a whole number "
                          "(offsets are code points counted from 0)")
    if len(offsets) == 2:
        try:
            span = Span(offsets[0], offsets[1], device or "UNKNOWN")
            span.check_within(length)
        except SpanError as exc:
            errors.append(str(exc))
    if errors or span is None:
        return errors
    return span


def _unknown_technique(technique: str, catalogue: Catalogue) -> str:
    known = sorted(catalogue.ptc_import)
    near = difflib.get_close_matches(technique, known, n=1, cutoff=0.6)
    hint = f" — did you mean {near[0]}?" if near else ""
    return f"unknown technique {technique!r}{hint} (known: {', '.join(known)})"


def _safe_id(document: Document) -> str:
    article_id = str(document.meta.get("ptc_id") or document.doc_id)
    if not article_id or UNSAFE_ID.search(article_id):
        raise FormatError(f"document {document.doc_id!r}: PTC id {article_id!r} cannot be used "
                          "in a file name (not allowed: '/', '\\', '..', NUL, tab, newline)")
    return article_id


def _labels_text(article_id: str, document: Document, catalogue: Catalogue,
                 skipped: Counter[str]) -> tuple[str, int]:
    lines = []
    for span in document.spans:
        technique = catalogue.ptc_for_device(span.label)
        if technique is None:
            skipped[span.label] += 1
        else:
            lines.append(f"{article_id}\t{technique}\t{span.start}\t{span.end}\n")
    return "".join(lines), len(lines)


def export_ptc(documents: Iterable[Document], out_dir: str | os.PathLike[str],
               catalogue: Catalogue) -> ExportReport:
    """Write `articleID.txt` and `articleID.task2-TC.labels` for each document into `out_dir`;
    spans whose device has no PTC technique are skipped and counted."""
    out = Path(out_dir)
    skipped: Counter[str] = Counter()
    planned: dict[str, tuple[str, str]] = {}
    owners: dict[str, str] = {}
    total = 0
    for document in documents:
        article_id = _safe_id(document)
        if article_id in owners:
            raise FormatError(f"documents {owners[article_id]!r} and {document.doc_id!r} both "
                              f"export as article{article_id}.txt (PTC ids must be unique)")
        owners[article_id] = document.doc_id
        labels, count = _labels_text(article_id, document, catalogue, skipped)
        planned[article_id] = (document.text, labels)
        total += count
    for article_id, (text, labels) in planned.items():
        atomic_write_text(out / f"article{article_id}.txt", text)
        atomic_write_text(out / f"article{article_id}{LABELS_SUFFIX}", labels)
    return ExportReport(len(planned), total, dict(skipped))
