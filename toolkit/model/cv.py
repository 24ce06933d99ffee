"""Cross-validation by document: K folds, each scored by a model trained on the other folds.

Documents are dealt to folds by a hash of their text (repeatable, independent of file order);
a text that occurs twice counts once, so it can never be in a training fold and a test fold at
once. Each fold's model is trained from scratch, lexicon included, on the training folds only,
and `Fold` records both sides' fingerprints so the separation can be checked.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Document
from ..devices import Catalogue
from ..errors import ToolkitError
from ..progress import Progress, silent
from .inputs import gather
from .learn import Prepared, Settings
from .store import train


@dataclass(frozen=True)
class Fold:
    """One fold: what its model learnt from and what it was tested on."""

    number: int
    trained_on: frozenset[str]   # fingerprints (the model's manifest)
    tested_on: frozenset[str]
    units: tuple[tuple[str, str], ...] = ()  # (device, unit) of the model's taggers
    weights: tuple[tuple[str, float], ...] = ()  # (device, the CRF's weight) of blended devices


@dataclass(frozen=True)
class CrossValidation:
    """Each document (each text once) with the spans a model that never saw it predicted, the
    same documents with their gold spans, and the folds."""

    gold: tuple[Document, ...]
    predictions: tuple[Document, ...]
    folds: tuple[Fold, ...]


def assign_folds(documents: Sequence[Document], k: int) -> list[list[int]]:
    """The indexes of the documents in each of `k` folds (sizes differ by at most one)."""
    order = sorted(range(len(documents)),
                   key=lambda i: hashlib.sha256(documents[i].text.encode()).hexdigest())
    return [order[f::k] for f in range(k)]


def cross_validate(documents: Sequence[Document], k: int, settings: Settings = Settings(),
                   progress: Progress = silent,
                   on_fold: Callable[[Fold, list[Document]], None] | None = None,
                   ) -> CrossValidation:
    """Train K models, each on K-1 folds, and predict the held-out fold with it; `on_fold`, when
    given, is called with each fold and its predicted documents as soon as they are ready."""
    unique = list({d.fingerprint: d for d in reversed(documents)}.values())[::-1]
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise ToolkitError(f"--cv {k!r}: the number of folds must be 2 or more")
    if len(unique) < k:
        raise ToolkitError(f"--cv {k} needs at least {k} different documents, got "
                           f"{len(unique)}")
    prepared = Prepared(unique, progress)
    predicted: dict[str, Document] = {}
    folds = []
    with tempfile.TemporaryDirectory(prefix="mlt-cv-") as work:
        for number, test in enumerate(assign_folds(unique, k), start=1):
            held = set(test)
            training = [i for i in range(len(unique)) if i not in held]

            def report(stage: str, done: int = 0, total: int = 0, n: int = number) -> None:
                progress(f"fold {n}/{k}: {stage}", done, total)

            model = train([unique[i] for i in training], Path(work) / f"fold{number}",
                          settings, report, prepared.subset(training))
            fold = Fold(number, frozenset(model.manifest.documents),
                        frozenset(unique[i].fingerprint for i in test),
                        tuple(sorted(model.manifest.units.items())),
                        tuple(sorted((model.manifest.weights or {}).items())))
            if fold.trained_on & fold.tested_on:  # by construction never; checked all the same
                raise ToolkitError(f"fold {number}: a test document is in the training data")
            folds.append(fold)
            for i in test:
                found = model.taggers.predict(unique[i], prepared=(
                    prepared.items[i], prepared.features[i], prepared.sentence_features[i]))
                predicted[unique[i].fingerprint] = unique[i].with_spans(
                    _spans(found))
            if on_fold is not None:
                on_fold(fold, [predicted[unique[i].fingerprint] for i in test])
    return CrossValidation(tuple(unique), tuple(predicted[d.fingerprint] for d in unique),
                           tuple(folds))


def _spans(found):  # Found -> Span
    from ..spans import Span

    return [Span(f.start, f.end, f.label) for f in found]


def cross_validated(gold: str | os.PathLike[str], k: int, pred: object = None,
                    catalogue: Catalogue | None = None, progress: Progress = silent,
                    ) -> tuple[list[Document], list[Document]]:
    """`mlt evaluate --gold G --cv K`: the gold documents of G (a gold JSONL file or a
    collection folder) and their cross-validated predictions, ready to be scored."""
    if pred is not None:
        raise ToolkitError("--cv and --pred exclude each other: --cv makes its own predictions")
    documents = gather([gold], catalogue.unknown_label_message if catalogue else None).documents
    result = cross_validate(documents, k, progress=progress)
    return list(result.gold), list(result.predictions)
