"""Properties of real built handouts, read back from the PDFs' extracted text."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from handout_support import LESSONS, seed_document
from pypdf import PdfReader

from toolkit.handouts import load_lessons
from toolkit.handouts.render import lesson_marks

KINDS = ("student", "teacher", "annotated")
MARKERS = {  # per handout language: article start line, student article end, teacher article end
    "zh": ("来源：", "术语表", "图例", "答案表", "第 1 页，共"),
    "en": ("Source: ", "Glossary", "Legend", "Answer table", "Page 1 of"),
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def lessons(built, catalogue, seed_spec, english_spec):
    """The resolved lessons that were built, by name."""
    found = load_lessons([LESSONS, seed_spec, english_spec], catalogue)
    return {lesson.name: lesson for lesson in found}


def test_every_lesson_wrote_six_files_and_no_warnings(built) -> None:
    assert sorted(r.name for r in built.results) == [
        "battery-breakthrough", "drone-ban", "drone-ban-every-line", "seed"]
    for result in built.results:
        assert result.status == "built" and result.warnings == ()
        assert sorted(p.name for p in result.folder.iterdir()) == sorted(
            f"{k}.{f}" for k in KINDS for f in ("html", "pdf"))
        assert 1 <= result.pages["annotated"] <= result.pages["teacher"] <= 14
        assert 2 <= result.pages["student"] <= 10


@pytest.mark.parametrize("name", ["battery-breakthrough", "seed", "drone-ban-every-line"])
def test_answer_table_lists_every_span_with_callout_and_start_line(
        name, built, lessons, pdf_text, printed_lines) -> None:
    lesson = lessons[name]
    lang = lesson.spec.language
    source, glossary, legend, answers_heading, _ = MARKERS[lang]
    folder = built.folder(name)
    student = printed_lines(folder / "student.pdf", source, glossary)
    teacher_text = pdf_text(folder / "teacher.pdf")
    teacher = printed_lines(folder / "teacher.pdf", source, answers_heading)  # legend first
    # every line numbered, same lines in both handouts (callout digits aside)
    assert sorted(student) == list(range(1, len(student) + 1))
    assert sorted(teacher) == sorted(student)
    for number, line in student.items():
        assert squeeze(re.sub(r"\d", "", teacher[number])) == squeeze(re.sub(r"\d", "", line))
    # the student article is exactly the text: no callouts, no device names
    text = lesson.document.text
    assert "".join(squeeze(student[n]) for n in sorted(student)) == squeeze(text)
    names = {d.name[k] for d in lesson.devices.values() for k in ("zh", "en")}
    assert not any(n in line for n in names for line in student.values())
    # where each printed line starts, in whitespace-free offsets
    starts, total = [], 0
    for number in sorted(student):
        starts.append(total)
        total += len(squeeze(student[number]))
    table = squeeze(teacher_text[teacher_text.index(answers_heading):])
    position = 0
    for mark in lesson_marks(lesson):
        span = mark.span
        offset = len(squeeze(text[:span.start]))
        line = bisect_right(starts, offset)
        device = lesson.devices[span.label].name[lang]
        row = f"{mark.number}{line}{squeeze(text[span.start:span.end])}{squeeze(device)}"
        found = table.find(row, position)
        assert found >= 0, f"answer row {mark.number} (line {line}) missing: {row[:40]}"
        position = found + len(row)


def test_seed_article_spans_all_reach_the_key(lessons) -> None:
    seed = lessons["seed"]
    assert len(seed.spans) == len(seed_document().spans) > 50
    assert seed.focus == ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "SLOGAN")


@pytest.mark.parametrize("name,lang", [("battery-breakthrough", "zh"), ("drone-ban", "en")])
def test_headers_footers_source_and_date(name, lang, built, lessons, pdf_text) -> None:
    lesson = lessons[name]
    for kind in KINDS:
        path = built.folder(name) / f"{kind}.pdf"
        text = pdf_text(path)
        pages = len(PdfReader(path).pages)
        footer = MARKERS[lang][4]
        assert squeeze(f"{footer} {pages}") in squeeze(text) or squeeze(
            f"Page 1 of {pages}") in squeeze(text)
        assert text.count(lesson.spec.title) >= min(pages, 2)  # page 1 heading + running header
        assert lesson.meta_text("source") in text and lesson.meta_text("date") in text


def test_tagged_pdf_with_language_and_a4(built) -> None:
    for name, lang in (("battery-breakthrough", "zh-CN"), ("drone-ban", "en")):
        reader = PdfReader(built.folder(name) / "teacher.pdf")
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_student_copy_has_glossary_tasks_and_no_answers(built, lessons, pdf_text) -> None:
    lesson = lessons["drone-ban"]
    text = pdf_text(built.folder("drone-ban") / "student.pdf")
    for device_id in lesson.focus:
        device = lesson.devices[device_id]
        assert squeeze(device.definition["en"]) in squeeze(text)
        assert squeeze(device.question["en"]) in squeeze(text)
    assert "Find two examples of “Vague attribution”" in text
    assert "Find at least three examples of “Unsupported claim”" in text
    assert "SIFT" in text and "Answer table" not in text and "Teacher's note" not in text
    html = (built.folder("drone-ban") / "student.html").read_text(encoding="utf-8")
    assert 'class="co"' not in html and 'class="m ' not in html


def test_teacher_key_notes_chart_and_agreement_column(built, lessons, pdf_text) -> None:
    text = pdf_text(built.folder("battery-breakthrough") / "teacher.pdf")
    lesson = lessons["battery-breakthrough"]
    drawn = lesson_marks(lesson)
    # the focus devices' spans and the spans with a teacher's note (REPETITION is not a focus
    # device, but the spec has a note on one of its spans)
    assert {m.span.label for m in drawn} == set(lesson.focus) | {"REPETITION"}
    assert [m.span for m in drawn if m.span.label == "REPETITION"] == [
        s for s in lesson.notes if s.label == "REPETITION"]
    assert "教师备注：" in text and "各手法出现次数" in text
    assert f"共 {len(drawn)} 处标注" in text and len(drawn) < len(lesson.spans)
    assert "标注一致" not in text  # no agreement data in the samples
    html = (built.folder("battery-breakthrough") / "teacher.html").read_text(encoding="utf-8")
    assert html.count("<rect ") == len({m.span.label for m in drawn})
