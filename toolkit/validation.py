"""`mlt validate`: check annotation files and folders, reporting every problem with its line."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .corpus import LabelCheck, iter_records, jsonl_files
from .errors import Problem, UnreadableFileError


@dataclass
class ValidationReport:
    """Counts of what was checked and every problem found, in file and line order."""

    files: int = 0
    documents: int = 0
    spans: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many problems are errors (warnings do not fail validation)."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(p.severity == "warning" for p in self.problems)

    @property
    def ok(self) -> bool:
        """True when no error was found."""
        return self.errors == 0


def validate_paths(paths: Sequence[str | os.PathLike[str]], check_label: LabelCheck | None = None,
                   on_problem: Callable[[Problem], None] | None = None) -> ValidationReport:
    """Check every JSONL file named by `paths` (folders are searched recursively), streaming.

    Besides each line's own checks, a document id seen in several files (one file per annotator)
    must have the same text everywhere, so that no annotator's spans point into another text.
    """
    report = ValidationReport()

    def add(problem: Problem) -> None:
        report.problems.append(problem)
        if on_problem:
            on_problem(problem)

    texts: dict[str, tuple[str, str, int]] = {}  # doc_id -> (fingerprint, file, line)
    for path in jsonl_files(paths):
        if not path.exists():
            add(Problem(str(path), None, "no such file or folder"))
            continue
        report.files += 1
        try:
            for record in iter_records(path, check_label):
                for problem in record.problems:
                    add(problem)
                document = record.document
                if document is None:
                    continue
                report.documents += 1
                report.spans += len(document.spans)
                first = texts.setdefault(document.doc_id, (document.fingerprint, str(path),
                                                           record.line))
                if first[0] != document.fingerprint and first[1] != str(path):
                    add(Problem(str(path), record.line,
                                f"doc_id {document.doc_id!r} has a different text here than in "
                                f"{first[1]}:{first[2]} ({document.fingerprint} vs {first[0]})"))
        except UnreadableFileError as exc:
            add(exc.problem)
    if report.files == 0 and not report.problems:
        add(Problem(", ".join(map(str, paths)), None, "no .jsonl files found"))
    return report
