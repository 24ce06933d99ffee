"""Lesson specs: every problem reported as PATH:LINE: key: message, notes keyed by quoted text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from handout_support import LESSONS, SAMPLES, write_lesson

from toolkit.corpus import Document
from toolkit.errors import InvalidInputError
from toolkit.handouts import BuildOptions, build_lessons, load_lessons, read_spec
from toolkit.spans import Span

ARTICLE = ("Officials said the plan is final.\n\nAn insider says it will fail. "
           "An insider says it will fail.\n")


def doc(text: str = ARTICLE, **meta: object) -> Document:
    insider = text.index("An insider")
    second = text.index("An insider", insider + 1)
    spans = [Span(insider, insider + 10, "ANONYMOUS_SOURCE"),
             Span(second, second + 10, "ANONYMOUS_SOURCE"),
             Span(0, 14, "VAGUE_ATTRIBUTION")]
    return Document.create(text, spans, doc_id="d1", title="T", **meta)


def problems_of(paths: list[Path], catalogue) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_lessons(paths, catalogue)
    return [str(p) for p in caught.value.problems]


def test_shipped_lessons_validate(catalogue) -> None:
    lessons = {lesson.name: lesson for lesson in load_lessons([LESSONS], catalogue)}
    assert set(lessons) == {"battery-breakthrough", "drone-ban"}
    zh, en = lessons["battery-breakthrough"], lessons["drone-ban"]
    assert zh.document.doc_id.startswith("sample-zh-") and zh.article_language == "zh"
    assert en.document.doc_id.startswith("sample-en-") and en.article_language == "en"
    assert len(zh.notes) == 4 and len(en.notes) == 4
    # the second of two identical REPETITION spans got the note
    repeated = sorted(s for s in zh.spans if zh.document.span_text(s) == "我们不怕")
    assert repeated[1] in zh.notes and repeated[0] not in zh.notes


def test_every_problem_listed_with_key_and_line(tmp_path: Path, catalogue) -> None:
    spec = write_lesson(tmp_path, "bad", [doc()], """\
title: ""
language: fr
annotations: bad.jsonl
colour: blue
focus: [SLOGANS, ANONYMOUS_SOURCE, ANONYMOUS_SOURCE]
line_numbers: 3
notes:
  - quote: An insider
    device: ANONYMOUS_SOURCE
    note: which one?
  - quote: Nobody said this
    device: ANONYMOUS_SOURCE
    note: unmatched
  - quote: An insider
    device: ANONYMOUS_SOURCE
    occurrence: 3
    note: too far
  - quote: Officials said
    device: ANONYMOUS_SOURCE
    note: wrong device
  - quote: An insider
    note: no device
""")
    problems = problems_of([spec], catalogue)
    assert problems == [
        f"{spec}:4: colour: unknown key (allowed: title, language, annotations, document, "
        "annotator, level, duration, objectives, focus, questions, answers, tasks, exit_ticket, "
        "source, comments, notes, line_numbers, marks)",
        f"{spec}:1: title: must be a non-empty text, got an empty text",
        f"{spec}:2: language: 'fr' is not a handout language (allowed: zh, en)",
        f"{spec}:6: line_numbers: must be 1 (every line) or 5 (every fifth line), got 3",
        f"{spec}:21: notes[4].device: missing or empty (a note needs quote, device and note, "
        "or quote, device and as), got nothing",
    ]


def test_resolution_problems(tmp_path: Path, catalogue) -> None:
    spec = write_lesson(tmp_path, "bad", [doc()], """\
title: T
language: en
annotations: bad.jsonl
focus: [SLOGANS, ANONYMOUS_SOURCE, ANONYMOUS_SOURCE]
notes:
  - quote: An insider
    device: ANONYMOUS_SOURCE
    note: which one?
  - quote: Nobody said this
    device: ANONYMOUS_SOURCE
    note: unmatched
  - quote: An insider
    device: ANONYMOUS_SOURCE
    occurrence: 3
    note: too far
  - quote: Officials said
    device: ANONYMOUS_SOURCE
    note: wrong device
  - quote: An insider
    device: ANONYMOUS_SORCE
    note: typo
