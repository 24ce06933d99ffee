"""`mlt doccano status`: who has done what in a project, from the same export(s) as pull."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from ..devices.catalogue import Catalogue
from ..review import review_of
from .pull import gather
from .session import Session


@dataclass(frozen=True)
class MemberProgress:
    """One member's progress."""

    username: str
    role: str             # student or teacher
    doccano_role: str
    submitted: int
    documents: int
    own_spans: int
    kept_suggestions: int
    deleted_suggestions: int

    def to_json(self) -> dict:
        """Plain data for --format json."""
        return asdict(self)


@dataclass(frozen=True)
class ProjectProgress:
    """Every member's progress, and whether suggestions could be told apart."""

    project: str
    documents: int
    members: list[MemberProgress]
    suggestions_known: bool

    def to_json(self) -> dict:
        """Plain data for --format json."""
        return {"project": self.project, "documents": self.documents,
                "suggestions_known": self.suggestions_known,
                "members": [m.to_json() for m in self.members]}


def project_status(session: Session, project_name: str, catalogue: Catalogue,
                   folder: Path | None) -> ProjectProgress:
    """Per member: role, documents submitted of all, own spans, kept and deleted suggestions
    (known when `folder` holds the delivery record push wrote)."""
    state = gather(session, project_name, catalogue, folder)
    rows = []
    documents = 0
    for name in sorted(state.members):
        member = state.members[name]
        documents = max(documents, len(member.documents))
        submitted = own = kept = deleted = 0
        for document in member.documents:
            review = review_of(document)
            submitted += review.submitted
            own += len(review.own(document.spans))
            kept += len(review.kept(document.spans))
            deleted += len(review.deleted(document.spans))
        rows.append(MemberProgress(name, member.role.value, member.doccano_role, submitted,
                                   len(member.documents), own, kept, deleted))
    return ProjectProgress(state.project.name, documents, rows, state.record_found)
