"""CSV tables for teachers: conflicts to resolve and grades for a gradebook."""

from __future__ import annotations

import csv
import io
import math

from .adjudicate import Adjudication
from ..collection import Collection
from .scoring import StudentScore


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def conflicts_csv(result: Adjudication, collection: Collection) -> str:
    """One row per conflict: where, what, who, and what the rule did."""
    rows: list[list[object]] = [["doc_id", "start", "end", "device", "text", "agreed", "of",
                                 "annotators", "kept", "reason"]]
    for conflict in result.conflicts:
        c = conflict.candidate
        rows.append([c.doc_id, c.span.start, c.span.end, c.span.label,
                     collection.texts[c.doc_id].span_text(c.span), c.agreed, c.of,
                     " ".join(c.annotators), "yes" if conflict.kept else "no", conflict.reason])
    return _csv(rows)


def _rate(value: float | None) -> str:
    """A rate with three decimals; blank when undefined (toolkit.spans' convention)."""
    return "" if value is None else f"{value:.3f}"


def percent(share: float) -> int:
    """A share as a whole percentage, halves rounded up (82.5 -> 83, as a gradebook would)."""
    return math.floor(100 * share + 0.5)


def grades_csv(scores: list[StudentScore]) -> str:
    """One row per student, ready for a gradebook (score_percent is F1 × 100). A student who
    submitted none of the key's documents gets a `not submitted` row with no figures."""
    rows: list[list[object]] = [["student", "status", "documents_scored", "not_submitted",
                                 "key_spans", "found", "partial", "missed", "extra",
                                 "extra_defensible", "extra_unsupported",
                                 "found_with_kept_suggestion", "kept_suggestions",
                                 "deleted_suggestions", "suggestion_credit", "precision",
                                 "recall", "f1", "score_percent"]]
    for score in scores:
        overall = score.overall
        head = [score.student, score.status, len(score.scored), " ".join(score.skipped)]
        if not score.submitted:
            rows.append(head + [""] * 15)
            continue
        rows.append(head + [
            overall.key, score.count("found"), score.count("partial"), score.count("missed"),
            score.count("extra"), score.count("extra", True), score.count("extra", False),
            score.count("found", source="suggestion") + score.count("partial", source="suggestion"),
            score.kept_suggestions, score.deleted_suggestions, score.policy.value,
            *(_rate(value) for value in (overall.precision, overall.recall, overall.f1)),
            "" if overall.f1 is None else percent(overall.f1)])
    return _csv(rows)
