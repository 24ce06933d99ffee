"""Documents and doccano JSONL files: the one on-disk format, read with real line numbers."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import files
from .atomic import atomic_open
from .errors import InvalidInputError, Problem, WriteError
from .files import UTF16_BOMS, iter_lines
from .jsonline import LineDecoder
from .spans import Span, SpanError, find_duplicates, parse_label, sort_spans

#: Keys of a JSONL line that are not meta.
CORE_KEYS = ("doc_id", "text", "label", "fingerprint")
FINGERPRINT_PREFIX = "sha256:"
UTF8_BOM = b"\xef\xbb\xbf"
JSONL_FILE = "a doccano JSONL file"

#: Checks a label name: None when it is known, else the message to report.
LabelCheck = Callable[[str], "str | None"]


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a text: `sha256:` and the first 16 hex digits."""
    return FINGERPRINT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def default_doc_id(text: str) -> str:
    """The id a document without one gets: derived from its text, so it is stable."""
    return "doc-" + fingerprint(text)[len(FINGERPRINT_PREFIX):][:12]


@dataclass(frozen=True)
class Document:
    """One article (or one section of one) with its spans and meta data.

    Immutable and hashable: `meta` is a read-only view of a private copy of the mapping given
    (to change it, build a new Document from `dict(document.meta)`); the hash leaves meta out,
    equality does not. Values inside meta are plain JSON data and are not frozen: treat them as
    read-only.
    """

    doc_id: str
    text: str
    spans: tuple[Span, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        if not isinstance(self.doc_id, str) or not self.doc_id:
            raise ValueError(f"doc_id must be a non-empty string, got {self.doc_id!r}")
        if not isinstance(self.text, str):
            raise ValueError("text must be a string")
        for span in self.spans:
            span.check_within(len(self.text))
        clash = set(self.meta) & set(CORE_KEYS)
        if clash:
            raise ValueError(f"meta may not use the reserved keys {sorted(clash)}")

    def __reduce__(self) -> tuple[Any, ...]:  # a mappingproxy cannot be pickled: send a dict
        return (Document, (self.doc_id, self.text, self.spans, dict(self.meta)))

    @classmethod
    def create(cls, text: str, spans: Iterable[Span] = (), doc_id: str | None = None,
               **meta: Any) -> Document:
        """A document with sorted spans and an id derived from the text when none is given."""
        return cls(doc_id or default_doc_id(text), text, tuple(sort_spans(spans)), dict(meta))

    @property
    def fingerprint(self) -> str:
        """The fingerprint of this document's text."""
        return fingerprint(self.text)

    def span_text(self, span: Span) -> str:
        """The characters a span covers in this document."""
        return span.text_of(self.text)

    def with_spans(self, spans: Iterable[Span]) -> Document:
        """The same document with other spans (sorted)."""
        return Document(self.doc_id, self.text, tuple(sort_spans(spans)), dict(self.meta))

    def to_json(self) -> dict[str, Any]:
        """The doccano JSONL object: id, text, labels as [start, end, label], fingerprint, meta."""
        record: dict[str, Any] = {
            "doc_id": self.doc_id,
            "text": self.text,
            "label": [span.to_doccano() for span in self.spans],
            "fingerprint": self.fingerprint,
        }
        record.update(self.meta)
        return record


def excerpt(text: str, limit: int = 60) -> str:
    """Article text for a message or a table: on one line, cut with "…" past `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def dumps(document: Document, ascii_only: bool = False) -> str:
    """One JSONL line (without the newline)."""
    return json.dumps(document.to_json(), ensure_ascii=ascii_only, separators=(", ", ": "))


def write_jsonl(path: str | os.PathLike[str], documents: Iterable[Document],
                ascii_only: bool = False) -> int:
    """Write documents to `path` atomically, one per line; return how many were written."""
    count = 0
    try:
        with atomic_open(path, "w") as handle:
            for document in documents:
                handle.write(dumps(document, ascii_only))
                handle.write("\n")
                count += 1
    except OSError as exc:
        raise WriteError(f"cannot write {files.readable(path)}: "
                         f"{exc.strerror or exc.__class__.__name__}; nothing was written") from None
    return count


@dataclass
class Record:
    """What one line of a JSONL file yielded: a document (None if unusable) and its problems."""

    line: int
    document: Document | None
    problems: list[Problem]


def iter_records(path: str | os.PathLike[str], check_label: LabelCheck | None = None,
                 ) -> Iterator[Record]:
    """Stream a doccano JSONL file line by line (never loading it whole), checking each line.

    A line longer than `files.MAX_LINE_BYTES` (64 MiB) is a problem on that line and is skipped;
    a file that cannot be read (missing, a folder, a device, not permitted) is an
    UnreadableFileError naming it."""
    name = str(path)
    seen_ids: dict[str, int] = {}
    reader = LineDecoder()
    for number, raw in enumerate(iter_lines(path, JSONL_FILE, files.MAX_LINE_BYTES), start=1):
        problems: list[Problem] = []
        if raw is None:
            problems.append(Problem(name, number, f"line longer than "
                                    f"{files.size_text(files.MAX_LINE_BYTES)} (the limit for one "
                                    "document); skipped"))
            yield Record(number, None, problems)
            continue
        if number == 1 and raw.startswith(UTF8_BOM):
            problems.append(Problem(name, 1, "file starts with a UTF-8 byte-order mark (BOM); "
                                             "save it as UTF-8 without BOM"))
            raw = raw[len(UTF8_BOM):]
        document = _parse_line(name, number, raw, check_label, problems, reader)
        if document is not None:
            first = seen_ids.setdefault(document.doc_id, number)
            if first != number:
                problems.append(Problem(name, number, f"doc_id {document.doc_id!r} is already "
                                                      f"used on line {first}"))
        yield Record(number, document, problems)


def _parse_line(name: str, number: int, raw: bytes, check_label: LabelCheck | None,
                problems: list[Problem], reader: LineDecoder) -> Document | None:
    def report(message: str, severity: str = "error") -> None:
        problems.append(Problem(name, number, message, severity))

    if number == 1 and raw.startswith(UTF16_BOMS):
        report("the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report(f"invalid UTF-8 at byte {exc.start + 1} of the line (0x{raw[exc.start]:02x}); "
               "the file must be UTF-8")
        return None
    if not line.strip():
        report("blank line (a JSONL file has one JSON document on every line)")
        return None
    nul = raw.find(b"\x00")
    if nul != -1:
        report(f"NUL byte at byte {nul + 1} of the line (a JSONL file is UTF-8 text; a UTF-16 or "
               "binary file? save it as UTF-8)")
        return None
    record, messages = reader.decode(line.rstrip("\r\n"))
    if messages:
        for message in messages:
            report(message)
        return None
    if not isinstance(record, dict):
        report(f"a line must be a JSON object, got {_json_type(record)}")
        return None
    text = record.get("text")
    if "text" not in record:
        report('missing field "text"')
        return None
    if not isinstance(text, str):
        report(f'field "text" must be a string, got {_json_type(text)}')
        return None
    spans = _parse_spans(record.get("label", []), len(text), check_label, report)
    doc_id = record.get("doc_id")
    if doc_id is not None and (not isinstance(doc_id, str) or not doc_id):
        report(f'field "doc_id" must be a non-empty string, got {json.dumps(doc_id)}')
        doc_id = None
    stored = record.get("fingerprint")
    if stored is not None and stored != fingerprint(text):
        report(f"fingerprint {json.dumps(stored)} does not match the text ({fingerprint(text)}): "
               "the text changed after its spans were made; restore the text or re-annotate it")
    if any(p.severity == "error" for p in problems):
        return None
    if "review" in record:  # a pulled file's per-person state (toolkit.review)
        from .review import check_review

        for message in check_review(record["review"], len(text), check_label):
            report(message)
    if any(p.severity == "error" for p in problems):
        return None
    meta = {key: value for key, value in record.items() if key not in CORE_KEYS}
    return Document.create(text, spans, doc_id=doc_id, **meta)


def _parse_spans(labels: object, length: int, check_label: LabelCheck | None,
                 report: Callable[..., None]) -> list[Span]:
    if not isinstance(labels, list):
        report(f'field "label" must be a list of spans, got {_json_type(labels)}')
        return []
    spans: list[Span] = []
    positions: list[int] = []
    for index, item in enumerate(labels):
        try:
            span = parse_label(item)
            span.check_within(length)
        except SpanError as exc:
            report(f"label[{index}]: {exc}")
            continue
        message = check_label(span.label) if check_label else None
        if message:
            report(f"label[{index}]: {message}")
            continue
        spans.append(span)
        positions.append(index)
    for first, repeat in find_duplicates(spans):
        span = spans[repeat]
        report(f"label[{positions[repeat]}]: duplicate span {span.start}-{span.end} {span.label} "
               f"(same as label[{positions[first]}])", "warning")
    return spans


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def read_jsonl(path: str | os.PathLike[str], check_label: LabelCheck | None = None,
               ) -> list[Document]:
    """Every document of a JSONL file, or InvalidInputError listing every error with its line."""
    documents: list[Document] = []
    errors: list[Problem] = []
    for record in iter_records(path, check_label):
        errors.extend(p for p in record.problems if p.severity == "error")
        if record.document is not None:
            documents.append(record.document)
    if errors:
        raise InvalidInputError(errors, what=str(path))
    return documents


def jsonl_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The JSONL files named by `paths`: files as given, folders searched recursively, sorted."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.jsonl") if p.is_file()))
        else:
            found.append(path)
    return found
