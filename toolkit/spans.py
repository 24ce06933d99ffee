"""The Span value and all offset arithmetic: bounds, overlap, ordering, parsing, conversions,
and the operations on sets of spans that evaluation, agreement and scoring share (grouping by
label, overlap hits and chains, coverage and its depth, one-to-one matching, rates).

Offsets are Python code points, `start` inclusive, `end` exclusive (docs/architecture.md). Every
conversion to another unit (UTF-16 code units for a browser, byte offsets) lives here.

**One convention for rates** (`rate`, `f1`): a rate with nothing to divide by is undefined
(None), never 0 or 1: precision when nothing was predicted (or tagged), recall when nothing was
due. F1 is undefined only when both are; when one is undefined it counts as 0 (spans predicted
where none were due, or due and none predicted, earn nothing). Printed, None is a blank or "–".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


class SpanError(ValueError):
    """A span is malformed; the message says what is allowed."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character range [start, end) of a document's text."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not _is_int(value):
                raise SpanError(f"{name} must be an integer, got {value!r}")
        if self.start < 0:
            raise SpanError(f"start {self.start} is negative (offsets count from 0)")
        if self.start > self.end:
            raise SpanError(
                f"start {self.start} is after end {self.end} (a span is [start, end) with start < end)")
        if self.start == self.end:
            raise SpanError(f"empty span {self.start}-{self.end} (a span needs start < end)")
        if not isinstance(self.label, str) or not self.label:
            raise SpanError(f"label must be a non-empty string, got {self.label!r}")

    def __len__(self) -> int:
        return self.end - self.start

    def check_within(self, text_length: int) -> None:
        """Raise SpanError unless the span lies inside a text of `text_length` code points."""
        if self.end > text_length:
            raise SpanError(
                f"offsets {self.start}-{self.end} out of range for text of length {text_length} "
                f"(allowed 0 <= start < end <= {text_length})")

    def text_of(self, text: str) -> str:
        """The characters of `text` this span covers."""
        return text[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        """True when the two ranges share at least one character (labels ignored)."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when `other` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlap_length(self, other: Span) -> int:
        """Number of characters the two ranges share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def to_doccano(self) -> list[Any]:
        """The compact doccano form `[start, end, label]`."""
        return [self.start, self.end, self.label]

    def with_label(self, label: str) -> Span:
        """The same range under another label."""
        return Span(self.start, self.end, label)


def parse_label(item: Any) -> Span:
    """Read one doccano label, either `[start, end, "LABEL"]` or
    `{"start_offset": s, "end_offset": e, "label": "LABEL"}`; raise SpanError if it is neither."""
    if isinstance(item, (list, tuple)):
        if len(item) != 3:
            raise SpanError(
                f"a label must be [start, end, \"LABEL\"] with 3 items, got {len(item)} item(s)")
        start, end, label = item
    elif isinstance(item, dict):
        missing = [k for k in ("start_offset", "end_offset", "label") if k not in item]
        if missing:
            raise SpanError(
                "a label object needs start_offset, end_offset and label; missing "
                + ", ".join(missing))
        start, end, label = item["start_offset"], item["end_offset"], item["label"]
    else:
        raise SpanError(
            "a label must be [start, end, \"LABEL\"] or "
            "{\"start_offset\": ..., \"end_offset\": ..., \"label\": ...}, "
            f"got {type(item).__name__}")
    if not isinstance(label, str):
        raise SpanError(f"label must be a string, got {label!r}")
    return Span(start, end, label)


def sort_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans in reading order: by start, then end, then label."""
    return sorted(spans)


def find_duplicates(spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Pairs (first index, repeat index) of spans that are exactly equal."""
    seen: dict[Span, int] = {}
    pairs = []
    for index, span in enumerate(spans):
        if span in seen:
            pairs.append((seen[span], index))
        else:
            seen[span] = index
    return pairs


def rate(part: float, whole: float) -> float | None:
    """`part / whole`, or None when `whole` is 0 (see the module's convention)."""
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; None when both are undefined, an undefined one counting as 0."""
    if precision is None and recall is None:
        return None
    p, r = precision or 0.0, recall or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def by_label(spans: Iterable[Span]) -> dict[str, list[Span]]:
    """The spans grouped by label, each group in the order given."""
    grouped: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[span.label].append(span)
    return dict(grouped)


def count_hit(targets: Sequence[Span], probes: Sequence[Span], mode: str) -> int:
    """How many of `targets` are matched by at least one of `probes` (labels are not compared:
    group by label first): `exact` the same start and end, `overlap` a shared character."""
    if mode == "exact":
        wanted = {(s.start, s.end) for s in probes}
        return sum((t.start, t.end) in wanted for t in targets)
    starts = sorted(probes, key=lambda s: s.start)
    keys = [s.start for s in starts]
    longest = max((len(s) for s in starts), default=0)
    count = 0
    for target in targets:
        # candidates start before target.end and no earlier than target.start - longest
        low = bisect_left(keys, target.start - longest)
        high = bisect_left(keys, target.end)
        count += any(target.overlaps(p) for p in starts[low:high])
    return count


def overlap_chains(items: Iterable[tuple[Span, T]]) -> list[list[tuple[Span, T]]]:
    """Group (span, owner) pairs: spans of the same label that overlap, directly or through a
    chain of others, form one group. Groups come in order of label, then first start."""
    groups: list[list[tuple[Span, T]]] = []
    open_group: dict[str, tuple[int, int]] = {}  # label -> (group index, furthest end)
    for span, owner in sorted(items, key=lambda item: (item[0].label, item[0].start,
                                                       item[0].end)):
        index, end = open_group.get(span.label, (-1, -1))
        if index >= 0 and span.start < end:
            groups[index].append((span, owner))
            open_group[span.label] = (index, max(end, span.end))
        else:
            groups.append([(span, owner)])
            open_group[span.label] = (len(groups) - 1, span.end)
    return groups


def coverage(spans: Iterable[Span], label: str | None = None) -> list[tuple[int, int]]:
    """The characters the spans (of `label`, when given) cover, as merged, sorted [start, end)
    ranges: nested and overlapping spans count once."""
    merged: list[tuple[int, int]] = []
    for span in sorted(s for s in spans if label is None or s.label == label):
        if merged and span.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end))
        else:
            merged.append((span.start, span.end))
    return merged


def coverage_depth(coverages: Sequence[Sequence[tuple[int, int]]], length: int,
                   ) -> list[tuple[int, int, int]]:
    """(start, end, depth) for each run of the text's `length` characters over which the number
    of `coverages` (one per annotator, from `coverage`) that cover it is constant."""
    delta: Counter[int] = Counter()
    for ranges in coverages:
        for start, end in ranges:
            delta[start] += 1
            delta[end] -= 1
    points = sorted({0, length, *delta})
    runs = []
    depth = 0
    for here, there in zip(points, points[1:]):
        depth += delta[here]
        if there > here:
            runs.append((here, there, depth))
    return runs


class OffsetMap:
    """Converts code-point offsets of one text to and from UTF-16 code units and UTF-8 bytes."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Code-point positions of the characters outside the BMP (two UTF-16 units each).
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_utf16(self, offset: int) -> int:
        """UTF-16 code-unit offset of code-point `offset` (what a browser's JavaScript counts)."""
        self._check(offset, len(self.text))
        return offset + bisect_right(self._astral, offset - 1)

    def from_utf16(self, unit: int) -> int:
        """Code-point offset of UTF-16 `unit`; a unit inside a surrogate pair is an error."""
        low, high = 0, len(self.text)
        while low < high:
            mid = (low + high) // 2
            if self.to_utf16(mid) < unit:
                low = mid + 1
            else:
                high = mid
        if self.to_utf16(low) != unit:
            raise SpanError(f"UTF-16 offset {unit} falls inside a surrogate pair")
        return low

    def to_utf8(self, offset: int) -> int:
        """UTF-8 byte offset of code-point `offset`."""
        self._check(offset, len(self.text))
        return len(self.text[:offset].encode("utf-8"))

    def span_to_utf16(self, span: Span) -> tuple[int, int]:
        """A span's (start, end) in UTF-16 code units."""
        return self.to_utf16(span.start), self.to_utf16(span.end)

    def span_from_utf16(self, start: int, end: int, label: str) -> Span:
        """A Span from (start, end) given in UTF-16 code units."""
        return Span(self.from_utf16(start), self.from_utf16(end), label)

    @staticmethod
    def _check(offset: int, length: int) -> None:
        if not 0 <= offset <= length:
            raise SpanError(f"offset {offset} out of range 0..{length}")


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], mode: str = "exact",
                min_share: float = 0.0) -> list[tuple[int, int]]:
    """Pair spans one-to-one: (gold index, predicted index) for every match.

    `exact`: same start, end and label. `overlap`: same label and at least one shared character
    (with `min_share`, the shared characters must also make up at least that fraction of the
    shorter span); pairs with the largest overlap are taken first, each span used at most once.
    """
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown match mode {mode!r} (allowed: exact, overlap)")
    by_label: dict[str, list[int]] = {}
    for p, predicted_span in enumerate(predicted):
        by_label.setdefault(predicted_span.label, []).append(p)
    candidates = []
    for g, gold_span in enumerate(gold):
        for p in by_label.get(gold_span.label, ()):
            predicted_span = predicted[p]
            if mode == "exact":
                if gold_span == predicted_span:
                    candidates.append((-len(gold_span), g, p))
            else:
                shared = gold_span.overlap_length(predicted_span)
                if shared and shared >= min_share * min(len(gold_span), len(predicted_span)):
                    candidates.append((-shared, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)
