"""Rule files: the built-in ones load, a teacher's own file extends them, and every mistake is
reported with its file, line and what is allowed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from toolkit.errors import InvalidInputError
from toolkit.suggest import Suggester, builtin_paths, load_rules, pattern_paths


def messages(exc: InvalidInputError, tmp_path: Path) -> list[str]:
    return [str(p).replace(str(tmp_path) + os.sep, "") for p in exc.problems]


def write(tmp_path: Path, body: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_builtin_files_one_per_family_cover_both_languages(rules, catalogue):
    names = {p.stem for p in builtin_paths()}
    assert names <= {*catalogue.families, "lexicon"}  # lexicon.yaml: shared fragments only
    by_family: dict[str, set[str]] = {}
    for rule in rules:
        family = catalogue.devices[rule.device].family
        assert Path(rule.source.rpartition(":")[0]).stem == family, rule.id
        by_family.setdefault(family, set()).add(rule.lang)
    assert all(langs == {"zh", "en"} for langs in by_family.values()), by_family


def test_a_teachers_file_adds_rules(tmp_path, catalogue):
    path = write(tmp_path, """\
rules:
  - id: my-vague
    device: VAGUE_ATTRIBUTION
    lang: zh
    reason: 小道消息的说法
    phrases: [小道消息]
    span: to_sentence_end
""")
    rules = load_rules(pattern_paths([tmp_path]), catalogue.unknown_label_message)
    assert rules[-1].id == "my-vague" and rules[-1].source == f"{path}:2"
    found = Suggester(rules, "zh", devices=["VAGUE_ATTRIBUTION"]).suggest("小道消息，车站要搬走。")
    assert [(s.rule, s.start, s.end) for s in found] == [("my-vague", 0, 10)]


def test_every_problem_is_reported_with_file_and_line(tmp_path, catalogue):
    write(tmp_path, """\
family: mine
colour: red
rules:
  - id: Bad Id
    device: SLOGANS
    lang: fr
    reason: "two\\nlines"
    phrases: [a]
    regex: 'b'
  - id: no-tell
    device: SLOGAN
    lang: en
    reason: r
  - id: bad-regex
    device: SLOGAN
    lang: en
    reason: r
    regex: '(unclosed'
    span: everything
  - id: empty-regex
    device: SLOGAN
    lang: en
    reason: r
    regex: 'x*'
    unless: '['
  - id: bad-phrases
    device: SLOGAN
    lang: zh
    reason: r
    phrases: []
  - not a mapping
""")
    with pytest.raises(InvalidInputError) as info:
        load_rules([tmp_path / "mine.yaml"], catalogue.unknown_label_message)
    assert messages(info.value, tmp_path) == [
        "mine.yaml:1: unknown top-level key(s) colour (allowed: family, define, rules)",
        "mine.yaml:4: rule Bad Id: id must be lower-case letters, digits, '-', '_' or '.', got 'Bad Id'",
        "mine.yaml:4: rule Bad Id: needs exactly one of phrases, regex, tokens (found phrases, regex)",
        "mine.yaml:4: rule Bad Id: lang 'fr' is not allowed (allowed: zh, en)",
        "mine.yaml:4: rule Bad Id: unknown device 'SLOGANS' — did you mean SLOGAN?",
        "mine.yaml:4: rule Bad Id: reason must be one line of text",
        "mine.yaml:10: rule no-tell: needs exactly one of phrases, regex, tokens (found none)",
        "mine.yaml:14: rule bad-regex: span 'everything' is not allowed (allowed: match, clause, "
        "sentence, to_sentence_end, question, quote, paragraph)",
        "mine.yaml:14: rule bad-regex: regex: invalid regular expression: missing ), unterminated "
        "subpattern at position 0",
        "mine.yaml:20: rule empty-regex: unless: invalid regular expression: unterminated "
        "character set at position 0",
        "mine.yaml:20: rule empty-regex: regex: the regular expression matches the empty string",
        "mine.yaml:26: rule bad-phrases: phrases: must be a list of one or more non-empty phrases",
        "mine.yaml: a rule must be a mapping with id, device, lang, reason and one of phrases, "
        "regex, tokens",
    ]


def test_duplicate_ids_and_bad_yaml(tmp_path):
    first = write(tmp_path, "rules:\n  - {id: dup, device: SLOGAN, lang: en, reason: r, "
                            "phrases: [x]}\n", "a.yaml")
    second = write(tmp_path, "rules:\n  - {id: dup, device: SLOGAN, lang: en, reason: r, "
                             "phrases: [y]}\n", "b.yaml")
    broken = write(tmp_path, "rules: [\n", "c.yaml")
    with pytest.raises(InvalidInputError) as info:
        load_rules([first, second, broken])
    assert messages(info.value, tmp_path) == [
        "b.yaml:2: rule id 'dup' is already used at a.yaml:2",
        "c.yaml:2: invalid YAML: expected the node content, but found '<stream end>'"]


def test_token_patterns_run_through_spacys_matcher(tmp_path):
    path = write(tmp_path, """\
