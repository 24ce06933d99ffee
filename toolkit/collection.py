"""A collection folder: its documents, its people and each one's role.

A collection folder (`annotations/week3/`) holds JSONL files: the articles and the suggestions
(sources), one file per person who annotated (students and teachers), and the adjudicated key
(gold). Which file is which is data, not a guess from its name: the folder's `collection.yaml`
names the role of every file, and `mlt doccano pull`, `mlt import`, `mlt suggest` and
`mlt adjudicate` record the files they write there. A teacher can read and edit it:

    # Who is who in this folder: source, student, teacher or gold.
    project: week3
    roles:
      admin: teacher
      alice: student
      articles: source
      gold: gold

A file the manifest does not name (or a folder without one, made by hand) gets the documented
default: `gold.jsonl` is gold; `articles.jsonl`, `suggestions.jsonl` and `suggested.jsonl` are
sources, and so is a file written by `mlt suggest` (its documents carry `suggestions` meta);
every other file is a student's. `--teacher`, `--students` and `--exclude` override both, and
every command names each file it leaves out and why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

import yaml

from .atomic import atomic_write_text
from .corpus import Document, LabelCheck, read_jsonl
from .errors import InvalidInputError, Problem, ToolkitError
from .review import REVIEW_KEY, Review, check_review, review_of
from .yamlfile import kind, read_yaml

MANIFEST = "collection.yaml"


class Role(str, Enum):
    """What a file of a collection is."""

    SOURCE = "source"    # articles, suggestions: never an annotator
    STUDENT = "student"  # graded by `mlt score`
    TEACHER = "teacher"  # an annotator, never graded unless named as a student
    GOLD = "gold"        # the adjudicated key

    def __str__(self) -> str:
        return self.value


PEOPLE = (Role.STUDENT, Role.TEACHER)
ALLOWED_ROLES = ", ".join(role.value for role in Role)
#: The documented default for files the manifest does not name.
DEFAULT_ROLES = {"gold": Role.GOLD, "articles": Role.SOURCE, "suggestions": Role.SOURCE,
                 "suggested": Role.SOURCE}
#: The meta key `mlt suggest` gives every document it writes.
SUGGESTIONS_META = "suggestions"
#: Meta keys `mlt import text` gives every document it writes.
IMPORT_META = ("source_file", "encoding")


@dataclass(frozen=True)
class Manifest:
    """The folder's `collection.yaml`: the project it mirrors and every file's role."""

    project: str | None = None
    roles: dict[str, Role] = field(default_factory=dict)


def manifest_path(folder: str | os.PathLike[str]) -> Path:
    """Where a collection folder's manifest lives."""
    return Path(folder) / MANIFEST


def read_manifest(folder: str | os.PathLike[str]) -> Manifest:
    """The manifest of `folder` (an empty one when the folder has none); every problem is
    reported with its line."""
    path = manifest_path(folder)
    if not os.path.lexists(path):
        return Manifest()
    document = read_yaml(path, "a collection manifest (collection.yaml)")
    data = document.data
    if data is None:
        return Manifest()
    if not isinstance(data, dict):
        raise InvalidInputError([document.problem(
            f"the manifest must be a mapping with `project:` and `roles:`, got {kind(data)}",
            document.line_of(data) or 1)], what=str(path))
    problems: list[Problem] = []
    for key in data:
        if key not in ("project", "roles"):
            problems.append(document.problem(f"unknown key {key!r} (allowed: project, roles)",
                                             document.key_line(data, key)))
    project = data.get("project")
    if project is not None and (not isinstance(project, str) or not project.strip()):
        problems.append(document.problem(f"`project` must be a project name, got {kind(project)}",
                                         document.key_line(data, "project")))
        project = None
    raw = data.get("roles") or {}
    roles: dict[str, Role] = {}
    if not isinstance(raw, dict):
        problems.append(document.problem(f"`roles` must map file names (without .jsonl) to a "
                                         f"role ({ALLOWED_ROLES}), got {kind(raw)}",
                                         document.key_line(data, "roles")))
        raw = {}
    allowed = {role.value for role in Role}
    for name, role in raw.items():
        line = document.key_line(raw, name)
        if isinstance(name, bool) or not isinstance(name, (str, int)) or not str(name):
            problems.append(document.problem("a file name (without .jsonl) is expected", line))
        elif not isinstance(role, str) or role not in allowed:
            shown = repr(role) if isinstance(role, str) else kind(role)
            problems.append(document.problem(f"{name}: unknown role {shown} (allowed: "
                                             f"{ALLOWED_ROLES})", line))
        else:
            roles[str(name)] = Role(role)
    if problems:
        raise InvalidInputError(problems, what=str(path))
    return Manifest(project, roles)


