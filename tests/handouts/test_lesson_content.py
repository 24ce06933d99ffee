"""What the handouts say: a key that explains each span, the source, tasks, merged PTC classes,
a glossary that does not give the answer away. Real data: the seed article (imported by the
importer, with the teacher's gold spans) and real PTC articles with merged classes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from handout_support import SEED_GOLD, SEED_TEXT, SHARED, write_lesson

from toolkit.corpus import Document
from toolkit.errors import InvalidInputError
from toolkit.formats.ptc import export_ptc, import_ptc
from toolkit.formats.text import import_text
from toolkit.handouts import content, load_lessons
from toolkit.spans import Span

PTC = SHARED / "ptc"
VICHY, DISTRACTIONS = "765385479", "766632016"  # articles with merged-class spans


def imported_seed() -> Document:
    """The seed article as `mlt import text` makes it, with the teacher's gold spans."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    body = import_text([SEED_TEXT])[0]
    return body.with_spans(Span(s, e, label) for s, e, label in gold["label"]
                           if e <= len(body.text))


def lesson_of(folder: Path, catalogue, documents: list[Document], spec: str):
    path = write_lesson(folder, "lesson", documents, spec)
    [lesson] = load_lessons([path], catalogue)
    return lesson


@pytest.fixture(scope="module")
def seed_lesson(tmp_path_factory, catalogue):
    folder = tmp_path_factory.mktemp("seed-content")
    return lesson_of(folder, catalogue, [imported_seed()],
                     "title: 芯片断供文章\nlanguage: zh\nannotations: lesson.jsonl\n"
                     "focus: [ANONYMOUS_SOURCE, VAGUE_ATTRIBUTION, SLOGAN]\n")


# --- the key -------------------------------------------------------------------------------

def test_seed_key_explains_each_span_not_the_device(seed_lesson) -> None:
    rows = [content.explain_span(seed_lesson, span) for span in seed_lesson.spans]
    assert len(rows) >= 50
    texts = [row.text for row in rows]
    assert len(set(texts)) >= 0.8 * len(texts), Counter(texts).most_common(3)
    for span, row in zip(seed_lesson.spans, rows):
        device = seed_lesson.devices[span.label]
        assert row.text.strip() not in (device.definition["zh"], device.why["zh"])
        assert device.definition["zh"] not in row.text
        words = " ".join(seed_lesson.document.span_text(span).split())
        assert content.short_quote(words, "zh").rstrip("…") in row.ask, (span, row.ask)
    loaded = {seed_lesson.document.span_text(s): r.text for s, r in zip(seed_lesson.spans, rows)
              if s.label == "LOADED_LANGUAGE"}
    assert len(loaded) > 10 and len(set(loaded.values())) == len(loaded)  # was: all identical
    again = [r.occurrence for s, r in zip(seed_lesson.spans, rows) if r.occurrence]
    assert all(1 <= n <= total for n, total in again)


def test_repetition_counts_the_words_in_the_article(seed_lesson) -> None:
    span = next(s for s in seed_lesson.spans if s.label == "REPETITION")
    words = seed_lesson.document.span_text(span)
    row = content.explain_span(seed_lesson, span)
    count = seed_lesson.document.text.count(words)
    assert count >= 2 and f"出现了 {count} 次" in row.ask


def test_teacher_note_and_suggester_reason_are_kept(tmp_path, catalogue) -> None:
    text = "Title\n\nExperts say the plan will fail.\n"
    start = text.index("Experts say")
    span = Span(start, start + 11, "VAGUE_ATTRIBUTION")
    doc = Document.create(text, [span], doc_id="d", suggestions=[
        {"start": start, "end": start + 11, "label": "VAGUE_ATTRIBUTION", "rule": "en-experts",
         "reason": "a group of unnamed experts"}])
    lesson = lesson_of(tmp_path, catalogue, [doc],
                       "title: T\nlanguage: en\nannotations: lesson.jsonl\nnotes:\n"
                       "  - {quote: Experts say, device: VAGUE_ATTRIBUTION, note: 'Which experts?'}\n")
    row = content.explain_span(lesson, lesson.spans[0], content.suggestion_reasons(lesson))
    assert row.note == "Which experts?" and row.reason == "a group of unnamed experts"
    assert "“Experts say”" in row.ask


# --- the glossary --------------------------------------------------------------------------

