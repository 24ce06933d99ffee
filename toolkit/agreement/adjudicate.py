"""Merge annotators into one gold set: align overlapping spans of a device, keep those enough
annotators agree on, and list what the teacher must decide."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_text
from ..corpus import Document, LabelCheck, write_jsonl
from ..errors import ToolkitError
from ..spans import Span, overlap_chains
from ..collection import Collection, Selection


@dataclass(frozen=True)
class Candidate:
    """Overlapping spans of one device from several annotators, aligned as one gold candidate."""

    doc_id: str
    span: Span  # the boundaries most annotators chose
    annotators: tuple[str, ...]  # who tagged (an overlapping span of) this device here
    of: int  # how many annotators annotated the document

    @property
    def agreed(self) -> int:
        """How many annotators tagged it."""
        return len(self.annotators)


@dataclass(frozen=True)
class Conflict:
    """A candidate the rule did not settle: kept or dropped, the teacher should look."""

    candidate: Candidate
    kept: bool
    reason: str


@dataclass(frozen=True)
class Adjudication:
    """The merged gold documents and the conflicts left for the teacher."""

    documents: list[Document]
    conflicts: list[Conflict]
    strategy: str
    min_agree: int | None


def parse_strategy(strategy: str, collection: Collection | None = None) -> str | None:
    """The teacher's name for `teacher=NAME` (or `teacher`: the collection's one teacher),
    None for `majority`; else a clear error."""
    if strategy == "majority":
        return None
    if strategy.startswith("teacher=") and strategy[len("teacher="):]:
        return strategy[len("teacher="):]
    if strategy == "teacher" and collection is not None:
        teachers = collection.teachers
        if len(teachers) != 1:
            raise ToolkitError(f"--strategy teacher needs exactly one teacher in the collection "
                               f"(found: {', '.join(teachers) or 'none'}); name one with "
                               "--strategy teacher=NAME or --teacher NAME")
        return teachers[0]
    raise ToolkitError(f"unknown --strategy {strategy!r} (allowed: majority, teacher, "
                       "teacher=NAME)")


def align(collection: Collection, doc_id: str) -> list[Candidate]:
    """Group every annotator's spans of the document: spans of the same device that overlap
    (directly or through a chain) form one candidate."""
    coders = collection.who_annotated(doc_id)
    groups = overlap_chains((span, coder) for coder in coders
                            for span in collection.annotations[coder][doc_id].spans)
    candidates = [_candidate(doc_id, group, len(coders)) for group in groups]
    return sorted(candidates, key=lambda c: c.span)


def _candidate(doc_id: str, group: list[tuple[Span, str]], of: int) -> Candidate:
    votes = Counter(span for span, _ in group)
    best = max(votes.items(), key=lambda item: (item[1], -item[0].start, -len(item[0])))[0]
    annotators = tuple(sorted({coder for _, coder in group}))
    return Candidate(doc_id, best, annotators, of)


def adjudicate(collection: Collection, strategy: str = "majority", min_agree: int | None = None,
               devices: Sequence[str] | None = None) -> Adjudication:
    """Merge the collection into gold documents, each span's agreement stored in meta
    `agreement` as [start, end, label, agreed, annotators]."""
    teacher = parse_strategy(strategy, collection)
    if teacher is not None and teacher not in collection.annotations:
        raise ToolkitError(f"--strategy teacher={teacher}: no annotator {teacher!r} "
                           f"(annotators: {', '.join(collection.annotators)})")
    if min_agree is not None and min_agree < 1:
        raise ToolkitError(f"--min-agree must be at least 1, got {min_agree}")
    documents, conflicts = [], []
    for doc_id in collection.doc_ids:
        kept: list[Candidate] = []
        for candidate in align(collection, doc_id):
            if devices is not None and candidate.span.label not in devices:
                continue
            need = min_agree if min_agree is not None else candidate.of // 2 + 1
            if teacher is not None:
                keep = teacher in candidate.annotators
                if keep != (candidate.agreed >= need):
                    reason = ("the teacher tagged it; fewer than {} annotators agree" if keep else
                              "{} or more annotators agree; the teacher did not tag it")
                    conflicts.append(Conflict(candidate, keep, reason.format(need)))
            else:
                keep = candidate.agreed >= need
                if max(1, need - 1) <= candidate.agreed < candidate.of:  # contested, not noise
                    conflicts.append(Conflict(candidate, keep,
                                              f"{candidate.agreed} of {candidate.of} agree "
                                              f"(needed {need})"))
            if keep:
                kept.append(candidate)
        documents.append(_gold_document(collection, doc_id, kept, teacher))
    return Adjudication(documents, conflicts, strategy, min_agree)


def _gold_document(collection: Collection, doc_id: str, kept: list[Candidate],
                   teacher: str | None) -> Document:
    base = collection.texts[doc_id]
    spans = []
    for candidate in kept:
        span = candidate.span
        if teacher is not None:  # the teacher's own boundaries win
            own = [s for s in collection.annotations[teacher][doc_id].spans
                   if s.label == span.label and s.overlaps(span)]
            span = own[0] if own else span
        spans.append(span)
    agreement = [[*s.to_doccano(), c.agreed, c.of] for s, c in zip(spans, kept)]
    meta = {k: v for k, v in base.meta.items() if k != "agreement"}
    return Document.create(base.text, spans, doc_id=doc_id, **meta, agreement=agreement)


@dataclass(frozen=True)
class GoldFile:
    """What `adjudicate_folder` wrote: the adjudication, the collection it read, and the
    differences with the folder's manifest (its roles are the teacher's word and are kept)."""

    result: Adjudication
    collection: Collection
    warnings: list[str]


def adjudicate_folder(folder: str | os.PathLike[str], out: str | os.PathLike[str],
                      check_label: LabelCheck | None = None, selection: Selection = Selection(),
                      strategy: str = "majority", min_agree: int | None = None,
                      devices: Sequence[str] | None = None,
                      conflicts: str | os.PathLike[str] | None = None) -> GoldFile:
    """Adjudicate a collection folder into the gold file `out` (and the conflicts as CSV).
    A gold file inside the folder is not an annotator (it is the file being written) and is
    recorded as the folder's gold in collection.yaml. Everything is read and rendered before
    the first file is written; every write is atomic."""
    from ..collection import Role, load_collection, record_roles
    from .tables import conflicts_csv

    out = Path(out)
    inside = out.parent.resolve() == Path(folder).resolve()
    collection = load_collection(folder, check_label, selection,
                                 [(out.stem, "the file being written (-o)")] if inside else [])
    result = adjudicate(collection, strategy, min_agree, devices)
    table = conflicts_csv(result, collection) if conflicts is not None else None
    write_jsonl(out, result.documents)
    if conflicts is not None and table is not None:
        atomic_write_text(conflicts, table)
    warnings = record_roles(folder, {out.stem: Role.GOLD}) if inside else []
    return GoldFile(result, collection, warnings)
