"""Span invariants, parsing of both doccano label forms, and offset conversions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.spans import (OffsetMap, Span, SpanError, find_duplicates, match_spans, parse_label,
                           sort_spans)


def test_span_basics() -> None:
    span = Span(2, 5, "SLOGAN")
    assert len(span) == 3
    assert span.text_of("不求弯道超车") == "弯道超"
    assert span.to_doccano() == [2, 5, "SLOGAN"]


@pytest.mark.parametrize("start, end, message", [
    (5, 2, "start 5 is after end 2 (a span is [start, end) with start < end)"),
    (3, 3, "empty span 3-3 (a span needs start < end)"),
    (-1, 3, "start -1 is negative (offsets count from 0)"),
    (1.5, 3, "start must be an integer, got 1.5"),
    (1, "3", "end must be an integer, got '3'"),
    (True, 3, "start must be an integer, got True"),
])
def test_bad_spans(start: object, end: object, message: str) -> None:
    with pytest.raises(SpanError) as info:
        Span(start, end, "X")  # type: ignore[arg-type]
    assert str(info.value) == message


def test_check_within() -> None:
    Span(0, 4, "X").check_within(4)
    with pytest.raises(SpanError) as info:
        Span(10, 400, "X").check_within(46)
    assert str(info.value) == ("offsets 10-400 out of range for text of length 46 "
                               "(allowed 0 <= start < end <= 46)")


def test_parse_both_label_forms() -> None:
    assert parse_label([1, 4, "SLOGAN"]) == Span(1, 4, "SLOGAN")
    assert parse_label({"start_offset": 1, "end_offset": 4, "label": "SLOGAN"}) == \
        Span(1, 4, "SLOGAN")


@pytest.mark.parametrize("item, message", [
    ([1, 2], 'a label must be [start, end, "LABEL"] with 3 items, got 2 item(s)'),
    ({"start_offset": 1, "label": "X"}, "a label object needs start_offset, end_offset and "
                                        "label; missing end_offset"),
    ("1-2", 'a label must be [start, end, "LABEL"] or {"start_offset": ..., "end_offset": ..., '
            '"label": ...}, got str'),
    ([1, 2, 3], "label must be a string, got 3"),
])
def test_parse_label_errors(item: object, message: str) -> None:
    with pytest.raises(SpanError) as info:
        parse_label(item)
    assert str(info.value) == message


def test_overlap_and_containment() -> None:
    outer, inner, cross, apart = Span(0, 10, "A"), Span(2, 4, "B"), Span(8, 12, "C"), Span(10, 11, "D")
    assert outer.overlaps(inner) and outer.contains(inner) and not inner.contains(outer)
    assert outer.overlaps(cross) and outer.overlap_length(cross) == 2
    assert not outer.overlaps(apart) and outer.overlap_length(apart) == 0


def test_sort_and_duplicates() -> None:
    spans = [Span(5, 6, "B"), Span(1, 3, "A"), Span(5, 6, "B"), Span(1, 2, "A")]
    assert sort_spans(spans) == [Span(1, 2, "A"), Span(1, 3, "A"), Span(5, 6, "B"), Span(5, 6, "B")]
    assert find_duplicates(spans) == [(0, 2)]


def test_utf16_offsets_with_astral_characters() -> None:
    text = "芯片😀禁令👨‍👩‍👧end"
    mapping = OffsetMap(text)
    # Every code-point offset maps to the UTF-16 length of the prefix, and back.
    for offset in range(len(text) + 1):
        units = len(text[:offset].encode("utf-16-le")) // 2
        assert mapping.to_utf16(offset) == units
        assert mapping.from_utf16(units) == offset
    with pytest.raises(SpanError):
        mapping.from_utf16(3)  # the middle of 😀's surrogate pair
    assert mapping.to_utf8(2) == 6


@given(st.text(), st.data())
def test_utf16_round_trip_property(text: str, data: st.DataObject) -> None:
    mapping = OffsetMap(text)
    offset = data.draw(st.integers(0, len(text)))
    assert mapping.from_utf16(mapping.to_utf16(offset)) == offset
    assert mapping.to_utf16(offset) == len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


def test_match_spans_exact_and_overlap() -> None:
    gold = [Span(0, 5, "A"), Span(10, 20, "A"), Span(30, 35, "B")]
    pred = [Span(0, 5, "A"), Span(12, 18, "A"), Span(14, 25, "A"), Span(30, 35, "C")]
    assert match_spans(gold, pred, "exact") == [(0, 0)]
    # the larger overlap wins; a gold span is matched once; labels must agree
    assert match_spans(gold, pred, "overlap") == [(0, 0), (1, 1)]
    with pytest.raises(ValueError):
        match_spans(gold, pred, "fuzzy")


def test_match_spans_handles_duplicates_one_to_one() -> None:
    gold = [Span(0, 5, "A"), Span(0, 5, "A")]
    assert match_spans(gold, [Span(0, 5, "A")], "exact") == [(0, 0)]


def test_match_spans_min_share() -> None:
    key = [Span(10, 14, "A")]
    assert match_spans(key, [Span(12, 40, "A")], "overlap", min_share=0.5) == [(0, 0)]  # 2 of 4
    assert match_spans(key, [Span(13, 40, "A")], "overlap", min_share=0.5) == []  # 1 of 4
    assert match_spans(key, [Span(13, 40, "A")], "overlap") == [(0, 0)]


# --- the shared operations on sets of spans (evaluation, agreement, scoring) -----------------

from toolkit.spans import by_label, count_hit, coverage, coverage_depth, f1, overlap_chains, rate


def test_one_convention_for_rates() -> None:
    assert rate(1, 4) == 0.25
    assert rate(0, 0) is None            # precision when nothing was predicted: undefined
    assert f1(None, None) is None        # nothing due, nothing predicted
    assert f1(None, 0.0) == 0.0          # due and nothing predicted
    assert f1(0.0, None) == 0.0          # predicted where nothing was due
    assert f1(0.5, 1.0) == 2 * 0.5 / 1.5


def test_evaluation_and_scoring_follow_the_same_convention() -> None:
    from toolkit.agreement.scoring import Credit
    from toolkit.evaluation import Score

    nothing_predicted = Score("X", gold=2, predicted=0, found=0, correct=0)
    nothing_tagged = Credit(credit=0.0, key=2, tagged=0.0)
    assert nothing_predicted.precision is None and nothing_tagged.precision is None
    assert nothing_predicted.f1 == nothing_tagged.f1 == 0.0
    empty = Score("X", 0, 0, 0, 0), Credit()
    assert all(item.f1 is None for item in empty)


def test_coverage_merges_nested_and_touching_spans() -> None:
    spans = [Span(0, 5, "A"), Span(2, 3, "A"), Span(5, 8, "A"), Span(10, 12, "A"), Span(0, 20, "B")]
    assert coverage(spans, "A") == [(0, 8), (10, 12)]
    assert coverage(spans) == [(0, 20)]


def test_coverage_depth_counts_annotators_not_spans() -> None:
    one = coverage([Span(0, 4, "A"), Span(1, 3, "A")])   # nested spans of one annotator count once
    two = coverage([Span(2, 6, "A")])
    assert coverage_depth([one, two], 8) == [(0, 2, 1), (2, 4, 2), (4, 6, 1), (6, 8, 0)]


def test_overlap_chains_join_through_a_third_span() -> None:
    items = [(Span(0, 3, "A"), "x"), (Span(5, 9, "A"), "y"), (Span(2, 6, "A"), "z"),
             (Span(20, 22, "A"), "x"), (Span(1, 2, "B"), "y")]
    groups = overlap_chains(items)
    assert [[owner for _, owner in group] for group in groups] == [["x", "z", "y"], ["x"], ["y"]]


def test_count_hit_exact_and_overlap() -> None:
    gold = [Span(0, 4, "A"), Span(10, 14, "A")]
    probes = [Span(0, 4, "A"), Span(13, 20, "A")]
    assert count_hit(gold, probes, "exact") == 1
    assert count_hit(gold, probes, "overlap") == 2
    assert by_label(gold + [Span(1, 2, "B")])["B"] == [Span(1, 2, "B")]
