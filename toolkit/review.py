"""One person's state on one document, as `mlt doccano pull` records it in the document's meta.

A pulled file (`alice.jsonl`) holds every document of the project with alice's spans. Each
document carries one meta key, `review`, that says what the spans alone cannot:

    "review": {"submitted": true, "suggested": [[12, 18, "LOADED_LANGUAGE"], ...]}

- `submitted`: the person marked the document done in doccano (the ✓ button: `is_confirmed`).
  A document that was not submitted is "not submitted" in `mlt agree` and `mlt score`: never a
  grade or an agreement figure.
- `suggested`: the suggested spans `mlt doccano push --suggestions` placed in this person's
  account on this document (empty when they received none). A span of `label` that is also in
  `suggested` is a *kept suggestion* (left as it was drawn); every other span is the person's
  *own* (made, or a suggestion whose boundaries or device they changed). A suggestion missing
  from `label` was deleted.

A document without `review` (a file made by hand, an older pull) counts as submitted with no
suggestions. The key is per person, not per text: `mlt doccano push` leaves it out of what it
uploads, so a pulled file can be pushed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .corpus import Document, LabelCheck
from .spans import Span, SpanError, parse_label, sort_spans

REVIEW_KEY = "review"
REVIEW_FIELDS = ("submitted", "suggested")


@dataclass(frozen=True)
class Review:
    """What one person did with one document."""

    submitted: bool = True
    suggested: frozenset[Span] = frozenset()

    def kept(self, spans: Iterable[Span]) -> list[Span]:
        """The spans that are untouched suggestions."""
        return [span for span in spans if span in self.suggested]

    def own(self, spans: Iterable[Span]) -> list[Span]:
        """The spans the person made (or changed) themselves."""
        return [span for span in spans if span not in self.suggested]

    def deleted(self, spans: Iterable[Span]) -> list[Span]:
        """The suggestions the person deleted."""
        present = set(spans)
        return sort_spans(span for span in self.suggested if span not in present)

    def touched(self, spans: Iterable[Span]) -> bool:
        """Did the person change anything: a span of their own, or a deleted suggestion?"""
        return set(spans) != set(self.suggested)

    def to_json(self) -> dict[str, Any]:
        """The `review` meta value."""
        return {"submitted": self.submitted,
                "suggested": [span.to_doccano() for span in sort_spans(self.suggested)]}


def review_of(document: Document) -> Review:
    """The document's review (submitted, no suggestions, when the meta has none)."""
    raw = document.meta.get(REVIEW_KEY)
    if raw is None:
        return Review()
    problems = check_review(raw, len(document.text))
    if problems:
        raise ValueError(f"document {document.doc_id}: {problems[0]}")
    return Review(raw["submitted"], frozenset(parse_label(item) for item in raw["suggested"]))


def with_review(document: Document, review: Review) -> Document:
    """The same document with this review in its meta."""
    meta = {**document.meta, REVIEW_KEY: review.to_json()}
    return Document(document.doc_id, document.text, document.spans, meta)


def without_review(document: Document) -> Document:
    """The document without the per-person `review` key (what is uploaded to doccano)."""
    if REVIEW_KEY not in document.meta:
        return document
    meta = {k: v for k, v in document.meta.items() if k != REVIEW_KEY}
    return Document(document.doc_id, document.text, document.spans, meta)


def check_review(raw: Any, text_length: int, check_label: LabelCheck | None = None) -> list[str]:
    """What is wrong with a `review` meta value ([] when it is well formed)."""
    allowed = ", ".join(REVIEW_FIELDS)
    if not isinstance(raw, dict):
        return [f'field "review" must be an object with {allowed}']
    problems = []
    unknown = sorted(set(raw) - set(REVIEW_FIELDS))
    if unknown:
        problems.append(f'field "review" has unknown key(s) {", ".join(unknown)} (allowed: '
                        f"{allowed})")
    if not isinstance(raw.get("submitted"), bool):
        problems.append('field "review.submitted" must be true or false')
    suggested = raw.get("suggested")
    if not isinstance(suggested, list):
        problems.append('field "review.suggested" must be a list of [start, end, label]')
        return problems
    for index, item in enumerate(suggested):
        try:
            span = parse_label(item)
            span.check_within(text_length)
        except SpanError as exc:
            problems.append(f"review.suggested[{index}]: {exc}")
            continue
        message = check_label(span.label) if check_label else None
        if message:
            problems.append(f"review.suggested[{index}]: {message}")
    return problems
