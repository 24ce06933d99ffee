"""The measuring pass draws only what changes the text's width, and finds the same lines.

The measuring pass lays the teacher's article out to find where its lines break. Of the marks it
draws only the primitives that make text wider (side room for boxes and brackets, bold); the
others only paint backgrounds in the frame's vertical padding. These tests render for real and
compare with a measuring pass that draws every primitive under the teacher key's full page CSS.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handout_support import LESSONS, seed_document, write_lesson

from toolkit.devices import cues
from toolkit.devices.catalogue import Device
from toolkit.handouts import load_lessons
from toolkit.handouts.build import _process_tools
from toolkit.handouts.highlight import ArticleStyle, Mark, device_css, render_article
from toolkit.handouts.render import lesson_marks
from toolkit.spans import Span

ZH = ("据一位不愿透露姓名的业内人士透露，这家公司的新电池在实验室里“三天充满一个月”，"
      "但公开的资料里找不到任何一项独立测试。有网友质疑：这样的数字从何而来？") * 6
EN = ("A senior official who asked not to be named said the new battery would charge in "
      "three days and last a month, but no independent test of that claim has been published "
      "anywhere, and the company declined to answer questions about it. ") * 5


def _page(css: str, article: str, lang: str) -> str:
    templates, _ = _process_tools()
    return templates.env.get_template("measure.html.j2").render(
        page={"kind": "teacher", "lang_tag": lang, "stylesheet": None,
              "stylesheet_href": "handout.css", "css": css},
        article=article)


def _starts(html: str) -> list[int]:
    return _process_tools()[1].line_starts(html)


def _device(cue: tuple[str, ...]) -> Device:
    words = {"zh": "X", "en": "X"}
    return Device(id="X", family="wording", name=words, definition=words, question=words,
                  why=words, examples={}, color="#000000", cue=cue, shortcut="x", ptc=())


PAINTING = [name for name, p in cues.PRIMITIVES.items() if not p.changes_width]


def test_the_measuring_pass_draws_boxes_brackets_and_bold() -> None:
    assert {n for n in cues.PRIMITIVES if n not in PAINTING} == {
        "border-solid", "border-dashed", "border-dotted", "border-double", "bracket", "bold"}


@pytest.mark.parametrize("name", PAINTING)
def test_a_painting_primitive_moves_no_line_break(name: str) -> None:
    """Every primitive that does not claim to change widths, drawn over a whole long text,
    leaves every line break where the unmarked text has it (a change of a fraction of a point
    per character would move some of them)."""
    for text, lang in ((ZH, "zh"), (EN, "en")):
        device = _device((name,))
        marks = [Mark(1, Span(0, len(text), "X"), (name,))]
        style = ArticleStyle(highlight=True, callouts=False, chinese=lang == "zh")
        css = "@page { size: A4; }\n" + device_css([device], lang)
        plain = render_article(text, [], ArticleStyle(highlight=False, callouts=False,
                                                      chinese=lang == "zh"))
        marked = render_article(text, marks, style, paint=True)
        assert 'class="p p-' in marked
        assert _starts(_page(css, marked, lang)) == _starts(_page(css, plain, lang)), name


def test_the_width_check_is_sensitive() -> None:
    """Bold over Latin text does move breaks: the comparison above can see a width change."""
    text = EN
    marks = [Mark(1, Span(0, len(text), "X"), ("bold",))]
    css = "@page { size: A4; }\n" + device_css([_device(("bold",))], "en")
    plain = render_article(text, [], ArticleStyle(highlight=False, callouts=False))
    bold = render_article(text, marks, ArticleStyle(highlight=True, callouts=False), paint=True)
    assert _starts(_page(css, bold, "en")) != _starts(_page(css, plain, "en"))


@pytest.fixture(scope="module")
def every_mark_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed lesson with every device's spans marked (`marks: all`)."""
    return write_lesson(tmp_path_factory.mktemp("all-marks"), "seed-all", [seed_document()],
                        "title: 芯片断供文章\nlanguage: zh\nannotations: seed-all.jsonl\n"
                        "line_numbers: 1\nmarks: all\n"
                        "focus: [ANONYMOUS_SOURCE, VAGUE_ATTRIBUTION, SLOGAN]\n")


def test_the_measuring_pass_finds_the_lines_of_the_full_page(catalogue, seed_spec, english_spec,
                                                             every_mark_spec) -> None:
    """For the seed lesson (focus marks and every mark), the samples and the every-line English
    lesson: the light measuring page gives the same line starts as one that draws every
    primitive under the teacher key's whole page CSS."""
    templates, _ = _process_tools()
    lessons = load_lessons([LESSONS, seed_spec, english_spec, every_mark_spec], catalogue)
    assert len(lessons) >= 4
    for lesson in lessons:
        marks = lesson_marks(lesson)
        full = _page(templates.page_css(lesson, "teacher", "a4"),
                     templates.article(lesson, marks, "teacher", None, paint=True),
                     lesson.article_language)
        light = templates.measure_html(lesson, marks, "a4")
        assert len(light) < len(full)
        assert _starts(light) == _starts(full), lesson.name


def test_an_articles_own_word_joiners_keep_its_offsets() -> None:
    """Web copy carries invisible characters. The measuring pass counts its own word joiners as
    no offset, so an article's own U+2060 is measured as U+FEFF: the text with its joiners gives
    the same line starts as the same text with U+FEFF in their place (same length, same
    breaks), where counting them out would shift every later line start."""
    from toolkit.handouts.highlight import word_joins
    from toolkit.suggest.pipeline import chinese_words

    own = ZH.replace("，", "，\u2060").replace("“", "\u2060“")
    twin = own.replace("\u2060", "\ufeff")
    style = ArticleStyle(highlight=False, callouts=False, chinese=True)
    css = "@page { size: A4; }\n"
    starts = [_starts(_page(css, render_article(text, [], style, None,
                                                word_joins(text, chinese_words(text))), "zh"))
              for text in (own, twin)]
    assert len(starts[0]) > 3
    assert starts[0] == starts[1]
