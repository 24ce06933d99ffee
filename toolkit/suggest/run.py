"""Suggest spans for whole documents and files: read inputs, pick the language, write meta."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Document, LabelCheck, read_jsonl
from ..errors import ToolkitError
from .. import language
from ..progress import Progress, silent
from .matcher import Suggester, Suggestion
from .rules import LANGUAGES, Rule, load_rules, pattern_paths

LANG_CHOICES = (*LANGUAGES, "auto")
META_KEY = "suggestions"
TEXT_SUFFIXES = (".txt", ".text", ".md")

#: Called after each document with (documents done, suggestions made so far).


@dataclass(frozen=True)
class SuggestOptions:
    """What `mlt suggest` was asked for: language, devices, segmenter, extra rule files."""

    lang: str = "auto"
    devices: tuple[str, ...] | None = None
    segmenter: str = "char"
    rule_files: tuple[str, ...] = ()
    keywords_only: bool = False
    keep_existing: bool = False

    def __post_init__(self) -> None:
        if self.lang not in LANG_CHOICES:
            raise ToolkitError(f"unknown language {self.lang!r} "
                               f"(allowed: {', '.join(LANG_CHOICES)})")


@dataclass
class SuggestReport:
    """Counts of one run, per device, and the existing spans not carried over."""

    documents: int = 0
    suggestions: int = 0
    per_device: dict[str, int] = field(default_factory=dict)
    dropped_existing: int = 0


def read_inputs(paths: Sequence[str | os.PathLike[str]],
                check_label: LabelCheck | None = None) -> list[Document]:
    """Documents from `.txt` articles (body and comments apart) and doccano JSONL files."""
    from ..formats.text import import_text

    documents: list[Document] = []
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise ToolkitError(f"{path}: no such file (give .txt articles or .jsonl documents)")
        if path.suffix.lower() == ".jsonl":
            documents.extend(read_jsonl(path, check_label))
        elif path.suffix.lower() in TEXT_SUFFIXES:
            documents.extend(import_text([path]))
        else:
            raise ToolkitError(f"{path}: unknown input type {path.suffix or '(none)'!r} "
                               f"(allowed: .jsonl, {', '.join(TEXT_SUFFIXES)})")
    return documents


def document_language(document: Document, wanted: str = "auto") -> str:
    """`wanted` unless auto; else the document's `language` meta, else detected from its text."""
    if wanted != "auto":
        return wanted
    return language.of_text(document.meta.get("language"), document.text)


class SuggestRun:
    """Suggesters built lazily per language and reused for every document of the run."""

    def __init__(self, options: SuggestOptions, rules: Sequence[Rule]) -> None:
        self.options = options
        self.rules = list(rules)
        self._suggesters: dict[str, Suggester] = {}

    def suggester(self, lang: str) -> Suggester:
        """The compiled rules of `lang` (built on first use)."""
        if lang not in self._suggesters:
            self._suggesters[lang] = Suggester(
                self.rules, lang, self.options.segmenter, self.options.devices,
                self.options.keywords_only)
        return self._suggesters[lang]

    def suggest(self, document: Document) -> tuple[Document, list[Suggestion]]:
        """The document with suggested spans and a `suggestions` meta list explaining them."""
        lang = document_language(document, self.options.lang)
        title = document.meta.get("title")
        found = self.suggester(lang).suggest(document.text, title if isinstance(title, str)
                                             else None)
        spans = {s.span for s in found}
        if self.options.keep_existing:
            spans.update(document.spans)
        meta = dict(document.meta)
        meta[META_KEY] = [s.to_meta() for s in found]
        return Document(document.doc_id, document.text, tuple(sorted(spans)), meta), found


def suggest_documents(documents: Iterable[Document], options: SuggestOptions | None = None,
                      rules: Sequence[Rule] | None = None, check_label: LabelCheck | None = None,
                      report: SuggestReport | None = None,
                      progress: Progress = silent) -> Iterator[Document]:
    """Each document with its suggestions (rules default to the built-in pattern files plus
    `options.rule_files`); counts go into `report` when one is given."""
    options = options or SuggestOptions()
    if rules is None:
        rules = load_rules(pattern_paths(options.rule_files), check_label)
    run = SuggestRun(options, rules)
    report = report if report is not None else SuggestReport()
    for document in documents:
        result, found = run.suggest(document)
        report.documents += 1
        spans = {s.span for s in found}
        report.suggestions += len(spans)
        for span in spans:
            report.per_device[span.label] = report.per_device.get(span.label, 0) + 1
        if not options.keep_existing:
            report.dropped_existing += len(document.spans)
        progress(f"{report.suggestions} suggestion(s)", report.documents, 0)
        yield result