rules:
  - id: en-folks-say
    device: VAGUE_ATTRIBUTION
    lang: en
    reason: Folks say, without names
    tokens:
      - [{LOWER: folks}, {LOWER: {IN: [say, think]}}]
  - id: en-broken
    device: SLOGAN
    lang: en
    reason: broken pattern
    tokens:
      - [{NOT_AN_ATTR: x}]
""")
    rules = load_rules([path])
    with pytest.raises(InvalidInputError) as info:
        Suggester(rules, "en")
    assert str(info.value.problems[0]).startswith(f"{path}:8: rule en-broken: tokens: ")
    good = Suggester(rules[:1], "en").suggest("Around here folks think the bridge is unsafe.")
    assert [(s.rule, s.start, s.end) for s in good] == [("en-folks-say", 12, 23)]


def test_defined_fragments_are_shared_by_every_file(tmp_path, catalogue):
    lexicon = write(tmp_path, """\
define:
  tea_word: [奶茶, 果茶]
  tea_said: '{tea_word}店员说'
""", "words.yaml")
    rules_file = write(tmp_path, """\
rules:
  - id: my-tea
    device: ANONYMOUS_SOURCE
    lang: zh
    reason: 奶茶店员
    regex: '{tea_said}'
""")
    rules = load_rules([lexicon, rules_file], catalogue.unknown_label_message)
    assert [bool(re.fullmatch(rules[0].pattern, t)) for t in ("奶茶店员说", "果茶店员说", "店员说")] \
        == [True, True, False]
    found = Suggester(rules, "zh").suggest("果茶店员说，这杯最甜。")
    assert [(s.rule, s.start, s.end) for s in found] == [("my-tea", 0, 5)]


def test_fragment_mistakes_are_reported_with_file_and_line(tmp_path):
    write(tmp_path, """\
define:
  good: 'a|b'
  Bad-Name: 'x'
  broken: '(unclosed'
  empty: []
rules:
  - id: uses-unknown
    device: SLOGAN
    lang: en
    reason: r
    regex: '{good}{missing}'
  - id: bad-flag
    device: SLOGAN
    lang: en
    reason: r
    regex: 'x'
    outside_quotes: sometimes
""")
    with pytest.raises(InvalidInputError) as info:
        load_rules([tmp_path / "mine.yaml", write(tmp_path, "define:\n  good: 'c'\n", "b.yaml")])
    assert messages(info.value, tmp_path) == [
        "mine.yaml:3: define: name 'Bad-Name' must be lower-case letters, digits and '_', "
        "starting with a letter",
        "mine.yaml:5: define: empty must be a regular expression or a list of alternatives",
        "b.yaml:2: define: good is already defined at mine.yaml:2",
        "mine.yaml:4: define: broken: invalid regular expression: missing ), unterminated "
        "subpattern at position 0",
        "mine.yaml:7: rule uses-unknown: regex: unknown fragment(s) {missing} (defined: good)",
        "mine.yaml:12: rule bad-flag: outside_quotes must be true or false, got 'sometimes'",
    ]


def test_quoted_and_reported_words_are_not_the_writers(tmp_path):
    path = write(tmp_path, """\
rules:
  - id: q
    device: RHETORICAL_QUESTION
    lang: zh
    reason: 问句
    regex: '[?？]'
    span: question
    outside_quotes: true
    unless_before: '(?:质疑|问)[：:][^“”]*$'
""")
    suggester = Suggester(load_rules([path]), "zh")
    text = ("网友质疑：这也要鉴定吗？真的吗？\n\n他说：“谁会想到呢？”\n\n"
            "我们还要等多久？")
    found = [text[s.start:s.end] for s in suggester.suggest(text)]
    assert found == ["我们还要等多久？"]


def test_a_headline_claim_needs_an_unnamed_echo_in_the_body(tmp_path):
    path = write(tmp_path, """\
rules:
  - id: claim
    device: UNVERIFIED_HEADLINE
    lang: zh
    reason: 标题断言
    regex: '^[^\\n]*[\\u4e00-\\u9fff]{4}'
    where: headline
    span: paragraph
    if_echoed: '知情人士|网传'
""")
    suggester = Suggester(load_rules([path]), "zh")
    echoed = "本市地铁下月停运检修\n\n知情人士称，本市地铁下月停运检修两周。\n"
    plain = "本市地铁下月停运检修\n\n市交通局发布通知：本市地铁下月停运检修两周。\n"
    assert [(s.start, s.end) for s in suggester.suggest(echoed)] == [(0, 10)]
    assert suggester.suggest(plain) == []


def test_fragments_that_grow_without_bound_are_refused(tmp_path):
    lines = ["define:", "  a0: 'xy'"] + [f"  a{i}: '{{a{i - 1}}}{{a{i - 1}}}'" for i in range(1, 20)]
    write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(InvalidInputError) as info:
        load_rules([tmp_path / "mine.yaml"])
    found = messages(info.value, tmp_path)
    assert found[0] == ("mine.yaml:17: define: a15: with its fragments filled in it would be "
                        "327,682 characters long (at most 200,000 allowed)")
    assert found[1:] == [f"mine.yaml:{i + 2}: define: a{i}: uses {{a{i - 1}}}, whose own "
                         "definition has a problem (reported with it)" for i in range(16, 20)]
