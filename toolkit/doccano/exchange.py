"""Our documents in doccano's import and export formats, and back, without loss.

What the server holds for each document:
- `text`, and spans whose offsets count UTF-16 code units: that is what doccano's web annotator
  counts (doccano issue #2484), so spans we upload show on the right characters and spans
  tagged in the browser come back right. Our files count code points; `OffsetMap` converts.
- three meta keys, the same on every line of an upload and always strings (a key missing on a
  line, or a null, becomes NaN in doccano's importer and fails the whole import; numbers come
  back from the export as floats): `doc_id`, `fingerprint`, and `mlt_meta`, our meta as JSON.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..corpus import CORE_KEYS, Document, LabelCheck, default_doc_id, fingerprint
from ..errors import Problem
from ..review import without_review
from ..spans import OffsetMap, Span, SpanError

META_KEY = "mlt_meta"
ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
#: Keys of an exported line that are doccano's own, not the document's meta.
EXPORT_KEYS = {"id", "text", "label", "Comments", "doc_id", "fingerprint", META_KEY}


def upload_line(document: Document, label_names: Mapping[str, str] | None = None) -> str:
    """One line of an upload file: pure ASCII JSON (so the server's encoding guess cannot
    misread Chinese), spans in UTF-16 units under the project's label names (`label_names`:
    device id -> label text), meta in the three fixed string keys. The per-person `review`
    meta of a pulled file stays home."""
    document = without_review(document)
    if META_KEY in document.meta:
        raise ValueError(f"document {document.doc_id}: meta key {META_KEY!r} is reserved")
    names = label_names or {}
    if ASTRAL.search(document.text):
        offsets = OffsetMap(document.text)
        labels = [[*offsets.span_to_utf16(span), names.get(span.label, span.label)]
                  for span in document.spans]
    else:  # the same numbers in both units: skip building the map
        labels = [[span.start, span.end, names.get(span.label, span.label)]
                  for span in document.spans]
    record = {"text": document.text, "label": labels, "doc_id": document.doc_id,
              "fingerprint": document.fingerprint,
              META_KEY: json.dumps(dict(document.meta), ensure_ascii=False, sort_keys=True)}
    return json.dumps(record, ensure_ascii=True)


@dataclass(frozen=True)
class Exported:
    """One example of an export file: doccano's example id and our document."""

    example_id: int
    document: Document


@dataclass
class ExportData:
    """A parsed export: per username, the examples with that user's spans."""

    users: dict[str, list[Exported]] = field(default_factory=dict)
    skipped_labels: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def examples(self) -> list[Exported]:
        """Every example of the project (each user's file lists them all), spans aside."""
        for examples in self.users.values():
            return examples
        return []


def read_export(data: bytes, check_label: LabelCheck | None = None,
                labels: Callable[[str], str | None] | None = None) -> ExportData:
    """Parse doccano's JSONL export zip (collaboration off: one USERNAME.jsonl per member).
    `labels` maps a label text to its device id (None: not a device, the span is left out);
    without it, label texts are taken as device ids and checked with `check_label`."""
    result = ExportData()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            path = PurePosixPath(name)
            if path.suffix != ".jsonl":
                continue
            with archive.open(name) as handle:
                lines = io.TextIOWrapper(handle, encoding="utf-8")
                result.users[path.stem] = [
                    exported for number, line in enumerate(lines, start=1) if line.strip()
                    for exported in [_example(name, number, line, check_label, result, labels)]
                    if exported is not None]
    return result


def _example(name: str, number: int, line: str, check_label: LabelCheck | None,
             result: ExportData, labels: Callable[[str], str | None] | None) -> Exported | None:
    record = json.loads(line)
    text = record["text"]
    offsets = OffsetMap(text) if ASTRAL.search(text) else None
    spans: set[Span] = set()
    for start, end, shown in record.get("label") or []:
        label = labels(shown) if labels else shown
        message = check_label(label) if check_label and label else None
        if label is None or message:
            result.skipped_labels[shown] += 1
            continue
        try:
            span = (offsets.span_from_utf16(int(start), int(end), label) if offsets
                    else Span(int(start), int(end), label))
            span.check_within(len(text))
        except SpanError as exc:
            result.problems.append(Problem(name, number, f"example {record.get('id')}: span "
                                           f"{start}-{end} {label}: {exc}; left out"))
            continue
        spans.add(span)
    doc_id = record.get("doc_id") or default_doc_id(text)
    meta = _meta(record)
    stored = record.get("fingerprint")
    if stored and stored != fingerprint(text):
        result.problems.append(Problem(name, number, f"document {doc_id}: the text on the "
                                       f"server no longer matches its fingerprint {stored}"))
    return Exported(int(record["id"]), Document.create(text, spans, doc_id=str(doc_id), **meta))


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    """Our meta back: exactly, from `mlt_meta`; else (a document added in doccano's own upload
    page) the other exported keys, with doccano's floats turned back into whole numbers."""
    if isinstance(record.get(META_KEY), str):
        return json.loads(record[META_KEY])
    meta = {}
    for key, value in record.items():
        if key in EXPORT_KEYS or key in CORE_KEYS or value is None:
            continue
        meta[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return meta


def iter_upload_lines(documents: Iterable[Document],
                      label_names: Mapping[str, str] | None = None) -> Iterable[str]:
    """Upload lines for many documents."""
    return (upload_line(document, label_names) for document in documents)
