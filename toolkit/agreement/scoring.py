"""Score students' tags against the teacher's key.

The rule, stated once: a student's span and a key span match when they name the same device and
share at least one character (each key span matches at most one student span, the largest overlap
first). A match earns full credit (1) when the shared characters make up at least half of the key
span AND at least half of the student's span; otherwise it is partial (1/2 credit): the student
saw the device but drew the boundaries too narrow or too wide (tagging only "卡脖子" of a longer
key phrase, or a whole paragraph around it). Recall is credit / key spans, precision is credit /
the student's spans, F1 their harmonic mean (toolkit.spans' one convention: a rate with nothing
to divide by is undefined, not 0 or 1 — a student who tagged nothing has no precision and F1 0;
nothing due and nothing tagged has no F1, so no score_percent). An unmatched student span is an extra tag:
*defensible* when another student tagged the same device overlapping it with a span of their
own, else *unsupported*.

Only documents the student submitted are scored; the others are listed as not submitted (a
student who submitted nothing gets no grade at all, not a zero).

Suggestions: a span the student kept exactly as `mlt doccano push --suggestions` drew it is a
*kept suggestion*, scored by a stated policy (`SuggestionCredit`): `full` counts it as the
student's own tag, `half` counts it half both ways (half the credit when it is right, half an
extra when it is wrong), `none` leaves it out of the grade (only the student's own tags count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from ..collection import Collection
from ..corpus import Document
from ..spans import Span, f1, match_spans, rate

FULL_SHARE = 0.5
PARTIAL_CREDIT = 0.5
OWN, SUGGESTION = "own", "suggestion"


class SuggestionCredit(str, Enum):
    """How a kept suggestion counts in a grade."""

    FULL = "full"
    HALF = "half"
    NONE = "none"

    @property
    def weight(self) -> float:
        """The share of a tag a kept suggestion counts as."""
        return {"full": 1.0, "half": 0.5, "none": 0.0}[self.value]


@dataclass(frozen=True)
class Credit:
    """Credit earned against the key spans and the student's (weighted) spans of one device."""

    credit: float = 0.0
    key: int = 0
    tagged: float = 0.0

    def __add__(self, other: Credit) -> Credit:
        return Credit(self.credit + other.credit, self.key + other.key, self.tagged + other.tagged)

    @property
    def precision(self) -> float | None:
        """Credit per span the student tagged; None when they tagged nothing."""
        return rate(self.credit, self.tagged)

    @property
    def recall(self) -> float | None:
        """Credit per key span; None when the key has none."""
        return rate(self.credit, self.key)

    @property
    def f1(self) -> float | None:
        """Harmonic mean (toolkit.spans.f1): None only when nothing was due and nothing tagged."""
        return f1(self.precision, self.recall)


@dataclass(frozen=True)
class Mark:
    """One span's verdict: found, partial or missed (a key span), or extra (a student span).
    `source` says whether the student's span is their own or a kept suggestion."""

    doc_id: str
    status: str
    span: Span
    line: int
    text: str
    student_span: Span | None = None
    supporters: tuple[str, ...] = ()
    source: str = OWN

    @property
    def defensible(self) -> bool:
        """For an extra tag: did anyone else tag this device here?"""
        return bool(self.supporters)


@dataclass(frozen=True)
class StudentScore:
    """A student's credit per device and every mark, in reading order."""

    student: str
    per_device: dict[str, Credit]
    marks: list[Mark] = field(default_factory=list)
    skipped: tuple[str, ...] = ()  # key documents not submitted (or not in the student's file)
    scored: tuple[str, ...] = ()   # key documents submitted and scored
    deleted_suggestions: int = 0
    ignored_suggestions: int = 0   # kept suggestions left out of the grade (credit none)
    policy: SuggestionCredit = SuggestionCredit.HALF

    @property
    def submitted(self) -> bool:
        """Did the student submit at least one document of the key?"""
        return bool(self.scored)

    @property
    def status(self) -> str:
        """complete, partly submitted, or not submitted."""
        if not self.scored:
            return "not submitted"
        return "partly submitted" if self.skipped else "complete"

    @property
    def kept_suggestions(self) -> int:
        """Suggestions the student kept untouched (graded or, with credit none, left out)."""
        return sum(m.source == SUGGESTION for m in self.marks) + self.ignored_suggestions

    @property
    def overall(self) -> Credit:
        """Credit summed over devices."""
        return sum(self.per_device.values(), Credit())

    def count(self, status: str, defensible: bool | None = None, source: str | None = None,
              ) -> int:
        """How many marks have this status (and, for extras, this defensibility; and this
        source)."""
        return sum(m.status == status and (defensible is None or m.defensible == defensible)
                   and (source is None or m.source == source) for m in self.marks)