def test_glossary_leaves_out_examples_the_article_contains(seed_lesson) -> None:
    article = content.ArticleUnits.of(seed_lesson.document.text)
    assert content.echoes("一位不愿透露姓名的大厂高管", article)
    assert content.echoes("有人说", article)
    assert not content.echoes("据一位接近监管部门的人士透露", article)
    entries = {g.device: g for g in content.glossary(seed_lesson, seed_lesson.focus)}
    anonymous, vague = entries["ANONYMOUS_SOURCE"], entries["VAGUE_ATTRIBUTION"]
    assert "大厂高管" not in anonymous.definition
    assert anonymous.definition.endswith("只描述身份。")
    assert "有人说" not in vague.definition and "“专家指出”" in vague.definition
    for entry in entries.values():
        assert entry.example is None or not content.echoes(entry.example, article)
        assert entry.example is not None


def test_english_definitions_lose_only_the_echoing_example(catalogue) -> None:
    article = content.ArticleUnits.of("Some people think the vote was rigged.")
    definition = catalogue.get("VAGUE_ATTRIBUTION").definition["en"]
    assert content.without_echoes(definition, article) == (
        "A claim is pinned on people nobody could identify, such as “experts believe”, "
        "“an industry insider says”.")
    untouched = content.ArticleUnits.of("The council met on Tuesday.")
    assert content.without_echoes(definition, untouched) == definition


# --- the source ----------------------------------------------------------------------------

def test_seed_source_from_import_and_byline_out_of_the_article(seed_lesson) -> None:
    source = content.lesson_source(seed_lesson)
    assert source.url == "https://www.414w.com/read/1403028.html"
    assert source.site == "www.414w.com"
    assert source.author == "何仪聊巨大的世界" and source.date == "2024-10-23"
    assert source.views == "117" and source.corpus is None
    lines = [line for line in seed_lesson.document.text.split("\n") if line.strip()]
    assert lines[1] == "中国的AI遇到了最艰难的时刻?"  # the byline is not an article line
    assert seed_lesson.byline.startswith("何仪聊巨大的世界")
    original = imported_seed()
    for before, after in zip(original.spans, seed_lesson.spans):  # every span keeps its words
        assert original.span_text(before) == seed_lesson.document.span_text(after)


def test_sift_prompts_name_the_site(seed_lesson) -> None:
    from toolkit.render.strings import ui_strings

    strings = {lang: ui_strings(lang, "handout") for lang in ("zh", "en")}
    source = content.lesson_source(seed_lesson)
    zh = content.sift_prompts(source, strings["zh"]["sift_source"])
    en = content.sift_prompts(source, strings["en"]["sift_source"])
    assert any("www.414w.com" in p for p in zh) and any("Who runs www.414w.com?" in p for p in en)
    assert any("何仪聊巨大的世界" in p for p in zh)
    unknown = content.sift_prompts(content.Source(), strings["en"]["sift_source"])
    assert unknown and not any("{" in p for p in unknown)


def test_spec_source_block_overrides_and_old_source_url_is_read(tmp_path, catalogue) -> None:
    doc = Document.create("Title\n\nBody text.\n", doc_id="d", source_url="https://a.example/x",
                          author="Meta Author")
    lesson = lesson_of(tmp_path, catalogue, [doc],
                       "title: T\nlanguage: en\nannotations: lesson.jsonl\nsource:\n"
                       "  publisher: The Example Ledger\n  date: 2024-10-23\n")
    source = content.lesson_source(lesson)
    assert source.url == "https://a.example/x" and source.site == "a.example"  # old key read
    assert source.publisher == "The Example Ledger" and source.author == "Meta Author"
    assert source.date == "2024-10-23"


def test_bad_source_block_is_reported(tmp_path, catalogue) -> None:
    path = write_lesson(tmp_path, "bad", [Document.create("x", doc_id="d")],
                        "title: T\nlanguage: en\nannotations: bad.jsonl\nsource:\n"
                        "  publisher: P\n  url: ftp://x\n  editor: E\n")
    with pytest.raises(InvalidInputError) as caught:
        load_lessons([path], catalogue)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: source: unknown key(s) editor (allowed: publisher, url, author, date)",
        f"{path}:6: source.url: 'ftp://x' must start with http:// or https://"]


# --- tasks ---------------------------------------------------------------------------------

def test_default_tasks_fit_a_lesson(seed_lesson) -> None:
    found = content.tasks(seed_lesson)
    assert [t.device for t in found] == ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "SLOGAN"]
    assert all(t.table and t.find == min(2, t.available) and t.rows == t.find + 1
               for t in found)
    vague = found[1]
    assert vague.answers and all(s.label == "VAGUE_ATTRIBUTION" for s in vague.answers)