""")
    assert problems_of([spec], catalogue) == [
        f"{spec}:4: focus: unknown device 'SLOGANS' — did you mean SLOGAN?",
        f"{spec}:4: focus: device(s) listed twice: ANONYMOUS_SOURCE",
        f"{spec}:6: notes[0]: “An insider” is marked ANONYMOUS_SOURCE 2 times; add "
        "occurrence: 1-2 (in reading order)",
        f"{spec}:9: notes[1]: no ANONYMOUS_SOURCE span has the text “Nobody said this” in d1 "
        "(ANONYMOUS_SOURCE spans: “An insider”; “An insider”); quote the span's whole text "
        "exactly",
        f"{spec}:12: notes[2].occurrence: 3 but “An insider” is marked ANONYMOUS_SOURCE only "
        "2 time(s)",
        f"{spec}:16: notes[3]: no ANONYMOUS_SOURCE span has the text “Officials said” in d1 "
        "(that text is marked as VAGUE_ATTRIBUTION); quote the span's whole text exactly",
        f"{spec}:19: notes[4].device: unknown device 'ANONYMOUS_SORCE' — did you mean "
        "ANONYMOUS_SOURCE?",
    ]


def test_notes_follow_text_not_offsets(tmp_path: Path, catalogue) -> None:
    spec_text = ("title: T\nlanguage: en\nannotations: a.jsonl\nnotes:\n"
                 "  - {quote: An insider, device: ANONYMOUS_SOURCE, occurrence: 2, note: N2}\n")
    first = load_lessons([write_lesson(tmp_path / "1", "a", [doc()], spec_text)], catalogue)[0]
    # The article is edited above the spans: every offset moves, the note stays with its span.
    edited = doc("EDITED LEAD PARAGRAPH.\n\n" + ARTICLE)
    second = load_lessons([write_lesson(tmp_path / "2", "a", [edited], spec_text)], catalogue)[0]
    [(span1, note1)] = first.notes.items()
    [(span2, note2)] = second.notes.items()
    assert note1 == note2 == "N2"
    assert span2.start == span1.start + len("EDITED LEAD PARAGRAPH.\n\n")
    assert second.document.span_text(span2) == "An insider"
    assert span2 == max(s for s in second.spans if s.label == "ANONYMOUS_SOURCE")


def test_document_selection_and_annotator(tmp_path: Path, catalogue) -> None:
    folder = tmp_path / "ann"
    two = [doc(), Document.create("Second text here.", [], doc_id="d2")]
    write_lesson(folder, "gold", two, "")
    write_lesson(folder, "alice", two, "")
    spec = tmp_path / "pick.yaml"
    spec.write_text("title: T\nlanguage: en\nannotations: ann\nannotator: bob\n", encoding="utf-8")
    assert problems_of([spec], catalogue) == [
        f"{spec}:4: annotator: no file {folder}/bob.jsonl (annotators in {folder}: alice, gold)"]
    spec.write_text("title: T\nlanguage: en\nannotations: ann\n", encoding="utf-8")
    assert problems_of([spec], catalogue) == [
        f"{spec}:3: document: missing: {folder}/gold.jsonl holds 2 documents; name one by "
        "doc_id (d1, d2) or line number"]
    spec.write_text("title: T\nlanguage: en\nannotations: ann\ndocument: d3\n", encoding="utf-8")
    assert problems_of([spec], catalogue) == [
        f"{spec}:4: document: no document with doc_id 'd3' in {folder}/gold.jsonl "
        "(doc_ids: d1, d2; lines: 1-2)"]
    spec.write_text("title: T\nlanguage: en\nannotations: ann\nannotator: alice\ndocument: 2\n",
                    encoding="utf-8")
    [lesson] = load_lessons([spec], catalogue)
    assert lesson.document.doc_id == "d2" and lesson.annotation_file == folder / "alice.jsonl"
    assert lesson.focus == ()


def test_bad_annotation_file_reported_with_its_lines(tmp_path: Path, catalogue) -> None:
    record = doc().to_json()
    record["label"].append([0, 5, "SLOGANS"])
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n{broken\n", encoding="utf-8")
    spec = tmp_path / "l.yaml"
    spec.write_text("title: T\nlanguage: en\nannotations: a.jsonl\ndocument: d1\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InvalidInputError) as caught:
        build_lessons([spec], catalogue, BuildOptions(out=out))
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/a.jsonl:1: label[3]: unknown device 'SLOGANS' — did you mean SLOGAN?",
        f"{tmp_path}/a.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes "
        "(column 2)",
    ]
    assert not out.exists()


def test_agreement_meta_is_checked(tmp_path: Path, catalogue) -> None:
    spec_text = "title: T\nlanguage: en\nannotations: a.jsonl\n"
    good = doc(agreement=[[0, 14, "VAGUE_ATTRIBUTION", 2.0, 3.0]])
    [lesson] = load_lessons([write_lesson(tmp_path / "g", "a", [good], spec_text)], catalogue)
    assert [(s, a.agreed, a.annotators) for s, a in lesson.agreement.items()] == [
        (Span(0, 14, "VAGUE_ATTRIBUTION"), 2, 3)]
    bad = write_lesson(tmp_path / "b", "a", [doc(agreement=[[0, 14, "X", 4, 3]])], spec_text)
    assert problems_of([bad], catalogue) == [
        f"{bad}:3: annotations: document d1: meta 'agreement'[0] = [0, 14, 'X', 4, 3] is not "
        "[start, end, label, n_agreed, n_annotators] (need 0 <= agreed <= annotators and "
        "annotators >= 1)"]


def test_read_spec_yaml_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    spec, problems = read_spec(path)
    assert spec is None and [str(p) for p in problems] == [
        f"{path}:2: invalid YAML: expected ',' or ']', but got '<stream end>'"]
    path.write_text("- a list\n", encoding="utf-8")
    assert [str(p) for p in read_spec(path)[1]] == [
        f"{path}: a lesson file must be a mapping of keys (title, language, annotations, "
        "document, annotator, level, duration, objectives, focus, questions, answers, tasks, "
        "exit_ticket, source, comments, notes, line_numbers, marks)"]
    assert [str(p) for p in read_spec(tmp_path / "none.yaml")[1]] == [
        f"{tmp_path}/none.yaml: no such file (expected a YAML lesson file)"]


def test_lesson_names_must_not_clash(tmp_path: Path, catalogue) -> None:
    text = f"title: T\nlanguage: en\nannotations: {SAMPLES}\ndocument: sample-en-drone-ban\n"
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.yaml").write_text(text, encoding="utf-8")
    assert problems_of([tmp_path / "a", tmp_path / "b"], catalogue) == [
        f"{tmp_path}/b/same.yaml: lesson name 'same' is also used by {tmp_path}/a/same.yaml "
        "(both would write to the same folder)"]
