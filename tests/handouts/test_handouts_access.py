"""Accessibility of the PDFs, checked in the structure tree and in the extracted text."""

from __future__ import annotations

import re

from handout_support import LESSONS
from pypdf import PdfReader

from toolkit.handouts import load_lessons
from toolkit.handouts.highlight import paragraphs
from toolkit.handouts.render import lesson_marks


def structure(path) -> list[dict]:
    """Every element of a PDF's structure tree: {'S': tag, 'Alt': text or None}."""
    root = PdfReader(path).trailer["/Root"]["/StructTreeRoot"]
    found, stack = [], [root]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.append({"S": str(node["/S"]), "Alt": node.get("/Alt")})
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def test_article_paragraphs_are_p_and_the_chart_has_alternative_text(built, catalogue) -> None:
    (lesson,) = [x for x in load_lessons([LESSONS], catalogue) if x.name == "drone-ban"]
    tree = structure(built.folder("drone-ban") / "teacher.pdf")
    tags = [e["S"] for e in tree]
    assert tags.count("/P") >= len(paragraphs(lesson.document.text))
    assert tags.count("/Div") < len(paragraphs(lesson.document.text))  # lines are not /Div
    figures = [e for e in tree if e["S"] == "/Figure"]
    assert figures and all(e["Alt"] for e in figures), "a figure without alternative text"
    chart = str(figures[0]["Alt"])
    assert chart.startswith("Bar chart, Device counts: ")
    for device in {m.span.label for m in lesson_marks(lesson)}:
        count = sum(m.span.label == device for m in lesson_marks(lesson))
        assert f"{lesson.devices[device].name['en']}: {count}" in chart


def test_callout_numbers_are_not_text(built, printed_lines) -> None:
    # the marked copies' article lines read exactly as the worksheet's: the callout badges
    # are images, so neither text extraction nor a screen reader meets a number mid-sentence
    for name, start, end, ends in (
            ("battery-breakthrough", "来源：", "术语表", {"teacher": "答案表", "annotated": "批注一览"}),
            ("drone-ban-every-line", "Source: ", "Glossary",
             {"teacher": "Answer table", "annotated": "Callouts"})):
        folder = built.folder(name)
        student = printed_lines(folder / "student.pdf", start, end)
        for kind, stop in ends.items():
            marked = printed_lines(folder / f"{kind}.pdf", start, stop)
            assert {n: re.sub(r"\s+", "", t) for n, t in marked.items()} == \
                {n: re.sub(r"\s+", "", t) for n, t in student.items()}, kind