def test_spec_tasks_choose_devices_sizes_and_answer_space(tmp_path, catalogue) -> None:
    lesson = lesson_of(tmp_path, catalogue, [imported_seed()],
                       "title: T\nlanguage: zh\nannotations: lesson.jsonl\ntasks:\n"
                       "  - LOADED_LANGUAGE\n"
                       "  - {device: RHETORICAL_QUESTION, find: 3, rows: 5}\n"
                       "  - {device: STRAW_MAN, table: false}\n")
    loaded, question, straw = content.tasks(lesson)
    assert (loaded.find, loaded.rows, loaded.table) == (2, 3, True)
    assert (question.find, question.rows) == (3, 5)
    assert (straw.available, straw.table, straw.rows) == (0, False, 3)


@pytest.mark.parametrize("tasks, expected", [
    ("  - {device: SLOGAN, find: 9, table: maybe}\n",
     ["5: tasks[0].find: must be a whole number from 1 to 6, got 9",
      "5: tasks[0].table: must be true (a response table: line | quote | why) or false "
      "(ruled lines), got 'maybe'"]),
    ("  - SLOGAN\n  - STRAWMAN\n  - SLOGAN\n",
     ["4: tasks[1]: unknown device 'STRAWMAN' — did you mean STRAW_MAN?",
      "4: tasks[2]: SLOGAN has two tasks (one task per device)"]),
])
def test_bad_tasks_are_reported(tmp_path, catalogue, tasks: str, expected: list[str]) -> None:
    path = write_lesson(tmp_path, "bad", [Document.create("x", doc_id="d")],
                        "title: T\nlanguage: en\nannotations: bad.jsonl\ntasks:\n" + tasks)
    with pytest.raises(InvalidInputError) as caught:
        load_lessons([path], catalogue)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{e}" for e in expected]


def test_default_discussion_has_model_answers_pointing_at_the_article(seed_lesson) -> None:
    from toolkit.render.strings import ui_strings

    strings = ui_strings("zh", "handout")
    items = content.discussion(seed_lesson, strings, lambda offset: 1 + offset // 100)
    assert len(items) == 2 and all(item.answer for item in items)
    assert items[0].pointers and items[1].pointers
    assert {p.device for p in items[1].pointers} <= {"标题无据", "匿名信源", "模糊归因", "无据断言"}


# --- merged PTC classes ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def ptc_documents(catalogue, tmp_path_factory) -> list[Document]:
    folder = tmp_path_factory.mktemp("ptc-pick")
    for kind in ("articles", "labels"):
        (folder / kind).mkdir()
    for article in (VICHY, DISTRACTIONS):
        for kind, name in (("articles", f"article{article}.txt"),
                           ("labels", f"article{article}.task2-TC.labels")):
            (folder / kind / name).write_bytes((PTC / kind / name).read_bytes())
    return import_ptc(folder / "articles", folder / "labels", catalogue)


def test_merged_classes_import_as_merged_devices(ptc_documents, catalogue) -> None:
    vichy = ptc_documents[0]
    merged = [s for s in vichy.spans if s.label == "PTC_BANDWAGON_REDUCTIO"]
    assert merged and "Vichy" in vichy.span_text(merged[0])
    device = catalogue.get("PTC_BANDWAGON_REDUCTIO")
    assert device.members == ("BANDWAGON", "REDUCTIO_AD_HITLERUM")
    for lang in ("zh", "en"):
        for member in device.members:
            name = catalogue.get(member).name[lang]
            short = name[:2] if lang == "zh" else name.split()[0].lower()
            assert short in device.name[lang].lower(), (lang, name)
    assert "whataboutism" in catalogue.get("PTC_WHATABOUT_STRAW_HERRING").definition["en"]
    assert not any(s.label in ("BANDWAGON", "WHATABOUTISM") for d in ptc_documents
                   for s in d.spans)


def test_merged_span_key_names_both_and_a_teacher_can_resolve_it(tmp_path, ptc_documents,
                                                                 catalogue) -> None:
    vichy = ptc_documents[0]
    span = next(s for s in vichy.spans if s.label == "PTC_BANDWAGON_REDUCTIO")
    quote = vichy.span_text(span)
    spec = "title: T\nlanguage: en\nannotations: lesson.jsonl\ndocument: ptc-765385479\n"
    unresolved = lesson_of(tmp_path / "a", catalogue, ptc_documents, spec)
    row = content.explain_span(unresolved, span)
    assert "bandwagon" in row.ask and "reductio ad Hitlerum" in row.ask
    source = content.lesson_source(unresolved)
    assert source.publisher is None and "Propaganda Techniques Corpus" in source.corpus

    resolved = lesson_of(tmp_path / "b", catalogue, ptc_documents, spec + (
        "notes:\n  - quote: " + json.dumps(quote) + "\n    device: PTC_BANDWAGON_REDUCTIO\n"
        "    as: REDUCTIO_AD_HITLERUM\n"))
    assert span.with_label("REDUCTIO_AD_HITLERUM") in resolved.spans
    assert resolved.resolved == {span.with_label("REDUCTIO_AD_HITLERUM"):
                                 "PTC_BANDWAGON_REDUCTIO"}
    row = content.explain_span(resolved, span.with_label("REDUCTIO_AD_HITLERUM"))
    assert "bandwagon" not in row.ask.lower()

    path = write_lesson(tmp_path / "c", "bad", ptc_documents, spec.replace("lesson.jsonl",
                        "bad.jsonl") + "notes:\n  - quote: " + json.dumps(quote)
                        + "\n    device: PTC_BANDWAGON_REDUCTIO\n    as: STRAW_MAN\n")
    with pytest.raises(InvalidInputError) as caught:
        load_lessons([path], catalogue)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:6: notes[0].as: 'STRAW_MAN' is not a member of PTC_BANDWAGON_REDUCTIO "
        "(allowed: BANDWAGON, REDUCTIO_AD_HITLERUM)"]


