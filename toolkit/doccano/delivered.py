"""The record of which suggested spans `mlt doccano push --suggestions` placed in whose account.

It lives in the collection folder, `.mlt-suggestions.json`, beside the files pull writes, so that
pull can tell an untouched suggestion from a span a person made:

    {"project": "week3",
     "delivered": {"alice": {"doc-1": {"fingerprint": "sha256:…", "spans": [[0, 4, "SLOGAN"]]}},
                   "bob": {"doc-1": {"fingerprint": "sha256:…", "spans": [[0, 4, "SLOGAN"]],
                                     "pending": true}}}}

An entry is written *before* its spans are created, marked `pending`; the mark is removed once
every span of the entry exists. A push that is killed half-way therefore never leaves a
suggestion that pull would take for the person's own work, and never delivers one twice: the
next push finds the pending entries and creates only the spans of each that the person does not
have yet (read from the project's export), then clears the mark. Until then, a pending
suggestion that never arrived counts as deleted in pull, as any recorded one does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..spans import Span, SpanError, parse_label
from .errors import DoccanoError

RECORD = ".mlt-suggestions.json"


@dataclass
class DeliveryRecord:
    """Per user and document: the text's fingerprint and the suggested spans they were given."""

    project: str | None = None
    delivered: dict[str, dict[str, tuple[str, frozenset[Span]]]] = field(default_factory=dict)
    #: (user, doc_id) of the entries whose spans may not all exist yet.
    pending: set[tuple[str, str]] = field(default_factory=set)

    def spans_for(self, user: str, doc_id: str, fingerprint: str) -> frozenset[Span] | None:
        """The suggestions `user` received on this text (None: none were delivered)."""
        entry = self.delivered.get(user, {}).get(doc_id)
        if entry is None or entry[0] != fingerprint:
            return None
        return entry[1]

    def is_pending(self, user: str, doc_id: str) -> bool:
        """Was this delivery started but not seen through?"""
        return (user, doc_id) in self.pending

    def add(self, user: str, doc_id: str, fingerprint: str, spans: frozenset[Span],
            pending: bool = False) -> None:
        """Note a delivery (`pending`: about to be made)."""
        self.delivered.setdefault(user, {})[doc_id] = (fingerprint, spans)
        if pending:
            self.pending.add((user, doc_id))
        else:
            self.pending.discard((user, doc_id))

    def complete(self, user: str, doc_id: str) -> None:
        """Every span of a pending delivery now exists."""
        self.pending.discard((user, doc_id))

    def remove(self, user: str, doc_id: str) -> None:
        """Forget a pending delivery of which nothing was sent (its person could not log in)."""
        self.pending.discard((user, doc_id))
        docs = self.delivered.get(user, {})
        docs.pop(doc_id, None)
        if not docs:
            self.delivered.pop(user, None)

    def to_json(self) -> dict:
        """The file's content."""
        def entry(user: str, doc_id: str, fingerprint: str, spans: frozenset[Span]) -> dict:
            item: dict = {"fingerprint": fingerprint,
                          "spans": [s.to_doccano() for s in sorted(spans)]}
            if (user, doc_id) in self.pending:
                item["pending"] = True
            return item
        return {"project": self.project, "delivered": {
            user: {doc_id: entry(user, doc_id, fp, spans)
                   for doc_id, (fp, spans) in sorted(docs.items())}
            for user, docs in sorted(self.delivered.items())}}


def record_path(folder: Path) -> Path:
    """Where a collection folder's delivery record lives."""
    return Path(folder) / RECORD


def load_record(folder: Path) -> DeliveryRecord:
    """The folder's delivery record (an empty one when there is none)."""
    path = record_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DeliveryRecord()
    except (OSError, ValueError) as exc:
        raise DoccanoError(f"{path}: unreadable ({exc.__class__.__name__}); it records which "
                           "suggestions were delivered: restore it from version control") from None
    record = DeliveryRecord(data.get("project") if isinstance(data, dict) else None)
    try:
        for user, docs in data["delivered"].items():
            for doc_id, entry in docs.items():
                record.add(user, doc_id, str(entry["fingerprint"]),
                           frozenset(parse_label(item) for item in entry["spans"]),
                           pending=entry.get("pending") is True)
    except (KeyError, TypeError, AttributeError, SpanError) as exc:
        raise DoccanoError(f"{path}: malformed ({exc}); restore it from version control") from None
    return record


def save_record(folder: Path, record: DeliveryRecord) -> None:
    """Write the record atomically."""
    atomic_write_text(record_path(folder), json.dumps(record.to_json(), ensure_ascii=False,
                                                      indent=1) + "\n")
