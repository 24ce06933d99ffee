"""`mlt doccano pull`: one JSONL file per member, from two exports, never over a local edit.

Every member of the project gets `USERNAME.jsonl` with every document, their spans, and each
document's `review` meta (toolkit.review): whether they marked it done (read from a second
export, of confirmed examples only) and which suggestions push placed in their account (read
from the folder's delivery record, toolkit.doccano.delivered). Their roles (annotator: student;
project admin or approver: teacher) are recorded in the folder's collection.yaml, where a
teacher's own edit wins.

Pull only writes files named after doccano users, and remembers in `.mlt-pull.json` (in the
output folder) the SHA-256 of every file it wrote. A file that exists but is not in that
manifest (for example the teacher's `gold.jsonl`, or `gold` as a doccano username) or whose
content changed since the last pull is a local edit: pull refuses, before writing anything,
unless `force` is given. Every file is written atomically (several at once); the manifest is
written twice (the hashes about to be written, then the hashes written), so an interrupted pull
is safe to rerun.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..collection import MANIFEST as MANIFEST_NAME
from ..collection import Role, record_roles
from ..collection import read_manifest as read_roles
from ..corpus import Document, dumps
from ..devices.catalogue import Catalogue
from ..errors import Problem
from ..review import Review, with_review
from ..progress import Progress, silent
from .delivered import DeliveryRecord, load_record, record_path
from .errors import DoccanoError, LocalEditError
from .exchange import ExportData, read_export
from .labels import resolve_labels
from .session import ProjectInfo, Session

MANIFEST = ".mlt-pull.json"
#: Files written at once: each write waits for the disk (fsync), and the waits overlap (300
#: files: 1.0-2.6 s one at a time, 0.5-0.6 s four at a time; benchmarks/pull_writes.py).
WRITERS = 4
SAFE_NAME = re.compile(r"^[A-Za-z0-9@+_-][A-Za-z0-9.@+_-]*$")


@dataclass(frozen=True)
class PullReport:
    """What a pull wrote, left alone, and skipped."""

    written: dict[str, int]      # file name -> spans
    unchanged: tuple[str, ...]
    without_spans: tuple[str, ...]
    skipped_labels: dict[str, int]
    problems: tuple[Problem, ...]
    roles: dict[str, str] = field(default_factory=dict)  # username -> student / teacher
    suggestions_recorded: bool = False


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """File name to the hash pull last wrote ({} before the first pull)."""
    return _read_pull_manifest(folder)[0]


def _read_pull_manifest(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The files pull wrote (name to hash) and those an interrupted pull was writing."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(
            isinstance(data.get(key, {}), dict) for key in ("files", "writing")):
        raise DoccanoError(f"{path}: unreadable; delete it and pull with --force") from None
    return dict(data.get("files", {})), dict(data.get("writing", {}))


def _write_manifest(folder: Path, files: dict[str, str], project: str,
                    writing: dict[str, str] | None = None) -> None:
    """The manifest: `files` as written; `writing`, the hashes of the files about to be
    written, so that an interrupted pull's files are its own to the next one."""
    data: dict = {"project": project, "files": dict(sorted(files.items()))}
    if writing:
        data["writing"] = dict(sorted(writing.items()))
    atomic_write_text(folder / MANIFEST, json.dumps(data, indent=2) + "\n")


def _on_disk(folder: Path, names: list[str]) -> dict[str, str]:
    """The hash of each of the files that exists."""
    return {name: _digest((folder / name).read_bytes()) for name in names
            if (folder / name).exists()}


def _local_edits(folder: Path, on_disk: dict[str, str], manifest: dict[str, str],
                 writing: dict[str, str]) -> list[str]:
    edited = []
    for name, digest in on_disk.items():
        recorded = manifest.get(name)
        if recorded is None and name not in writing:
            edited.append(f"{folder / name} was not written by `mlt doccano pull`")
        elif digest not in (recorded, writing.get(name)):
            edited.append(f"{folder / name} was changed since the last pull")
    return edited


