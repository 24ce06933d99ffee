"""CSV tables for teachers: conflicts to resolve and grades for a gradebook."""

from __future__ import annotations

import csv
import io

from .adjudicate import Adjudication
from .collection import Collection
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


def grades_csv(scores: list[StudentScore]) -> str:
    """One row per student, ready for a gradebook (score_percent is F1 × 100)."""
    rows: list[list[object]] = [["student", "key_spans", "found", "partial", "missed", "extra",
                                 "extra_defensible", "extra_unsupported", "precision", "recall",
                                 "f1", "score_percent", "documents_skipped"]]
    for score in scores:
        overall = score.overall
        rows.append([score.student, overall.key, score.count("found"), score.count("partial"),
                     score.count("missed"), score.count("extra"),
                     score.count("extra", True), score.count("extra", False),
                     f"{overall.precision:.3f}", f"{overall.recall:.3f}", f"{overall.f1:.3f}",
                     round(100 * overall.f1), " ".join(score.skipped)])
    return _csv(rows)
