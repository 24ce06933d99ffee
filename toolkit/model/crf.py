"""The one seam to python-crfsuite: train a linear-chain CRF, tag with it, read its marginals.

Nothing else in the toolkit imports `pycrfsuite`. Items are lists of feature strings (each a
binary feature), labels are strings; a trained model is a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from ..errors import ToolkitError

LEARNER = "python-crfsuite"


def version() -> str:
    """The installed learner's version (for a model's manifest)."""
    from importlib.metadata import version as installed

    return installed(LEARNER)


def _module():
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - a declared dependency
        raise ToolkitError("python-crfsuite is not installed (pip install python-crfsuite); "
                           "`mlt train` needs it") from None
    return pycrfsuite


def train(sequences: Iterable[tuple[Sequence[Sequence[str]], Sequence[str]]],
          path: str | os.PathLike[str], c1: float, c2: float, iterations: int,
          min_freq: float = 0) -> None:
    """Train with L-BFGS and elastic-net regularisation (c1 L1, c2 L2) and write the model;
    features seen fewer than `min_freq` times in the training items are left out."""
    trainer = _module().Trainer(verbose=False)
    count = 0
    for items, labels in sequences:
        trainer.append(items, labels)
        count += 1
    if not count:
        raise ToolkitError("nothing to train on (no sentences)")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.minfreq": min_freq, "feature.possible_transitions": True})
    trainer.train(os.fspath(path))


class Tagger:
    """A trained CRF, loaded from its file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._tagger = _module().Tagger()
        try:
            self._tagger.open(os.fspath(path))
        except (OSError, ValueError) as exc:
            raise ToolkitError(f"{path}: not a CRF model file ({exc}); train the model again "
                               "with mlt train") from None

    def labels(self) -> list[str]:
        """The labels the model knows."""
        return list(self._tagger.labels())

    def marginals(self, items: Sequence[Sequence[str]], label: str) -> list[float]:
        """For each item, the probability that it carries `label` (0 for an unknown label)."""
        if not items:
            return []
        self._tagger.set(items)
        if label not in self.labels():
            return [0.0] * len(items)
        return [self._tagger.marginal(label, i) for i in range(len(items))]