#: doccano project roles and the collection roles they become.
ROLES = {"annotator": Role.STUDENT, "project_admin": Role.TEACHER,
         "annotation_approver": Role.TEACHER}


@dataclass(frozen=True)
class MemberState:
    """One member's documents as pulled: each with its spans and `review` meta."""

    username: str
    doccano_role: str
    documents: tuple[Document, ...]

    @property
    def role(self) -> Role:
        """The collection role (student or teacher)."""
        return ROLES.get(self.doccano_role, Role.STUDENT)


@dataclass(frozen=True)
class ClassState:
    """Everyone's work in a project, as one pair of exports shows it."""

    project: ProjectInfo
    members: dict[str, MemberState]
    skipped_labels: dict[str, int]
    problems: tuple[Problem, ...]
    record_found: bool


def gather(session: Session, project_name: str, catalogue: Catalogue, folder: Path | None,
           progress: Progress = silent) -> ClassState:
    """Every member's documents with spans (labels mapped to devices), submitted state (from
    doccano's done counts, or an export of confirmed examples when somebody is part of the way
    through) and the suggestions they were given (from `folder`'s delivery record): one or two
    exports, never one request per example. The export job starts first, and the other
    requests are made while it runs."""
    project = session.require_project(project_name)
    progress("exporting")
    task = session.start_export(project.id)  # the job runs while the rest is asked for
    labels = resolve_labels(session.labels(project.id), catalogue)
    members = session.members(project.id)
    total, counts = session.done_counts(project.id)
    # Who marked how many done says it all when each member did none or all of the documents;
    # only a member part of the way through needs the second export (of confirmed examples).
    partly = any(0 < count < total for count in counts.values())
    second = session.start_export(project.id, confirmed_only=True) if partly else None
    export = read_export(session.finish_export(project.id, task),
                         catalogue.unknown_label_message, labels.device_of)
    confirmed = (read_export(session.finish_export(project.id, second))
                 if second is not None else None)
    if confirmed is None and not _counts_tell(export, total, counts):
        # the project changed between the two requests: ask the export after all
        confirmed = read_export(session.export_zip(project.id, confirmed_only=True))
    done = _done_states(export, counts, confirmed)
    bad = sorted(name for name in export.users if not SAFE_NAME.match(name))
    if bad:
        raise DoccanoError(f"username(s) {', '.join(map(repr, bad))} cannot be file names; "
                           "rename them in doccano's admin page")
    record = load_record(folder) if folder is not None else DeliveryRecord()
    states = {}
    for user, items in export.users.items():
        documents = []
        for item in items:
            doc = item.document
            suggested = record.spans_for(user, doc.doc_id, doc.fingerprint) or frozenset()
            review = Review(item.example_id in done.get(user, set()), suggested)
            documents.append(with_review(doc, review))
        states[user] = MemberState(user, members.get(user, "annotator"), tuple(documents))
    found = folder is not None and record_path(folder).exists()
    return ClassState(project, states, dict(Counter(export.skipped_labels)),
                      tuple(export.problems), found)


def _counts_tell(export: ExportData, total: int, counts: dict[str, int]) -> bool:
    """Do the done counts alone say which examples each member marked done? Yes when every
    member's count is none or every example, and the export holds exactly `total` examples."""
    return all(counts.get(user, 0) in (0, total) for user in export.users) and (
        len({item.example_id for item in export.examples()}) == total
        or not any(counts.get(user, 0) for user in export.users))


def _done_states(export: ExportData, counts: dict[str, int],
                 confirmed: ExportData | None) -> dict[str, set[int]]:
    """Per member, the example ids they marked done: from the export of confirmed examples when
    there is one, else from the counts (`_counts_tell`: none, or every example)."""
    if confirmed is not None:
        return {user: {item.example_id for item in items}
                for user, items in confirmed.users.items()}
    everything = {item.example_id for item in export.examples()}
    return {user: set(everything) if counts.get(user, 0) else set() for user in export.users}