def test_round_trip_stays_lossless_after_resolving(ptc_documents, catalogue, tmp_path) -> None:
    resolved = []
    for doc in ptc_documents:  # resolve every merged span to its last member, as a teacher might
        resolved.append(doc.with_spans(
            s.with_label(catalogue.members_of(s.label)[-1]) if catalogue.members_of(s.label)
            else s for s in doc.spans))
    for documents, out in ((ptc_documents, tmp_path / "as-imported"), (resolved, tmp_path / "r")):
        export_ptc(documents, out, catalogue)
        for article in (VICHY, DISTRACTIONS):
            name = f"article{article}.task2-TC.labels"
            original = (PTC / "labels" / name).read_text(encoding="utf-8").splitlines()
            assert Counter((out / name).read_text(encoding="utf-8").splitlines()) == \
                Counter(original)


# --- reader comments as material -------------------------------------------------------------

def test_comments_true_appends_the_reader_comments_with_their_spans(tmp_path, catalogue) -> None:
    body, comments = import_text([SEED_TEXT])
    start = comments.text.index("你死我活")
    comments = comments.with_spans([Span(start, start + 4, "BLACK_AND_WHITE")])
    spec = "title: T\nlanguage: zh\nannotations: lesson.jsonl\ndocument: chip-ban-article-zh\n"
    lesson = lesson_of(tmp_path / "a", catalogue, [imported_seed(), comments],
                       spec + "comments: true\n")
    text = lesson.document.text
    assert "\n\n最新回复(2)\n\n科技拆解全解 (2024-10-24 17:18): 大国与大国" in text
    span = lesson.spans[-1]
    assert span.label == "BLACK_AND_WHITE" and lesson.document.span_text(span) == "你死我活"
    without = lesson_of(tmp_path / "b", catalogue, [imported_seed(), comments], spec)
    assert "最新回复" not in without.document.text

    path = write_lesson(tmp_path / "c", "bad", [imported_seed()],
                        spec.replace("lesson.jsonl", "bad.jsonl") + "comments: true\n")
    with pytest.raises(InvalidInputError) as caught:
        load_lessons([path], catalogue)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: comments: {path.parent / 'bad.jsonl'} has no reader comments for "
        "chip-ban-article-zh (a document with section: comments and parent: "
        "chip-ban-article-zh, as `mlt import text` writes them)"]


def test_offsets_of_the_annotated_article_map_to_the_printed_one(seed_lesson) -> None:
    original = imported_seed()
    assert seed_lesson.key_fingerprint == original.fingerprint != seed_lesson.document.fingerprint
    start, end = original.meta["byline"]
    for span in original.spans:  # a student's or the key's offsets, as annotated
        moved = seed_lesson.printed_offset(span.start)
        width = span.end - span.start
        assert seed_lesson.document.text[moved:moved + width] == original.span_text(span)
    assert seed_lesson.printed_offset(start + 3) == start  # inside the byline: where it was


def test_task_prompts_say_how_many_to_find(tmp_path, catalogue) -> None:
    from toolkit.handouts.render import Templates

    lesson = lesson_of(tmp_path, catalogue, [imported_seed()],
                       "title: T\nlanguage: en\nannotations: lesson.jsonl\ntasks:\n"
                       "  - {device: LOADED_LANGUAGE, find: 5}\n  - {device: SLOGAN, find: 3}\n"
                       "  - {device: STRAW_MAN}\n")
    five, three, none = (t.text for t in Templates().tasks(lesson, []))
    assert five.startswith("Find 5 examples of “Loaded language”")
    assert three.startswith("Find at least three examples of “Slogan”")
    assert none.startswith("Is there any “Straw man” in the article?")