def text_line(text: str, offset: int) -> int:
    """The 1-based line of the text (counting newlines) on which `offset` lies."""
    return text.count("\n", 0, offset) + 1


def score_student(name: str, key: dict[str, Document], students: Collection,
                  devices: Sequence[str] | None = None,
                  policy: SuggestionCredit = SuggestionCredit.HALF) -> StudentScore:
    """Compare one student's submitted documents with the key, document by document."""
    own = students.annotations.get(name, {})
    per_device: dict[str, Credit] = {}
    marks: list[Mark] = []
    skipped, scored = [], []
    deleted = ignored = 0
    for doc_id, key_doc in key.items():
        if doc_id not in own:
            skipped.append(doc_id)
            continue
        scored.append(doc_id)
        review = students.review(name, doc_id)
        gold = [s for s in key_doc.spans if devices is None or s.label in devices]
        theirs = [s for s in own[doc_id].spans if devices is None or s.label in devices]
        deleted += len([s for s in review.deleted(theirs) if devices is None
                        or s.label in devices])
        if policy is SuggestionCredit.NONE:
            ignored += len(review.kept(theirs))
            theirs = review.own(theirs)
        source = {span: SUGGESTION if span in review.suggested else OWN for span in theirs}
        weight = {OWN: 1.0, SUGGESTION: policy.weight}
        pairs = dict(match_spans(gold, theirs, "overlap"))
        matched = set(pairs.values())
        for g, span in enumerate(gold):
            student_span = theirs[pairs[g]] if g in pairs else None
            status = _verdict(span, student_span)
            origin = source[student_span] if student_span is not None else OWN
            marks.append(_mark(key_doc, status, span, student_span, source=origin))
            earned = {"found": 1.0, "partial": PARTIAL_CREDIT}.get(status, 0.0) * weight[origin]
            tagged = weight[origin] if student_span is not None else 0.0
            per_device[span.label] = per_device.get(span.label, Credit()) + \
                Credit(earned, 1, tagged)
        for p, span in enumerate(theirs):
            if p not in matched:
                marks.append(_mark(key_doc, "extra", span, span,
                                   _supporters(students, name, doc_id, span), source[span]))
                per_device[span.label] = per_device.get(span.label, Credit()) + \
                    Credit(0.0, 0, weight[source[span]])
    order = list(key)
    marks.sort(key=lambda m: (order.index(m.doc_id), m.span))
    return StudentScore(name, per_device, marks, tuple(skipped), tuple(scored), deleted,
                        ignored, policy)


def _verdict(key_span: Span, student_span: Span | None) -> str:
    if student_span is None:
        return "missed"
    shared = key_span.overlap_length(student_span)
    full = shared >= FULL_SHARE * len(key_span) and shared >= FULL_SHARE * len(student_span)
    return "found" if full else "partial"


def _mark(doc: Document, status: str, span: Span, student_span: Span | None,
          supporters: tuple[str, ...] = (), source: str = OWN) -> Mark:
    return Mark(doc.doc_id, status, span, text_line(doc.text, span.start), doc.span_text(span),
                student_span, supporters, source)


def _supporters(students: Collection, name: str, doc_id: str, span: Span) -> tuple[str, ...]:
    """The other students who tagged this device here with a span of their own (a kept
    suggestion everyone was given supports nothing)."""
    found = []
    for other in students.students:
        doc = students.annotations[other].get(doc_id)
        if other == name or doc is None:
            continue
        theirs = students.review(other, doc_id).own(doc.spans)
        if match_spans([span], theirs, "overlap"):
            found.append(other)
    return tuple(found)


def score_all(key: dict[str, Document], students: Collection,
              devices: Sequence[str] | None = None,
              policy: SuggestionCredit = SuggestionCredit.HALF) -> list[StudentScore]:
    """Every student's score, by name (teachers are not graded)."""
    return [score_student(name, key, students, devices, policy) for name in students.students]