def render_manifest(manifest: Manifest) -> str:
    """The manifest as the YAML `write_manifest` writes (sorted: people first, then sources)."""
    order = {Role.TEACHER: 0, Role.STUDENT: 1, Role.SOURCE: 2, Role.GOLD: 3}
    lines = ["# Who is who in this folder. mlt agree, adjudicate and score read it.",
             "# Roles: source (articles, suggestions), student (graded), teacher (annotates,",
             "# not graded), gold (the key). Edit a role here if it is wrong.",
             ]
    if manifest.project:
        lines.append(f"project: {_scalar(manifest.project)}")
    lines.append("roles:" if manifest.roles else "roles: {}")
    for name, role in sorted(manifest.roles.items(), key=lambda item: (order[item[1]], item[0])):
        lines.append(f"  {_scalar(name)}: {role.value}")
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`."""
    plain = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
    return plain[:-4].strip() if plain.endswith("\n...") else plain.removesuffix("...").strip()


def record_roles(folder: str | os.PathLike[str], roles: Mapping[str, Role],
                 project: str | None = None) -> list[str]:
    """Add files to the folder's manifest (atomically). A role already in the manifest is the
    teacher's word and is kept; the differences are returned as messages."""
    current = read_manifest(folder)
    merged = dict(current.roles)
    differences = []
    for name, role in roles.items():
        known = merged.get(name)
        if known is None:
            merged[name] = role
        elif known != role:
            differences.append(f"{manifest_path(folder)} says {name} is {known.value}, not "
                               f"{role.value}; kept {known.value} (edit the file to change it)")
    chosen_project = current.project or project
    updated = Manifest(chosen_project, merged)
    if updated != current or not manifest_path(folder).exists():
        atomic_write_text(manifest_path(folder), render_manifest(updated))
    return differences


@dataclass(frozen=True)
class Selection:
    """The command-line overrides of the roles: `--teacher`, `--students`, `--exclude`."""

    teacher: str | None = None
    students: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()

    @classmethod
    def of(cls, teacher: str | None = None, students: Sequence[str] | None = None,
           exclude: Sequence[str] | None = None) -> Selection:
        """A selection from the options' values (None: not given)."""
        return cls(teacher or None, tuple(students) if students is not None else None,
                   tuple(exclude or ()))


@dataclass(frozen=True)
class LeftOut:
    """A file of the folder a command does not read as an annotator, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}.jsonl ({self.reason})"


@dataclass(frozen=True)
class Assignment:
    """Who is who for one command: the people it reads, and the files it leaves out."""

    people: dict[str, tuple[Role, Path]]
    left_out: tuple[LeftOut, ...]


def _default_role(name: str, path: Path) -> tuple[Role, str]:
    if name in DEFAULT_ROLES:
        return DEFAULT_ROLES[name], f"{DEFAULT_ROLES[name].value} by default"
    writer = _written_by(path)
    if writer is not None:
        return Role.SOURCE, f"source: written by {writer}"
    return Role.STUDENT, "student by default"


def _written_by(path: Path) -> str | None:
    """`mlt suggest` or `mlt import text` when the file's first line is one of theirs (their
    meta keys, no person's review state; an imported article has no spans yet), else None."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(1 << 26)
        record = json.loads(first)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or REVIEW_KEY in record:
        return None
    if SUGGESTIONS_META in record:
        return "mlt suggest"
    if all(key in record for key in IMPORT_META) and not record.get("label"):
        return "mlt import text"
    return None


def files_with_role(folder: str | os.PathLike[str], role: Role) -> list[Path]:
    """The `*.jsonl` files of a collection folder whose role (manifest, else the default) is
    `role`, sorted (e.g. its gold files, which `mlt train` learns from)."""
    root = Path(folder)
    manifest = read_manifest(root)
    found = []
    for path in sorted(p for p in root.glob("*.jsonl") if p.is_file()):
        known = manifest.roles.get(path.stem)
        if (known or _default_role(path.stem, path)[0]) is role:
            found.append(path)
    return found


def assign_roles(folder: str | os.PathLike[str], selection: Selection = Selection(),
                 extra_excluded: Iterable[tuple[str, str]] = ()) -> Assignment:
    """Each `*.jsonl` of the folder with its role (manifest, default, then the selection)."""
    root = Path(folder)
    if not root.is_dir():
        raise ToolkitError(f"{root}: not a folder (expected a collection folder of "
                           "<annotator>.jsonl files)")
    files = {p.stem: p for p in sorted(root.glob("*.jsonl")) if p.is_file()}
    manifest = read_manifest(root)
    where = manifest_path(root).name
    roles: dict[str, tuple[Role, str]] = {}
    for name, path in files.items():
        if name in manifest.roles:
            roles[name] = (manifest.roles[name], f"{manifest.roles[name].value} in {where}")
        else:
            roles[name] = _default_role(name, path)
    named = [*(selection.students or ()), *([selection.teacher] if selection.teacher else []),
             *selection.exclude]
    unknown = sorted({name for name in named if name not in files})
    if unknown:
        raise ToolkitError(f"{root}: no file for {', '.join(unknown)} (files: "
                           f"{', '.join(files) or 'none'})")
    if selection.teacher:
        for name, (role, _) in list(roles.items()):
            if role is Role.TEACHER and name != selection.teacher:
                roles[name] = (Role.SOURCE, "another teacher than --teacher")
        roles[selection.teacher] = (Role.TEACHER, "--teacher")
    if selection.students is not None:
        for name, (role, _) in list(roles.items()):
            if role is Role.STUDENT and name not in selection.students:
                roles[name] = (Role.SOURCE, "not in --students")
        for name in selection.students:
            roles[name] = (Role.STUDENT, "--students")
    for name in selection.exclude:
        roles[name] = (Role.SOURCE, "--exclude")
    for name, reason in extra_excluded:
        if name in roles:
            roles[name] = (Role.SOURCE, reason)
    people = {name: (role, files[name]) for name, (role, _) in roles.items() if role in PEOPLE}
    left = tuple(LeftOut(name, reason) for name, (role, reason) in roles.items()
                 if role not in PEOPLE)
    return Assignment(people, left)


@dataclass(frozen=True)
class Collection:
    """The people's documents by name and doc_id, one shared text per document.

    `annotations` holds only the documents that count: a student's document counts when it
    was submitted; a teacher's when it was submitted or changed (a teacher need not press ✓).
    The others are in `not_submitted`: missing, never "tagged nothing".
    """

    annotations: dict[str, dict[str, Document]]
    texts: dict[str, Document]  # doc_id -> the document (text and meta), spans dropped
    roles: dict[str, Role] = field(default_factory=dict)
    reviews: dict[str, dict[str, Review]] = field(default_factory=dict)
    not_submitted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    left_out: tuple[LeftOut, ...] = ()

    @property
    def annotators(self) -> list[str]:
        """Annotator names, sorted."""
        return sorted(self.annotations)

    @property
    def students(self) -> list[str]:
        """The people graded by `mlt score`, sorted."""
        return [name for name in self.annotators if self.role(name) is Role.STUDENT]

    @property
    def teachers(self) -> list[str]:
        """The teachers, sorted."""
        return [name for name in self.annotators if self.role(name) is Role.TEACHER]

    @property
    def doc_ids(self) -> list[str]:
        """Every document id, in first-seen order."""
        return list(self.texts)

    def role(self, name: str) -> Role:
        """The role of an annotator (student when the collection was built without roles)."""
        return self.roles.get(name, Role.STUDENT)

    def review(self, name: str, doc_id: str) -> Review:
        """What `name` did with the document (submitted, no suggestions when unknown)."""
        return self.reviews.get(name, {}).get(doc_id, Review())

    def who_annotated(self, doc_id: str) -> list[str]:
        """The annotators whose file holds this document (one who skipped it is missing)."""
        return [name for name in self.annotators if doc_id in self.annotations[name]]

    def kept_suggestions(self, devices: Iterable[str] | None = None) -> tuple[int, int]:
        """(untouched suggestions, all spans) of these devices (default: all) over the
        documents that count."""
        wanted = set(devices) if devices is not None else None
        kept = total = 0
        for name, docs in self.annotations.items():
            for doc_id, doc in docs.items():
                spans = [s for s in doc.spans if wanted is None or s.label in wanted]
                total += len(spans)
                kept += len(self.review(name, doc_id).kept(spans))
        return kept, total

    def own_spans_only(self) -> Collection:
        """The same collection with every untouched suggestion removed."""
        annotations = {name: {doc_id: doc.with_spans(self.review(name, doc_id).own(doc.spans))
                              for doc_id, doc in docs.items()}
                       for name, docs in self.annotations.items()}
        return replace(self, annotations=annotations)


def counts(role: Role, review: Review, document: Document) -> bool:
    """Does this person's document count? Students: when submitted; teachers: when submitted
    or changed."""
    if review.submitted:
        return True
    return role is Role.TEACHER and review.touched(document.spans)


def load_collection(folder: str | os.PathLike[str], check_label: LabelCheck | None = None,
                    selection: Selection = Selection(),
                    extra_excluded: Iterable[tuple[str, str]] = ()) -> Collection:
    """Read the people's files of a collection folder, by their roles."""
    assignment = assign_roles(folder, selection, extra_excluded)
    if not assignment.people:
        left = "; ".join(str(item) for item in assignment.left_out) or "no *.jsonl files"
        raise ToolkitError(f"{folder}: no annotator files (left out: {left}); name the roles "
                           f"in {manifest_path(folder)} or with --students/--teacher")
    collection = collection_from_files({name: path for name, (_, path)
                                        in assignment.people.items()}, check_label,
                                       {name: role for name, (role, _)
                                        in assignment.people.items()})
    return replace(collection, left_out=assignment.left_out)


def collection_from_files(files: dict[str, Path], check_label: LabelCheck | None = None,
                          roles: Mapping[str, Role] | None = None) -> Collection:
    """Build a Collection from annotator name -> file, checking that shared texts agree."""
    annotations: dict[str, dict[str, Document]] = {}
    reviews: dict[str, dict[str, Review]] = {}
    not_submitted: dict[str, tuple[str, ...]] = {}
    texts: dict[str, Document] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    roles = dict(roles or {name: Role.STUDENT for name in files})
    for name, path in files.items():
        documents = read_jsonl(path, check_label)
        annotations[name], reviews[name], skipped = {}, {}, []
        for line, doc in enumerate(documents, start=1):
            first = texts.setdefault(doc.doc_id, _shared_text(doc))
            where.setdefault(doc.doc_id, str(path))
            if first.fingerprint != doc.fingerprint:
                problems.append(Problem(str(path), line, f"doc_id {doc.doc_id!r} has a different "
                                        f"text than in {where[doc.doc_id]}; the annotators did "
                                        "not tag the same text"))
                continue
            raw = doc.meta.get(REVIEW_KEY)
            if raw is not None:
                found = check_review(raw, len(doc.text), check_label)
                if found:
                    problems.extend(Problem(str(path), line, message) for message in found)
                    continue
            review = review_of(doc)
            reviews[name][doc.doc_id] = review
            if counts(roles[name], review, doc):
                annotations[name][doc.doc_id] = doc
            else:
                skipped.append(doc.doc_id)
        not_submitted[name] = tuple(skipped)
    if problems:
        raise InvalidInputError(problems, what="the collection")
    return Collection(annotations, texts, roles, reviews, not_submitted)


def _shared_text(document: Document) -> Document:
    """The document as every annotator shares it: no spans, no per-person review."""
    meta = {k: v for k, v in document.meta.items() if k != REVIEW_KEY}
    return Document(document.doc_id, document.text, (), meta)
