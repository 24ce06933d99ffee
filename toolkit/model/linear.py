"""A linear sentence classifier per device, blended with the CRF sentence tagger.

Each sentence becomes a row of hashed lexical features: its lower-cased words, word pairs and
4-character strings, its length in fives and its fifth of the article. A feature's value is
log(1 + count) times its inverse document frequency over the training sentences, and each row is
scaled to length 1. A device's classifier is a logistic regression over those rows, trained
with L2 and the two classes weighted to equal mass, by full-batch AdaGrad (numpy only, so
training is repeatable to the bit on one machine). A model folder keeps the shared inverse
document frequencies (`linear.idf.npy`) and each blended device's weights
(`<DEVICE>.linear.npy`, the bias last) as plain float32 arrays, read back without pickle.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .tokens import Tokenised

BITS = 18
COLUMNS = 2**BITS
PASSES = 150
RATE = 0.5
IDF_FILE = "linear.idf.npy"

#: One sentence as sparse columns and raw values (log counts, before idf and scaling).
Row = tuple[np.ndarray, np.ndarray]


def weights_file(device: str) -> str:
    return f"{device}.linear.npy"


def _column(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (COLUMNS - 1)


def sentence_rows(item: Tokenised) -> list[Row]:
    """Each sentence of `item` as its hashed feature columns and log counts."""
    text = item.document.text
    count = len(item.sentences)
    rows: list[Row] = []
    for index, sentence in enumerate(item.sentences):
        words = [t[2].lower() for t in sentence.tokens]
        chunk = text[sentence.start:sentence.end].lower()
        counts: dict[int, int] = {}
        features = [f"w={w}" for w in words]
        features += [f"b={a} {b}" for a, b in zip(words, words[1:])]
        features += [f"c={chunk[i:i + 4]}" for i in range(max(0, len(chunk) - 3))]
        features.append(f"len={min(len(words) // 5, 12)}")
        features.append(f"pos={min(4, 5 * index // max(count, 1))}")
        for feature in features:
            column = _column(feature)
            counts[column] = counts.get(column, 0) + 1
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.log1p(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        rows.append((columns, values))
    return rows


def learn_idf(rows: Sequence[Row]) -> np.ndarray:
    """Inverse document frequencies over the training sentences (smoothed; 1 for unseen)."""
    frequency = np.zeros(COLUMNS, dtype=np.float64)
    for columns, _ in rows:
        frequency[columns] += 1
    return (np.log((1 + len(rows)) / (1 + frequency)) + 1).astype(np.float32)


class Matrix:
    """Rows in compressed form, weighted by `idf` and each scaled to length 1."""

    def __init__(self, rows: Sequence[Row], idf: np.ndarray) -> None:
        sizes = np.array([len(c) for c, _ in rows], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(sizes)))[:-1]
        self.sizes = sizes
        self.columns = (np.concatenate([c for c, _ in rows]) if rows
                        else np.zeros(0, dtype=np.int64))
        values = (np.concatenate([v for _, v in rows]) if rows
                  else np.zeros(0, dtype=np.float64)) * idf[self.columns]
        norms = np.sqrt(np.add.reduceat(values**2, self.starts)) if len(values) else sizes * 0.0
        norms[sizes == 0] = 1.0
        self.values = values / np.repeat(norms, sizes)
        self.count = len(rows)

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Each row's dot product with `weights` (its last element, the bias, added)."""
        products = self.values * weights[self.columns]
        sums = np.zeros(self.count)
        present = self.sizes > 0
        if products.size:
            sums[present] = np.add.reduceat(products, self.starts[present])
        return sums + weights[-1]

    def back(self, residuals: np.ndarray, columns: int = COLUMNS) -> np.ndarray:
        """The gradient of the summed loss with respect to the `columns` column weights."""
        return np.bincount(self.columns, weights=self.values * np.repeat(residuals, self.sizes),
                           minlength=columns)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))


def fit(matrix: Matrix, labels: Sequence[bool], l2: float) -> np.ndarray:
    """Logistic-regression weights (COLUMNS, then the bias), positive and negative rows
    weighted to equal total mass; all zero when a class is missing. Only the columns some row
    uses are updated (the others have no gradient and stay zero), so the passes run over them
    alone."""
    y = np.asarray(labels, dtype=np.float64)
    positives = float(y.sum())
    full = np.zeros(COLUMNS + 1)
    if positives == 0 or positives == len(y):
        full[-1] = 10.0 if positives else -10.0
        return full.astype(np.float32)
    used, local = np.unique(matrix.columns, return_inverse=True)
    compact = Matrix.__new__(Matrix)
    compact.__dict__.update(matrix.__dict__, columns=local)
    mass = np.where(y > 0, 0.5 / positives, 0.5 / (len(y) - positives))
    weights = np.zeros(len(used) + 1)
    squares = np.zeros(len(used) + 1)
    for _ in range(PASSES):
        residuals = (_sigmoid(compact.scores(weights)) - y) * mass
        gradient = np.empty(len(used) + 1)
        gradient[:-1] = compact.back(residuals, len(used)) + l2 * weights[:-1]
        gradient[-1] = residuals.sum()
        squares += gradient**2
        weights -= RATE * gradient / (np.sqrt(squares) + 1e-8)
    full[used] = weights[:-1]
    full[-1] = weights[-1]
    return full.astype(np.float32)


def probabilities(matrix: Matrix, weights: np.ndarray) -> list[float]:
    return [float(p) for p in _sigmoid(matrix.scores(weights.astype(np.float64)))]


def blend(crf: Sequence[float], linear: Sequence[float], weight: float) -> list[float]:
    """weight × the CRF's probability + (1 − weight) × the linear one."""
    if weight >= 1:
        return list(crf)
    return [weight * a + (1 - weight) * b for a, b in zip(crf, linear)]


def save(path: Path, array: np.ndarray) -> None:
    np.save(path, np.asarray(array, dtype=np.float32), allow_pickle=False)


def read(path: Path, size: int) -> np.ndarray | str:
    """The float32 array of `size` numbers at `path`, or what is wrong with the file."""
    try:
        array = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError) as exc:
        return f"not a weights file ({exc})"
    if array.dtype != np.float32 or array.shape != (size,):
        return f"holds {array.dtype} numbers of shape {array.shape}, not {size} float32 numbers"
    if not np.isfinite(array).all():
        return "holds numbers that are not finite"
    return array

