"""A collection folder as the agreement code sees it: one JSONL file per annotator."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Document, LabelCheck, read_jsonl
from ..errors import InvalidInputError, Problem, ToolkitError

#: Files in a collection folder that are not an annotator's own tags.
NOT_ANNOTATORS = ("gold", "suggestions")


@dataclass(frozen=True)
class Collection:
    """Annotators' documents by annotator name and doc_id, with one shared text per document."""

    annotations: dict[str, dict[str, Document]]
    texts: dict[str, Document]  # doc_id -> the document (text and meta), spans dropped

    @property
    def annotators(self) -> list[str]:
        """Annotator names, sorted."""
        return sorted(self.annotations)

    @property
    def doc_ids(self) -> list[str]:
        """Every document id, in first-seen order."""
        return list(self.texts)

    def who_annotated(self, doc_id: str) -> list[str]:
        """The annotators whose file holds this document (one who skipped it is missing)."""
        return [name for name in self.annotators if doc_id in self.annotations[name]]


def load_collection(folder: str | os.PathLike[str], check_label: LabelCheck | None = None,
                    annotators: Sequence[str] | None = None,
                    exclude: Sequence[str] = NOT_ANNOTATORS) -> Collection:
    """Read every `<annotator>.jsonl` in `folder` (not gold or suggestions unless named)."""
    root = Path(folder)
    if not root.is_dir():
        raise ToolkitError(f"{root}: not a folder (expected a collection folder of "
                           "<annotator>.jsonl files)")
    files = {p.stem: p for p in sorted(root.glob("*.jsonl"))}
    if annotators:
        unknown = [name for name in annotators if name not in files]
        if unknown:
            raise ToolkitError(f"{root}: no file for annotator(s) {', '.join(unknown)} "
                               f"(files: {', '.join(files) or 'none'})")
        files = {name: files[name] for name in annotators}
    else:
        files = {name: path for name, path in files.items() if name not in exclude}
    if not files:
        raise ToolkitError(f"{root}: no annotator files (*.jsonl other than "
                           f"{', '.join(f'{n}.jsonl' for n in exclude)})")
    return collection_from_files(files, check_label)


def collection_from_files(files: dict[str, Path], check_label: LabelCheck | None = None,
                          ) -> Collection:
    """Build a Collection from annotator name -> file, checking that shared texts agree."""
    annotations: dict[str, dict[str, Document]] = {}
    texts: dict[str, Document] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for name, path in files.items():
        documents = read_jsonl(path, check_label)
        annotations[name] = {doc.doc_id: doc for doc in documents}
        for line, doc in enumerate(documents, start=1):
            first = texts.setdefault(doc.doc_id, doc.with_spans(()))
            where.setdefault(doc.doc_id, str(path))
            if first.fingerprint != doc.fingerprint:
                problems.append(Problem(str(path), line, f"doc_id {doc.doc_id!r} has a different "
                                        f"text than in {where[doc.doc_id]}; the annotators did "
                                        "not tag the same text"))
    if problems:
        raise InvalidInputError(problems, what="the collection")
    return Collection(annotations, texts)