def _render(member: MemberState) -> bytes:
    return "".join(dumps(document) + "\n" for document in member.documents).encode("utf-8")


def pull(session: Session, project_name: str, folder: Path, catalogue: Catalogue,
         force: bool = False, progress: Progress = silent) -> PullReport:
    """Write `<folder>/<username>.jsonl` for every member of the project, with each document's
    submitted state and suggestions (`review` meta), and record everyone's role in the folder's
    collection.yaml."""
    if folder.exists() and not folder.is_dir():
        raise DoccanoError(f"{folder}: exists and is not a folder (-o names the collection "
                           "folder, e.g. annotations/week1/)")
    state = gather(session, project_name, catalogue, folder, progress)
    users = sorted(state.members)
    names = [f"{name}.jsonl" for name in users]
    manifest, writing = _read_pull_manifest(folder)
    on_disk = _on_disk(folder, names)
    edited = _local_edits(folder, on_disk, manifest, writing)
    if edited and not force:
        raise LocalEditError("\n".join(edited) + "\nnothing was written: pull never overwrites "
                             "a file edited here; rename or move it (a doccano user with the "
                             "same name as your file?), or pull again with --force to replace it")
    roles_manifest = read_roles(folder)  # checked before anything is written
    clashes = [f"{name}.jsonl: {roles_manifest.roles[name].value} in collection.yaml"
               for name in users if roles_manifest.roles.get(name) in (Role.SOURCE, Role.GOLD)]
    if clashes and not force:
        raise LocalEditError("doccano user(s) named like a source or gold file: "
                             + "; ".join(clashes) + "\nnothing was written: rename the user in "
                             "doccano or the file here, or pull with --force")
    for name, digest in on_disk.items():  # what an interrupted pull wrote is pull's own
        if writing.get(name) == digest:
            manifest[name] = digest
    unchanged: list[str] = []
    changed: dict[str, tuple[bytes, str, MemberState]] = {}
    for username, name in zip(users, names):
        member = state.members[username]
        data = _render(member)
        digest = _digest(data)
        if on_disk.get(name) == digest and manifest.get(name) == digest:
            unchanged.append(name)
        else:
            changed[name] = (data, digest, member)
    written: dict[str, int] = {}
    folder.mkdir(parents=True, exist_ok=True)
    if changed:
        # Two writes of the manifest, whatever the class size: first the hashes about to be
        # written (an interrupted pull leaves files the next one knows as its own, and any
        # other content as a local edit), then the files, then the hashes as written.
        _write_manifest(folder, manifest, state.project.name,
                        {name: digest for name, (_, digest, _) in changed.items()})
        progress("writing", 0, len(changed))
        with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="mlt-pull") as pool:
            futures = {pool.submit(atomic_write_bytes, folder / name, data): name
                       for name, (data, _, _) in changed.items()}
            try:
                for count, future in enumerate(as_completed(futures), start=1):
                    future.result()
                    progress("writing", count, len(changed))
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        for name, (_, digest, member) in changed.items():
            manifest[name] = digest
            written[name] = sum(len(d.spans) for d in member.documents)
    if changed or writing:  # (an interrupted pull that had written every file: tidy up)
        _write_manifest(folder, manifest, state.project.name)
    differences = record_roles(folder, {u: state.members[u].role for u in users},
                               state.project.name)
    without = tuple(u for u in users if not any(d.spans for d in state.members[u].documents))
    problems = tuple(state.problems) + tuple(Problem(str(folder / MANIFEST_NAME), None, message,
                                                     "warning") for message in differences)
    return PullReport(written, tuple(unchanged), without, state.skipped_labels, problems,
                      {u: state.members[u].role.value for u in users}, state.record_found)
