"""`mlt doccano push`: upload documents (and suggested spans) into a project, never twice.

Everything is checked before anything is sent: the file (offsets, labels against the
catalogue), the labels against the project, and every document against what the project
already holds (by `doc_id` and text fingerprint, read from one export, not per example).
Documents then go up in one file import.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Document, read_jsonl
from ..devices.catalogue import Catalogue
from ..progress import Progress, silent
from .errors import DoccanoError
from .exchange import ExportData, iter_upload_lines, read_export
from .labels import LabelMap, resolve_labels
from .session import ProjectInfo, Session
from .suggestions import (DEFAULT_CONCURRENCY, Audience, SuggestionReport, check_concurrency,
                          deliver_suggestions)


@dataclass(frozen=True)
class PushReport:
    """What a push did."""

    project: str
    uploaded: int
    already_there: int
    spans: int
    suggestions: SuggestionReport | None = None


@dataclass
class Holdings:
    """What the project already holds: doc_id to (example id, fingerprint)."""

    by_doc_id: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def from_export(cls, export: ExportData) -> Holdings:
        """Read the project's documents from an export."""
        holdings = cls()
        for item in export.examples():
            document = item.document
            holdings.by_doc_id.setdefault(document.doc_id, (item.example_id, document.fingerprint))
        return holdings



def check_labels(project: ProjectInfo, session: Session, documents: Sequence[Document],
                 catalogue: Catalogue) -> LabelMap:
    """The project's labels; DoccanoError unless every device used has one (doccano would
    silently create a new label type with a random colour and no key)."""
    labels = resolve_labels(session.labels(project.id), catalogue)
    used = {span.label for document in documents for span in document.spans}
    missing = sorted(used - set(labels.to_label))
    if missing:
        raise DoccanoError(f"project {project.name!r} has no label(s) {', '.join(missing)}; add "
                           f"them with `mlt doccano setup {project.name}` (all devices) or "
                           f"`--devices` including them, then push again")
    return labels


def _holdings(session: Session, project: ProjectInfo) -> Holdings:
    """What the project holds, from one export (skipped when the project is empty: an export
    is a background job that costs about a second even then)."""
    if session.count_examples(project.id) == 0:
        return Holdings()
    return Holdings.from_export(read_export(session.export_zip(project.id)))


def _new_documents(documents: Sequence[Document], holdings: Holdings,
                   source: str) -> list[Document]:
    """The documents the project does not hold yet; DoccanoError if an id holds another text."""
    conflicts, fresh = [], []
    for document in documents:
        held = holdings.by_doc_id.get(document.doc_id)
        if held is None:
            fresh.append(document)
        elif held[1] != document.fingerprint:
            conflicts.append(f"{source}: doc_id {document.doc_id!r} is already in the project "
                             f"with another text ({held[1]}, this file has "
                             f"{document.fingerprint})")
    if conflicts:
        raise DoccanoError("\n".join(conflicts) + "\nnothing was uploaded: annotations on the "
                           "server refer to the old text; give the changed document a new "
                           "doc_id, or delete the old example in doccano first")
    return fresh


def _upload_name(source: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", source.stem).strip("._") or "upload"
    return f"{stem}.jsonl"


UPLOAD_PREFIX = "mlt-push-"
_UPLOAD_FOLDER = re.compile(re.escape(UPLOAD_PREFIX) + r"(\d+)-")


def remove_stale_upload_folders(root: str | None = None) -> list[str]:
    """Remove the upload folders (a copy of the articles) that pushes killed before they could
    clean up left behind: `mlt-push-<pid>-*` in the temporary folder whose process is gone.
    Return what was removed."""
    import shutil

    root = root or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        match = _UPLOAD_FOLDER.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False) or _alive(int(match[1])):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process (or not a pid we can ask about): leave it
    return True


def upload_documents(session: Session, project: ProjectInfo, documents: Sequence[Document],
                     name: str = "upload.jsonl", labels: LabelMap | None = None) -> None:
    """Write `documents` to a temporary upload file and import it in one job."""
    names = {device: label.text for device, label in labels.to_label.items()} if labels else None
    remove_stale_upload_folders()
    with tempfile.TemporaryDirectory(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-") as folder:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="ascii", newline="\n") as handle:
            for line in iter_upload_lines(documents, names):
                handle.write(line)
                handle.write("\n")
        session.upload_jsonl(project.id, path, name)


def push(session: Session, project_name: str, source: Path, catalogue: Catalogue,
         suggestions: Path | None = None, passwords: dict[str, str] | None = None,
         progress: Progress = silent, audience: Audience = Audience.TEACHER,
         collection: Path | None = None, concurrency: int = DEFAULT_CONCURRENCY) -> PushReport:
    """Upload the documents of `source` that the project lacks; deliver the suggested spans of
    `suggestions` to the `audience` (the connected account, and every member whose password is
    in `passwords`), `concurrency` requests in flight, recording each delivery in the
    `collection` folder (default: the folder of `source`)."""
    check_concurrency(concurrency)
    documents = read_jsonl(source, catalogue.unknown_label_message)
    suggested = read_jsonl(suggestions, catalogue.unknown_label_message) if suggestions else []
    if suggested and audience is not Audience.TEACHER and not passwords:
        raise DoccanoError(f"suggestions for {audience.value} are placed in each student's own "
                           "account, so the push needs their passwords: pass --passwords FILE "
                           "(the file `mlt doccano members add` wrote)")
    project = session.require_project(project_name)
    labels = check_labels(project, session, [*documents, *suggested], catalogue)
    progress("checking what the project holds", 0, len(documents))
    holdings = _holdings(session, project)
    fresh = _new_documents(documents, holdings, str(source))
    _check_suggestions(suggested, documents, holdings, suggestions)
    progress("uploading", 0, len(fresh))
    if fresh:
        upload_documents(session, project, fresh, _upload_name(source), labels)
    progress("uploading", len(fresh), len(fresh))
    report = None
    if suggested:
        # Device ids, as the delivery record holds them (a hand-made label keeps its text: it is
        # no suggestion, but it still counts as the person's own work on that document).
        export = read_export(session.export_zip(project.id),
                             labels=lambda text: labels.device_of(text) or text)
        report = deliver_suggestions(session, project, export, suggested, passwords or {},
                                     labels, collection or source.parent, audience, progress,
                                     concurrency)
    return PushReport(project.name, len(fresh), len(documents) - len(fresh),
                      sum(len(d.spans) for d in fresh), report)


def _check_suggestions(suggested: Sequence[Document], documents: Sequence[Document],
                       holdings: Holdings, source: Path | None) -> None:
    texts = {d.doc_id: d.fingerprint for d in documents}
    texts.update({doc_id: held[1] for doc_id, held in holdings.by_doc_id.items()})
    problems = []
    for document in suggested:
        expected = texts.get(document.doc_id)
        if expected is None:
            problems.append(f"{source}: suggestions for {document.doc_id!r}, which is neither in "
                            "the pushed file nor in the project")
        elif expected != document.fingerprint:
            problems.append(f"{source}: suggestions for {document.doc_id!r} were made on another "
                            f"text ({document.fingerprint}, the project has {expected})")
    if problems:
        raise DoccanoError("\n".join(problems) + "\nnothing was uploaded")
