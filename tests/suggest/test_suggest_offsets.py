"""Properties: every suggestion lies inside the text and is exactly text[start:end] with no
drift (indentation, mixed punctuation, characters outside the BMP); the one-scan trigger finds
exactly what each rule's own finditer finds."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.suggest import Suggester
from toolkit.suggest.trigger import TriggeredPatterns

FRAGMENTS = [
    "不少人认为", "据业内人士透露", "一位不愿透露姓名的高管", "说：", "“", "”", "？", "?", "！", "!",
    "，", ",", "。", "：", ": ", "\n", "\n\n", "    ", "\t", " ", "😀", "𠀋", "必将", "至少要慢一倍",
    "不求", "但求", "从", "到", "在竞争中", "让我们", "要么", "谁", "谁就", "如果", "就会被淘汰",
    "中国", "AI", "Experts believe", "some say", "never", "always", "Let us", "either we", " or ",
    "If we", " will be wiped out", "patriot", "so-called", "#Hashtag", "\"", "'", "Who would ",
    "a senior official said", "İstanbul", "ǅ", "ﬀ", "the ", "x", "abc", "Q: ", "A: ", "问：",
]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_suggestions_lie_inside_the_text_and_are_trimmed(suggesters, text):
    for lang in ("zh", "en"):
        for s in suggesters[lang].suggest(text):
            assert 0 <= s.start < s.end <= len(text)
            piece = text[s.start:s.end]
            assert piece == piece.strip() and piece
            assert s.span.text_of(text) == piece


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_keyword_suggestions_equal_the_phrase_matched(rules, text):
    for lang in ("zh", "en"):
        baseline = Suggester(rules, lang, keywords_only=True)
        phrases = {r.id: {p.lower() for p in r.pattern} for r in baseline.rules
                   if r.kind == "phrases"}
        for s in baseline.suggest(text):
            assert text[s.start:s.end].lower() in phrases[s.rule]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_trigger_finds_exactly_what_finditer_finds(suggesters, text):
    for lang in ("zh", "en"):
        for scanner in (suggesters[lang]._scanner, suggesters[lang]._headline_scanner):
            patterns = [*scanner.fallback, *{id(p): (k, p) for group in scanner.by_char.values()
                                             for k, p in group}.values()]
            expected = sorted((k.id, m.start(), m.end()) for k, p in patterns
                              for m in p.finditer(text) if m.end() > m.start())
            got = sorted((k.id, s, e) for k, s, e in scanner.finditer(text))
            assert got == expected


def test_trigger_keeps_overlapping_and_boundary_matches():
    patterns = [("a", re.compile(r"\bab", re.I)), ("b", re.compile(r"bc", re.I)),
                ("c", re.compile(r"(?:x|y)?z+", re.I)), ("d", re.compile(r"\w+q", re.I))]
    scanner = TriggeredPatterns(patterns)
    assert [k for k, _ in scanner.fallback] == ["d"]
    text = "Abc zab xzz yz Q"
    got = sorted(scanner.finditer(text))
    expected = sorted((k, m.start(), m.end()) for k, p in patterns for m in p.finditer(text))
    assert got == expected


def test_indented_and_mixed_punctuation_offsets(suggesters):
    text = "  标题\n\n    不少人认为,这次调价只是开始!\n\t有专家指出:价格还会涨?"
    found = {(text[s.start:s.end], s.label) for s in suggesters["zh"].suggest(text)}
    assert ("不少人认为,这次调价只是开始!", "VAGUE_ATTRIBUTION") in found
    assert ("有专家指出:价格还会涨?", "VAGUE_ATTRIBUTION") in found
    assert ("价格还会涨?", "RHETORICAL_QUESTION") in found
