"""The shortcuts that make suggesting fast give exactly what the slow, obvious way gives: the
trigger scan equals each regex's own finditer (also for repeats, case equivalents, other
whitespace and case-sensitive rules), SentenceStarts equals running spaCy's sentencizer, the
sentence and clause cuts equal one combined scan, the linear-time Chinese Doc equals spaCy's own,
and a token rule that asks for sentence starts still gets the whole pipeline."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.suggest import Suggester, get_pipeline, load_rules, pattern_paths, trigger
from toolkit.suggest.extents import Layout
from toolkit.suggest.pipeline import WHITESPACE_RUN, SentenceStarts, make_doc
from toolkit.suggest.trigger import EXTRA_CASES, Search, TriggeredPatterns, literal_prefixes

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PTC = CORPUS / "ptc" / "articles"

NOCASE = re.IGNORECASE
TRICKY = [  # (pattern, flags): repeats, optional parts, classes, boundaries, case, whitespace
    (r"x+y", NOCASE), (r"(?:ab)+c", NOCASE), (r"a{2}b", NOCASE), (r"x*y", NOCASE),
    (r"q?rs", NOCASE), (r"\bsome\s+people\b", NOCASE), (r"\bthe\s(?:only|real)\s+reason", NOCASE),
    (r"is\b", NOCASE), (r"\bis", NOCASE), (r"(?<![\w,])not\s", NOCASE), (r"[“\"]\w{2}", NOCASE),
    (r"σ+", NOCASE), (r"#[A-Z]\w+", 0), (r"Kelvin", 0), (r"[İi]stanbul", NOCASE),
    (r"\b\.\.\.", NOCASE), (r"(\w)\1x", NOCASE), (r"(?i:AB)c", 0), (r"业内人士|业内", NOCASE),
    (r"\s\s+", NOCASE), (r"\bfoo", NOCASE | re.ASCII), (r"(?a:\bbar)", NOCASE),
    # syntax the regex reader (regex_syntax.py) must get right, or give up on
    (r"x{,2}y", NOCASE), (r"x{}y", NOCASE), (r"a{1,}?b", NOCASE), (r"(?P<w>ab)(?P=w)", NOCASE),
    (r"(?#note)ab", NOCASE), (r"(?>ab|a)c", NOCASE), (r"(?-i:AB)c", NOCASE), (r"(?i)ab", 0),
    (r"[]x]y", NOCASE), (r"[^x]y", NOCASE), (r"[a-c]y", NOCASE), (r"[\]\-x]", NOCASE),
    (r"\x41b|\u4e1a内", NOCASE), (r"\N{BULLET}x", NOCASE), (r"(?=ab)a|c(?!x)", NOCASE),
    (r"(?<=x)y|(?<!q)rs", NOCASE), (r"a|b|", NOCASE), (r"\.\*\?", NOCASE), (r"ab*+c", NOCASE),
    (r"(x)?(?(1)y|z)", NOCASE), (r"\Aab|x\Z", NOCASE), (r"[\b]x", NOCASE), (r"\\ab", NOCASE),
    # one-character starts, scanned from their first occurrence: look-behinds and `\b` there
    # still see the text before it; ſ and K (Kelvin) fold to s and k
    (r"(?<![\w&])#\w+", NOCASE), (r"(?<=ab)c+", NOCASE), (r"\bs\w", NOCASE), (r"[k“]\w", NOCASE),
    (r"^[#?]", NOCASE | re.MULTILINE),
    # what comes before is no word character: a `\b` before a word character, nothing before
    # any other; not under re.ASCII (é is a word character only for Unicode)
    (r"^some", NOCASE | re.MULTILINE), (r"(?:^|(?<=[.?]\s)|(?<=[.?]\s\s))the", NOCASE),
    (r"(?<=\.)x|(?<![\w,])ıs", NOCASE), (r"\Ais|^“\w", NOCASE), (r"(?<!\w)(?:é|\sx)", NOCASE),
    (r"(?<![\w&])\bab|(?<=\.|,)c", NOCASE), (r"(?<!\w)é", NOCASE | re.ASCII),
    (r"(?a:(?<!\w))é", NOCASE), (r"(?<=x\b)y|(?<=a\s)y", NOCASE), (r"^[İi]stanbul|^İs", NOCASE),
]
ALPHABET = ["x", "y", "ab", "c", "aab", "q", "rs", "some", "SOME", "ſome", "people", " ", "\t",
            "\n", "\u00a0", "the", "THE", "only", "real", "reason", "is", "ıs", "IS", "not",
            ",", "“", "\"", "σ", "Σ", "ς", "ΟΔΟΣ", "#", "Tag", "tag", "Kelvin", "KELVIN",
            "\u212aelvin",
            "İstanbul", "istanbul", "...", "xx", "AB", "ab", "业内人士", "业内", "说", "😀", "ǅ",
            "foo", "bar", "é", "_", "A", "B", "Ab", "]", "-", "\\", "{}", "•", "*?", ".", "&",
            "#x", "abc", "?", "ſ"]
texts = st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join)


def expected_matches(patterns, text):
    return sorted((key, m.start(), m.end()) for key, p in patterns
                  for m in p.finditer(text) if m.end() > m.start())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_trigger_equals_finditer_on_tricky_patterns(text):
    patterns = [(i, re.compile(p, f)) for i, (p, f) in enumerate(TRICKY)]
    assert sorted(TriggeredPatterns(patterns).finditer(text)) == expected_matches(patterns, text)
    with mock.patch.object(trigger, "FIRSTS_PER_TRIGGER", 3):  # many triggers, stops merged
        split = TriggeredPatterns(patterns)
    assert len(split.triggers) > 3
    assert sorted(split.finditer(text)) == expected_matches(patterns, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=60))
def test_a_scan_from_a_place_equals_finditer_from_there(text, start, before):
    """From `start`, as `finditer(text, start)` (the text before it still seen by look-behinds
    and `\\b`), only the matches starting before `before` (which may reach past it), and one
    pattern's `Search`, empty matches included, for evidence."""
    patterns = [(i, re.compile(p, f)) for i, (p, f) in enumerate(TRICKY)]
    expected = sorted((key, m.start(), m.end()) for key, p in patterns
                      for m in p.finditer(text, start) if m.end() > m.start())
    assert sorted(TriggeredPatterns(patterns).finditer(text, start=start)) == expected
    assert sorted(TriggeredPatterns(patterns).finditer(text, before, start=start)) == [
        item for item in expected if item[1] < before]
    for _, pattern in patterns:
        assert list(Search(pattern).spans(text, start)) == [
            (m.start(), m.end()) for m in pattern.finditer(text, start)]


