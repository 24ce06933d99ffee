"""Suggested spans, placed in the accounts of the people who should see them.

With collaborative annotation off (it must be off: it is what gives one file per annotator),
doccano shows every annotator only their own spans. So a suggestion becomes a span of that
person, created through the API while logged in as them: keeping it accepts it, deleting it
rejects it. Who gets them is a choice (`Audience`): by default the teacher only (a faster key),
since finding the devices is often the exercise; students only when asked.

A person gets a document's suggestions once: never when the delivery record already lists them
for that text, nor on a document where they have spans already (they started work there).
Every delivery is recorded (`delivered.py`) so that pull can tell kept suggestions from a
person's own spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..corpus import Document
from ..spans import OffsetMap
from ..progress import Progress, silent
from .delivered import load_record, save_record
from .exchange import ExportData
from .labels import LabelMap
from .session import ProjectInfo, Session

ANNOTATOR = "annotator"
TEACHER_ROLES = ("project_admin", "annotation_approver")


class Audience(str, Enum):
    """Who receives suggestions."""

    TEACHER = "teacher"
    STUDENTS = "students"
    ALL = "all"

    def includes(self, doccano_role: str) -> bool:
        """Does this audience take a member with this doccano role?"""
        if doccano_role in TEACHER_ROLES:
            return self is not Audience.STUDENTS
        return doccano_role == ANNOTATOR and self is not Audience.TEACHER


@dataclass(frozen=True)
class SuggestionReport:
    """Who received how many suggested spans, and who could not receive any."""

    delivered: dict[str, int]
    documents_skipped: dict[str, int]
    without_password: tuple[str, ...]
    audience: Audience = Audience.TEACHER


def recipients(session: Session, project: ProjectInfo, audience: Audience) -> list[str]:
    """The members of the project the audience takes, sorted."""
    return sorted(name for name, role in session.members(project.id).items()
                  if audience.includes(role))


def deliver_suggestions(session: Session, project: ProjectInfo, export: ExportData,
                        suggested: Sequence[Document], passwords: dict[str, str],
                        labels: LabelMap, folder: Path, audience: Audience = Audience.TEACHER,
                        progress: Progress = silent,
                        ) -> SuggestionReport:
    """Create the suggested spans for every member of the audience who can be reached (the
    connected account itself, or one whose password is known); record every delivery in
    `folder`."""
    people = recipients(session, project, audience)
    me = session.settings.username
    reachable = [name for name in people if name == me or name in passwords]
    by_doc = {item.document.doc_id: item for item in export.examples()}
    record = load_record(folder)
    record.project = record.project or project.name
    total = len(reachable) * sum(len(d.spans) for d in suggested)
    done = 0
    delivered: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for name in reachable:
        own = {item.example_id: item.document.spans for item in export.users.get(name, [])}
        account = session if name == me else Session.connect(
            session.settings.as_user(name, passwords[name]))
        delivered[name] = skipped[name] = 0
        for document in suggested:
            example = by_doc[document.doc_id]
            if own.get(example.example_id) or record.spans_for(
                    name, document.doc_id, document.fingerprint) is not None:
                skipped[name] += 1
            else:
                record.add(name, document.doc_id, document.fingerprint, frozenset(document.spans))
                save_record(folder, record)  # before the spans exist: see delivered.py
                offsets = OffsetMap(document.text)
                for span in document.spans:
                    start, end = offsets.span_to_utf16(span)
                    account.create_span(project.id, example.example_id, start, end,
                                        labels.to_label[span.label].id)
                    delivered[name] += 1
            done += len(document.spans)
            progress("suggestions", done, total)
    return SuggestionReport(delivered, skipped,
                            tuple(n for n in people if n not in reachable), audience)
