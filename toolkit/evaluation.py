"""Gold versus prediction: precision, recall and F1 per device and overall, exact or overlapping.

Pure functions over Span and Document. A predicted span is correct under `exact` matching when a
gold span has the same start, end and label; under `overlap` matching when it shares at least one
character with a gold span of the same label. Precision counts correct predictions, recall counts
gold spans that some prediction found (so under `overlap` one long prediction can find two gold
spans). Repeated identical spans count once. Agreement between annotators lives elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .corpus import Document
from .errors import ToolkitError
from .spans import Span, by_label, count_hit, f1, rate

MATCH_MODES = ("exact", "overlap")
OVERALL = "(overall)"


class EvaluationError(ToolkitError):
    """Gold and predicted documents cannot be compared (missing, or their texts differ)."""


@dataclass(frozen=True)
class Score:
    """Counts for one label (or overall) and the precision, recall and F1 they give."""

    label: str
    gold: int
    predicted: int
    found: int      # gold spans matched by some prediction (recall's numerator)
    correct: int    # predictions that match some gold span (precision's numerator)

    def __post_init__(self) -> None:
        if not (0 <= self.found <= self.gold and 0 <= self.correct <= self.predicted):
            raise ValueError(f"{self.label}: found {self.found}/{self.gold} and correct "
                             f"{self.correct}/{self.predicted} must be 0 <= part <= whole")

    @property
    def precision(self) -> float | None:
        """Share of predictions that are correct; None when nothing was predicted."""
        return rate(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        """Share of gold spans found; None when there is no gold span."""
        return rate(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (toolkit.spans.f1's convention)."""
        return f1(self.precision, self.recall)

    def __add__(self, other: Score) -> Score:
        return Score(self.label, self.gold + other.gold, self.predicted + other.predicted,
                     self.found + other.found, self.correct + other.correct)

    def to_json(self) -> dict[str, Any]:
        """Plain data: the counts and the three rates (null where undefined)."""
        return {"label": self.label, "gold": self.gold, "predicted": self.predicted,
                "found": self.found, "correct": self.correct,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Evaluation:
    """Scores per label (in the order given or sorted) and overall (micro-averaged)."""

    mode: str
    scores: tuple[Score, ...]
    documents: int = 0
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.mode not in MATCH_MODES:
            raise ValueError(f"mode must be one of {MATCH_MODES}, not {self.mode!r}")

    @property
    def overall(self) -> Score:
        """The sum of every label's counts."""
        total = Score(OVERALL, 0, 0, 0, 0)
        for score in self.scores:
            total = total + score
        return total

    def score(self, label: str) -> Score:
        """The score of one label (zero counts when it never occurred)."""
        for score in self.scores:
            if score.label == label:
                return score
        return Score(label, 0, 0, 0, 0)

    def to_json(self) -> dict[str, Any]:
        """Plain data for `--format json`."""
        return {"match": self.mode, "documents": self.documents,
                "groups": {k: list(v) for k, v in self.groups.items()},
                "labels": [s.to_json() for s in self.scores],
                "overall": self.overall.to_json()}


def _unique(spans: Iterable[Span]) -> list[Span]:
    return sorted(set(spans), key=_position)


def _position(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def score_spans(gold: Iterable[Span], predicted: Iterable[Span], mode: str = "overlap",
                ) -> dict[str, Score]:
    """Score per label for the spans of one document (or any one text)."""
    return {label: Score(label, *c) for label, c in sorted(count_spans(gold, predicted, mode).items())}


def count_spans(gold: Iterable[Span], predicted: Iterable[Span], mode: str = "overlap",
                ) -> dict[str, tuple[int, int, int, int]]:
    """Per label (gold, predicted, found, correct): the counts behind `Score`, without building
    objects (agreement sums them over thousands of annotator pairs)."""
    if mode not in MATCH_MODES:
        raise EvaluationError(f"unknown match mode {mode!r} (allowed: {', '.join(MATCH_MODES)})")
    gold_by, pred_by = by_label(_unique(gold)), by_label(_unique(predicted))
    counts = {}
    for label in set(gold_by) | set(pred_by):
        g, p = gold_by.get(label, []), pred_by.get(label, [])
        counts[label] = (len(g), len(p), count_hit(g, p, mode), count_hit(p, g, mode))
    return counts


def merge_labels(spans: Iterable[Span], groups: Mapping[str, Sequence[str]]) -> list[Span]:
    """The spans with every label of a group renamed to the group's name (others unchanged)."""
    rename = {member: name for name, members in groups.items() for member in members}
    return [span.with_label(rename[span.label]) if span.label in rename else span
            for span in spans]


def pair_documents(gold: Sequence[Document], predicted: Sequence[Document],
                   ) -> list[tuple[Document, Document]]:
    """Each gold document with its prediction, matched by doc_id, else by identical text.
    EvaluationError lists every gold document without a prediction or with a different text."""
    by_id = {d.doc_id: d for d in predicted}
    by_text = {d.fingerprint: d for d in predicted}
    pairs, problems = [], []
    for doc in gold:
        pred = by_id.get(doc.doc_id) or by_text.get(doc.fingerprint)
        if pred is None:
            problems.append(f"gold document {doc.doc_id!r} has no prediction (no predicted "
                            "document with that doc_id or that text)")
        elif pred.fingerprint != doc.fingerprint:
            problems.append(f"document {doc.doc_id!r}: the predicted text differs from the gold "
                            f"text ({pred.fingerprint} vs {doc.fingerprint}); spans cannot be "
                            "compared")
        else:
            pairs.append((doc, pred))
    if problems:
        raise EvaluationError(f"{len(problems)} problem(s) pairing gold and predictions:\n"
                              + "\n".join(problems))
    return pairs


def evaluate_documents(gold: Sequence[Document], predicted: Sequence[Document],
                       mode: str = "overlap", labels: Sequence[str] | None = None,
                       groups: Mapping[str, Sequence[str]] | None = None) -> Evaluation:
    """Micro-averaged scores over paired documents. `labels` restricts (and orders) the labels
    scored; `groups` first merges several labels into one (e.g. SOURCING=ANONYMOUS_SOURCE,...)."""
    groups = dict(groups or {})
    totals: dict[str, Score] = {}
    pairs = pair_documents(gold, predicted)
    for gold_doc, pred_doc in pairs:
        g, p = merge_labels(gold_doc.spans, groups), merge_labels(pred_doc.spans, groups)
        for label, score in score_spans(g, p, mode).items():
            totals[label] = totals[label] + score if label in totals else score
    order = list(labels) if labels is not None else sorted(totals)
    scores = tuple(totals.get(label, Score(label, 0, 0, 0, 0)) for label in order)
    return Evaluation(mode, scores, len(pairs), {k: tuple(v) for k, v in groups.items()})