def test_prefixes_reach_past_groups_but_never_past_a_repeat():
    assert literal_prefixes(re.compile(r"\bthe (?:only|real) reason", re.IGNORECASE)) == {
        ("the only reason", True), ("the real reason", True)}
    assert literal_prefixes(re.compile(r"x+y", re.IGNORECASE)) == {("x", False)}
    assert literal_prefixes(re.compile(r"(?:ab)+c", re.IGNORECASE)) == {("ab", False)}
    assert literal_prefixes(re.compile(r"a\s+b", re.IGNORECASE)) == {("a ", False)}
    assert literal_prefixes(re.compile(r"\w+q", re.IGNORECASE)) is None


def test_what_comes_before_no_word_character_is_a_boundary_before_a_word_character():
    for pattern in (r"^ab", r"\Aab", r"(?<!\w)ab", r"(?<![\w,])ab", r"(?<=[.!?]\s)ab",
                    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))ab", r"(?<=\.|,)ab"):
        assert literal_prefixes(re.compile(pattern, re.I | re.M)) == {("ab", True)}, pattern
    for pattern in (r"^“ab", r"(?<=a)ab", r"(?<![^\w])ab", r"(?<!\W)ab", r"(?<=\.|b)ab",
                    r"(?a:^)ab", r"(?<![\\]w])ab"):
        assert literal_prefixes(re.compile(pattern, re.I | re.M)) in ({("ab", False)},
                                                                    {("“ab", False)}), pattern
    assert literal_prefixes(re.compile(r"^ab", re.I | re.ASCII)) == {("ab", False)}


def test_the_regex_reader_gives_up_rather_than_guess():
    assert literal_prefixes(re.compile(r"(?x) a b")) is None           # verbose: not read
    assert literal_prefixes(re.compile(r"(?i)ab")) is None             # whole-pattern flags
    assert literal_prefixes(re.compile(r"(x)?(?(1)y|z)")) is None      # a conditional group
    assert literal_prefixes(re.compile(r"[a-c]y")) is None             # a range: anything
    assert literal_prefixes(re.compile(r"\x41b|\u4e1a内", re.I)) == {("ab", False), ("业内", False)}
    assert literal_prefixes(re.compile(r"(?P<w>ab)(?P=w)c", re.I)) == {("ab", False)}
    assert literal_prefixes(re.compile(r"x{,2}y", re.I)) == {("x", False), ("y", False)}


