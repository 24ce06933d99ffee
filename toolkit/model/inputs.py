"""The gold documents a model learns from: collection folders' gold files, or JSONL files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..collection import Role, files_with_role, manifest_path
from ..corpus import Document, LabelCheck, read_jsonl
from ..errors import ToolkitError


@dataclass(frozen=True)
class Gold:
    """The documents gathered, the files they came from, and the repeats left out."""

    documents: tuple[Document, ...]
    files: tuple[Path, ...]
    repeated: int


def gold_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """A folder gives its gold files (by role: collection.yaml, else `gold.jsonl`); a file is
    taken as given."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            gold = files_with_role(path, Role.GOLD)
            if not gold:
                names = ", ".join(p.name for p in sorted(path.glob("*.jsonl"))) or "none"
                raise ToolkitError(f"{path}: no gold file (the gold file is gold.jsonl, or the "
                                   f"one named `gold` in {manifest_path(path).name}; *.jsonl "
                                   f"files here: {names})")
            found.extend(gold)
        elif path.is_file() and path.suffix.lower() == ".jsonl":
            found.append(path)
        elif path.exists():
            raise ToolkitError(f"{path}: not a collection folder or a .jsonl file (give "
                               "folders holding gold.jsonl, or gold JSONL files)")
        else:
            raise ToolkitError(f"{path}: no such file or folder (give collection folders or "
                               "gold JSONL files)")
    return found


def gather(paths: Sequence[str | os.PathLike[str]],
           check_label: LabelCheck | None = None) -> Gold:
    """Every gold document of `paths`, each text once (a text in two files is taken from the
    first); an input without any document is an error."""
    files = gold_files(paths)
    documents: list[Document] = []
    seen: set[str] = set()
    repeated = 0
    for path in files:
        found = read_jsonl(path, check_label)
        if not found:
            raise ToolkitError(f"{path}: no documents (an empty gold file); a model learns from "
                               "annotated articles")
        for document in found:
            if document.fingerprint in seen:
                repeated += 1
                continue
            seen.add(document.fingerprint)
            documents.append(document)
    if not files:
        raise ToolkitError("no gold files given (give collection folders or gold JSONL files)")
    return Gold(tuple(documents), tuple(files), repeated)
