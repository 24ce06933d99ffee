"""Suggested spans, placed in each annotator's own account so that they can accept or reject them.

With collaborative annotation off (it must be off: it is what gives one file per annotator),
doccano shows every annotator only their own spans. So a suggestion becomes a span of that
annotator, created through the API while logged in as them: keeping it accepts it, deleting it
rejects it. An annotator only gets suggestions on a document where they have no spans yet, so
a second push never re-adds what they already reviewed on a document they have started.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..corpus import Document
from ..spans import OffsetMap
from .exchange import ExportData
from .session import ProjectInfo, Session

ANNOTATOR = "annotator"


@dataclass(frozen=True)
class SuggestionReport:
    """Who received how many suggested spans, and who could not receive any."""

    delivered: dict[str, int]
    documents_skipped: dict[str, int]
    without_password: tuple[str, ...]


def deliver_suggestions(session: Session, project: ProjectInfo, export: ExportData,
                        suggested: Sequence[Document], passwords: dict[str, str],
                        progress: Callable[[int, int], None] = lambda done, total: None,
                        ) -> SuggestionReport:
    """Create the suggested spans for every annotator of the project whose password is known."""
    members = session.members(project.id)
    annotators = sorted(name for name, role in members.items() if role == ANNOTATOR)
    reachable = [name for name in annotators if name in passwords]
    label_ids = {label.text: label.id for label in session.labels(project.id)}
    by_doc = {item.document.doc_id: item for item in export.examples()}
    total = len(reachable) * sum(len(d.spans) for d in suggested)
    done = 0
    delivered: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for name in reachable:
        own = {item.example_id: item.document.spans for item in export.users.get(name, [])}
        account = Session.connect(session.settings.as_user(name, passwords[name]))
        delivered[name] = skipped[name] = 0
        for document in suggested:
            example = by_doc[document.doc_id]
            if own.get(example.example_id):
                skipped[name] += 1
            else:
                offsets = OffsetMap(document.text)
                for span in document.spans:
                    start, end = offsets.span_to_utf16(span)
                    account.create_span(project.id, example.example_id, start, end,
                                        label_ids[span.label])
                    delivered[name] += 1
            done += len(document.spans)
            progress(done, total)
    return SuggestionReport(delivered, skipped,
                            tuple(n for n in annotators if n not in passwords))