def test_the_case_table_is_what_re_does():
    # every pair of distinct lower-case characters a case-insensitive regex treats alike beyond
    # lower-casing, found from public behaviour over all of Unicode; must equal EXTRA_CASES
    groups: dict[str, list[str]] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.lower() == char and char.upper() != char:
            groups.setdefault(char.upper(), []).append(char)
    found: dict[int, set[int]] = {}
    for same in groups.values():
        for a in same:
            for b in same:
                if a != b and re.fullmatch(re.escape(a), b, re.IGNORECASE):
                    found.setdefault(ord(a), set()).add(ord(b))
    assert found == {key: set(value) for key, value in EXTRA_CASES.items()}


def test_case_sensitive_rules_are_triggered_too():
    scanner = TriggeredPatterns([("tag", re.compile(r"(?<![\w&])#[A-Za-z]\w{2,}")),
                                 ("mr", re.compile(r"\bMr\. [A-Z]\w+"))])
    assert [key for key, _ in scanner.fallback] == ["tag"]  # one character: re scans for it
    assert list(scanner.finditer("say #Hello and #hi, not a&#Bad to mr. Ray or Mr. Ray")) == [
        ("tag", 4, 10), ("mr", 45, 52)]


def test_every_built_in_rule_matches_as_its_own_finditer_on_real_articles(suggesters):
    articles = [p.read_text(encoding="utf-8") for p in sorted(PTC.glob("*.txt"))[:40]]
    for lang, text in [*(("en", a) for a in articles), ("zh", "。".join(articles[:3]))]:
        scanners = (suggesters[lang]._scanner, suggesters[lang]._headline_scanner)
        patterns = [(r.id, p) for r, p in suggesters[lang]._regexes]
        got = sorted((k.id, s, e) for scanner in scanners for k, s, e in scanner.finditer(text))
        assert got == expected_matches(patterns, text)
        # only the matches starting before a point, when asked (headline rules)
        cut = len(text) // 3
        assert sorted((k.id, s, e) for scanner in scanners
                      for k, s, e in scanner.finditer(text, cut)) == [
            m for m in expected_matches(patterns, text) if m[1] < cut]


def token_table(doc):
    return [(token.text, token.whitespace_, token.idx) for token in doc]


def test_whitespace_runs_are_what_str_isspace_calls_whitespace():
    """The fast Chinese Doc cuts at `\\s`; spaCy's alignment at `str.isspace`/`str.split`."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (WHITESPACE_RUN.fullmatch(char) is not None) == char.isspace(), hex(code)


ZH_DOC_BITS = ["中", "文", "a", "Ab", "。", "，", "“", "😀", " ", "  ", "\n", "\n\n", "\t", "\r\n",
               "\u3000", "\xa0", "\u2028", " \n ", "\x1c", "\x85"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ZH_DOC_BITS), max_size=30).map("".join))
def test_linear_chinese_doc_equals_spacys(text):
    nlp = get_pipeline("zh")
    assert token_table(make_doc(nlp, text)) == token_table(nlp.make_doc(text))


def test_linear_chinese_doc_equals_spacys_on_real_articles():
    from toolkit.corpus import read_jsonl

    nlp = get_pipeline("zh")
    texts = [d.text for d in read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")]
    texts.append((CORPUS / "seed" / "chip-ban-article.zh.txt").read_text(encoding="utf-8"))
    for text in texts:
        assert token_table(make_doc(nlp, text)) == token_table(nlp.make_doc(text))


def test_other_pipelines_make_their_own_docs():
    nlp = get_pipeline("en")
    text = "Officials said so.  Really?\n"
    assert token_table(make_doc(nlp, text)) == token_table(nlp.make_doc(text))


SENTENCE_BITS = ["Hello", "world", ".", "!", "?", "...", "\"", "'", ")", "(", "“", "”", " ",
                 "  ", "\n", "\n\n", "Mr.", "U.S.", "3.5", "e.g.", "-", "—", ",", ";", ":", "。",
                 "！", "？", "‼", "😀", "#tag", "x", "A", "i"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCE_BITS), max_size=40).map("".join))
def test_sentence_starts_equal_the_sentencizer(text):
    nlp = get_pipeline("en")
    assert SentenceStarts(nlp)(nlp.make_doc(text)) == sentencizer_starts(nlp, text)


def test_sentence_starts_equal_the_sentencizer_on_real_articles():
    nlp = get_pipeline("en")
    starts = SentenceStarts(nlp)
    for path in sorted(PTC.glob("*.txt"))[:60]:
        text = path.read_text(encoding="utf-8")
        assert starts(nlp.make_doc(text)) == sentencizer_starts(nlp, text), path.name


def sentencizer_starts(nlp, text):
    doc = nlp(text)
    return [token.idx for token in doc if token.is_sent_start]


CUT_BITS = ["。", "！", "？", "!", "?", "；", ";", "…", "”", "’", "\"", "」", "』", "）", ")", "\n",
            "，", ",", "：", ":", "—", "中", "文", "a", " ", "“"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUT_BITS), max_size=40).map("".join))
def test_chinese_cuts_equal_one_combined_scan(text):
    combined = re.compile(r"(?P<sentence>[。！？!?；;…]+[”’\"」』）)]*|\n)|[，,：:—]+")
    sentences, clauses = [0], [0]
    for match in combined.finditer(text):
        clauses.append(match.end())
        if match.lastgroup == "sentence":
            sentences.append(match.end())
    for cuts in (sentences, clauses):
        if cuts[-1] != len(text):
            cuts.append(len(text))
    layout = Layout(text, "zh")
    assert (layout.sentence_cuts, layout.clause_cuts) == (sentences, clauses)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CUT_BITS), max_size=40).map("".join))
def test_english_clause_cuts_equal_one_combined_scan(text):
    combined = re.compile(r"[，,：:；;—]+|[。！？!?]+[”’\"」』）)]*|\n")
    found = {m.end() for m in re.finditer(r"\n", text)} | {0}
    clauses = sorted(found.union(m.end() for m in combined.finditer(text)))
    if clauses[-1] != len(text):
        clauses.append(len(text))
    assert Layout(text, "en").clause_cuts == clauses


@pytest.fixture()
def sentence_rule(tmp_path, catalogue):
    path = tmp_path / "mine.yaml"
    path.write_text("""\
