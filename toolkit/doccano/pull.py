"""`mlt doccano pull`: one JSONL file per annotator, from one export, never over a local edit.

Pull only writes files named after doccano users, and remembers in `.mlt-pull.json` (in the
output folder) the SHA-256 of every file it wrote. A file that exists but is not in that
manifest (for example the teacher's `gold.jsonl`, or `gold` as a doccano username) or whose
content changed since the last pull is a local edit: pull refuses, before writing anything,
unless `force` is given. Every file is written atomically, and the manifest after each file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text
from ..corpus import dumps
from ..devices.catalogue import Catalogue
from ..errors import Problem
from .errors import DoccanoError, LocalEditError
from .exchange import ExportData, read_export
from .session import Session

MANIFEST = ".mlt-pull.json"
SAFE_NAME = re.compile(r"^[A-Za-z0-9@+_-][A-Za-z0-9.@+_-]*$")


@dataclass(frozen=True)
class PullReport:
    """What a pull wrote, left alone, and skipped."""

    written: dict[str, int]      # file name -> spans
    unchanged: tuple[str, ...]
    without_spans: tuple[str, ...]
    skipped_labels: dict[str, int]
    problems: tuple[Problem, ...]


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _render(export: ExportData, username: str) -> bytes:
    lines = [dumps(item.document) + "\n" for item in export.users[username]]
    return "".join(lines).encode("utf-8")


def read_manifest(folder: Path) -> dict[str, str]:
    """File name to the hash pull last wrote ({} before the first pull)."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        raise DoccanoError(f"{path}: unreadable; delete it and pull with --force") from None
    return dict(data.get("files", {}))


def _write_manifest(folder: Path, files: dict[str, str], project: str) -> None:
    atomic_write_text(folder / MANIFEST, json.dumps(
        {"project": project, "files": dict(sorted(files.items()))}, indent=2) + "\n")


def _local_edits(folder: Path, names: list[str], manifest: dict[str, str]) -> list[str]:
    edited = []
    for name in names:
        path = folder / name
        if not path.exists():
            continue
        recorded = manifest.get(name)
        if recorded is None:
            edited.append(f"{path} was not written by `mlt doccano pull`")
        elif _digest(path.read_bytes()) != recorded:
            edited.append(f"{path} was changed since the last pull")
    return edited


def pull(session: Session, project_name: str, folder: Path, catalogue: Catalogue,
         force: bool = False, progress: Callable[[str], None] = lambda _: None) -> PullReport:
    """Write `<folder>/<username>.jsonl` for every member with spans in the project."""
    project = session.require_project(project_name)
    progress("exporting")
    export = read_export(session.export_zip(project.id), catalogue.unknown_label_message)
    bad = sorted(name for name in export.users if not SAFE_NAME.match(name))
    if bad:
        raise DoccanoError(f"username(s) {', '.join(map(repr, bad))} cannot be file names; "
                           "rename them in doccano's admin page")
    with_spans = sorted(n for n, items in export.users.items()
                        if any(item.document.spans for item in items))
    names = [f"{name}.jsonl" for name in with_spans]
    manifest = read_manifest(folder)
    edited = _local_edits(folder, names, manifest)
    if edited and not force:
        raise LocalEditError("\n".join(edited) + "\nnothing was written: pull never overwrites "
                             "a file edited here; rename or move it (a doccano user with the "
                             "same name as your file?), or pull again with --force to replace it")
    written: dict[str, int] = {}
    unchanged: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for username, name in zip(with_spans, names):
        data = _render(export, username)
        digest = _digest(data)
        path = folder / name
        if path.exists() and manifest.get(name) == digest and _digest(path.read_bytes()) == digest:
            unchanged.append(name)
            continue
        progress(f"writing {path}")
        atomic_write_bytes(path, data)
        manifest[name] = digest
        _write_manifest(folder, manifest, project.name)
        written[name] = sum(len(item.document.spans) for item in export.users[username])
    return PullReport(written, tuple(unchanged),
                      tuple(sorted(set(export.users) - set(with_spans))),
                      dict(Counter(export.skipped_labels)), tuple(export.problems))
