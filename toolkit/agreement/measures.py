"""Span-level F1 between annotators and Krippendorff's alpha over characters.

Span F1 between two annotators is `mlt evaluate`'s measure (toolkit.evaluation) with either one
as the reference: it is symmetric, so the pair's order does not matter.

Chance-corrected agreement: every character of a document is a unit, and for each device an
annotator's value for it is 1 (inside one of their spans of that device) or 0. Krippendorff's
alpha for nominal data over these units handles any number of annotators, annotators who skipped
a document (their values are missing, not 0), and overlapping spans of different devices (each
device is its own variable). It is the binary, character-level reading of unitized alpha; unlike
span F1 it corrects for how much of the text is tagged at all, so tagging everything or nothing
does not look like agreement. The pooled value counts every (character, device) unit together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..evaluation import OVERALL, Score, count_spans
from ..spans import Span, coverage, coverage_depth
from ..collection import Collection


@dataclass(frozen=True)
class PairAgreement:
    """Span F1 between two annotators over the documents both annotated."""

    first: str
    second: str
    mode: str
    documents: int
    per_device: dict[str, Score]

    @property
    def overall(self) -> Score:
        """Counts summed over devices."""
        return sum(self.per_device.values(), Score(OVERALL, 0, 0, 0, 0))


def pairwise(collection: Collection, mode: str, devices: Sequence[str] | None = None,
             ) -> list[PairAgreement]:
    """F1 of every pair of annotators (symmetric: either one may be the reference)."""
    result = []
    for first, second in combinations(collection.annotators, 2):
        a, b = collection.annotations[first], collection.annotations[second]
        shared = [doc_id for doc_id in collection.doc_ids if doc_id in a and doc_id in b]
        sums: dict[str, list[int]] = {}
        for doc_id in shared:
            counts = count_spans(_only(a[doc_id].spans, devices), _only(b[doc_id].spans, devices),
                                 mode)
            for label, values in counts.items():
                row = sums.setdefault(label, [0, 0, 0, 0])
                for i, value in enumerate(values):
                    row[i] += value
        per_device = {label: Score(label, *row) for label, row in sorted(sums.items())}
        result.append(PairAgreement(first, second, mode, len(shared), per_device))
    return result


def _only(spans: Iterable[Span], devices: Sequence[str] | None) -> list[Span]:
    wanted = None if devices is None else set(devices)
    return [s for s in spans if wanted is None or s.label in wanted]


class Coincidences:
    """Krippendorff's coincidence counts for nominal values, built unit by unit."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[Hashable, Hashable]] = Counter()

    def add_unit(self, values: Counter[Hashable], weight: int = 1) -> None:
        """Add a unit given as value -> number of coders who gave it; `weight` identical units.
        A unit with fewer than two values is not pairable and adds nothing."""
        m = sum(values.values())
        if m < 2:
            return
        for c, n_c in values.items():
            for k, n_k in values.items():
                same = n_c * (n_c - 1) if c == k else n_c * n_k
                if same:
                    self.pairs[(c, k)] += weight * same / (m - 1)

    def alpha(self) -> float | None:
        """Nominal alpha = 1 - D_o / D_e; None when there is no variation to judge (D_e = 0)."""
        n_c: Counter[Hashable] = Counter()
        for (c, _), count in self.pairs.items():
            n_c[c] += count
        n = sum(n_c.values())
        if n <= 1:
            return None
        observed = sum(v for (c, k), v in self.pairs.items() if c != k)
        expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
        if expected == 0:
            return None
        return 1.0 - observed / expected


def alpha_for_units(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Nominal alpha of a reliability matrix given unit by unit (None marks a missing value)."""
    table = Coincidences()
    for unit in units:
        table.add_unit(Counter(v for v in unit if v is not None))
    return table.alpha()


def character_alpha(collection: Collection, devices: Sequence[str],
                    ) -> tuple[dict[str, float | None], float | None]:
    """Alpha per device and pooled over devices, with every character of a document as a unit
    and each annotator who annotated the document as a coder."""
    per_device = {device: Coincidences() for device in devices}
    pooled = Coincidences()
    for doc_id in collection.doc_ids:
        coders = collection.who_annotated(doc_id)
        length = len(collection.texts[doc_id].text)
        for device in devices:
            covers = [coverage(collection.annotations[c][doc_id].spans, device) for c in coders]
            for start, end, count in coverage_depth(covers, length):
                weight = end - start
                values = Counter({1: count, 0: len(coders) - count})
                per_device[device].add_unit(values, weight)
                pooled.add_unit(values, weight)
    return {d: per_device[d].alpha() for d in devices}, pooled.alpha()