rules:
  - id: my-clearly
    device: LOADED_LANGUAGE
    lang: en
    reason: A sentence that opens with 'clearly' asserts instead of showing
    tokens:
      - [{IS_SENT_START: true, LOWER: clearly}]
""", encoding="utf-8")
    return load_rules(pattern_paths([path]), catalogue.unknown_label_message)


def test_a_token_rule_on_sentence_starts_gets_the_whole_pipeline(sentence_rule):
    suggester = Suggester(sentence_rule, "en", devices=["LOADED_LANGUAGE"])
    text = "Clearly this works. It clearly does. Clearly!"
    found = [(s.start, s.end) for s in suggester.suggest(text) if s.rule == "my-clearly"]
    assert found == [(0, 7), (37, 44)]


class PlainSuggester(Suggester):
    """The same rules run the slow, obvious way: spaCy's own Doc and every regex's own finditer
    (headline rules only where their match starts in the headline; evidence too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for search in self._searches.values():
            search._scanner = None  # the pattern's own finditer

    def tokenise(self, text):
        return self.nlp(text) if self._run_pipeline else self.nlp.make_doc(text)

    def matches(self, doc, text, headline=None, folded=None):
        found = [(self._by_hash[key], doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
                 for matcher in self._matchers for key, first, last in matcher(doc)]
        for rule, pattern in self._regexes:
            headline_rule = rule.where == "headline" and not self.keywords_only
            for match in pattern.finditer(text):
                if match.end() == match.start():
                    continue
                if not headline_rule or (headline is not None
                                         and headline[0] <= match.start() < headline[1]):
                    found.append((rule, match.start(), match.end()))
        return found


def real_articles():
    from toolkit.corpus import read_jsonl
    from toolkit.formats.text import import_text

    zh = [(d.text, d.meta.get("title")) for d in read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")]
    zh += [(d.text, None) for d in import_text([CORPUS / "seed" / "chip-ban-article.zh.txt"])]
    en = [(p.read_text(encoding="utf-8"), None) for p in sorted(PTC.glob("*.txt"))[:80]]
    return {"zh": zh, "en": en}


def test_fast_suggester_equals_the_plain_one_on_real_articles(rules):
    """Every shortcut together (the linear-time Chinese Doc, the trigger, fallback scans from
    their first character, one lower-cased text for both scanners, evidence searched through
    a trigger) changes no suggestion."""
    for lang, articles in real_articles().items():
        fast, plain = Suggester(rules, lang), PlainSuggester(rules, lang)
        assert fast._scanner.fallback and fast._scanner.triggers  # both paths run
        assert lang == "en" or any(search._scanner for search in fast._searches.values())
        made = 0
        for text, title in articles:
            title = title if isinstance(title, str) else None
            found = fast.suggest(text, title)
            assert found == plain.suggest(text, title), text[:40]
            made += len(found)
        assert made > len(articles)  # the comparison covers many suggestions, not empty lists
