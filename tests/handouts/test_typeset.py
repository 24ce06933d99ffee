"""The typesetter breaks the article's lines without laying the page out, and the final render
checks every line it broke.

The lines are compared with the ones a layout of the same measuring page gives (the way the
handouts were numbered before), on the seed article, the samples and real articles from
../shared/corpus (zh-dev and PTC, every span marked). Where they differ, the layout broke a line
early (WeasyPrint gives up on a line when the next piece cannot be broken at its start); the
typeset line is then the fuller one, and it still has to fit.

Typeset lines are kept in the user's cache folder; every test here has a cache folder of its own,
so that each typesets afresh unless it is about the cache.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from handout_support import LESSONS, SHARED, seed_document, write_lesson
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.corpus import Document
from toolkit.devices import Catalogue
from toolkit.formats.ptc import import_ptc
from toolkit.handouts import BuildOptions, load_lessons
from toolkit.handouts.build import _laid_out_again, _process_tools, printed_lines, render_handout
from toolkit.handouts.highlight import paragraphs
from toolkit.handouts.lines import LineMap
from toolkit.handouts.render import lesson_marks
from toolkit.render.pdf import Renderer
from toolkit.render.typeset import Char, break_lines, read_paragraphs
from toolkit.spans import Span

ZH_DEV = SHARED / "zh-dev" / "dev.jsonl"
PTC = SHARED / "ptc"


#: Every test here has a cache folder of its own (conftest `own_cache`).
pytestmark = pytest.mark.usefixtures("own_cache")


def _zh_dev(count: int) -> list[Document]:
    documents = []
    with ZH_DEV.open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(count)):
            record = json.loads(line)
            documents.append(Document.create(record["text"], [Span(*s) for s in record["label"]],
                                             doc_id=record["doc_id"]))
    return documents


def _lesson(folder: Path, document: Document, lang: str, marks: str = "all") -> Path:
    spec = write_lesson(folder, folder.name, [document],
                        f"title: t\nlanguage: {lang}\nannotations: "
                        f"{folder.name}.jsonl\nline_numbers: 1\nmarks: {marks}\n")
    return spec


def _both(lesson) -> tuple[list, list]:  # noqa: ANN001
    templates, renderer = _process_tools()
    html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
    typeset = renderer.typeset(html)
    assert typeset is not None, "the typesetter could not read the measuring page"
    return typeset, renderer.lines(html)


@pytest.fixture(scope="module")
def chinese_lessons(catalogue: Catalogue, seed_spec: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> list:
    folder = tmp_path_factory.mktemp("typeset-seed")
    specs = [seed_spec, LESSONS / "battery-breakthrough.yaml",
             _lesson(folder / "seed-all", seed_document(), "zh")]
    return load_lessons(specs, catalogue)


def test_the_seed_and_sample_lines_are_the_lines_a_layout_breaks(chinese_lessons: list) -> None:
    """The seed (focus marks, and every span marked) and the Chinese sample: the same line
    starts and the same widths as a layout of the measuring page."""
    for lesson in chinese_lessons:
        typeset, laid = _both(lesson)
        assert [line.start for line in typeset] == [line.start for line in laid], lesson.name
        for ours, theirs in zip(typeset, laid):
            for field in ("width", "text_width", "measure", "font_size"):
                assert getattr(ours, field) == pytest.approx(getattr(theirs, field), abs=1e-6), (
                    lesson.name, ours.start, field)


@pytest.fixture(scope="module")
def real_lessons(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue,
                 english_spec: Path) -> list:
    folder = tmp_path_factory.mktemp("typeset-real")
    articles = import_ptc(PTC / "articles", PTC / "labels", catalogue)[:3]
    specs = [english_spec] + [_lesson(folder / d.doc_id, d, "en") for d in articles]
    specs += [_lesson(folder / d.doc_id, d, "zh") for d in _zh_dev(3)]
    return load_lessons(specs, catalogue)


def test_real_articles_lines_fit_and_are_no_emptier_than_a_layouts(real_lessons: list) -> None:
    """The English sample, three PTC and three zh-dev articles, every span marked: every
    typeset line fits its measure in all three handouts as rendered; the typesetter never
    needs more lines than the layout did; most lines are the layout's own, and a line both
    break alike is as wide in both."""
    options = BuildOptions(formats=("pdf",))
    shared = total = 0
    for lesson in real_lessons:
        typeset, laid = _both(lesson)
        assert len(typeset) <= len(laid), lesson.name
        ends = {a.start: b.start for a, b in zip(laid, laid[1:])}
        theirs = {line.start: line for line in laid}
        for ours, following in zip(typeset, typeset[1:]):
            if ends.get(ours.start) == following.start:
                shared += 1
                assert ours.width == pytest.approx(theirs[ours.start].width, abs=1e-6)
        total += len(laid)
        lines = printed_lines(lesson)
        assert lines.typeset
        for kind in ("teacher", "student", "annotated"):
            handout = render_handout(lesson, kind, options, lines)
            assert handout.overfull == (), (lesson.name, kind, handout.overfull)
            assert handout.files[f"{kind}.pdf"].startswith(b"%PDF")
    assert shared / total > 0.9


def test_an_overfull_line_is_caught_and_the_lesson_laid_out_again(
        chinese_lessons: list) -> None:
    """Two typeset lines joined into one cannot fit: the render finds it, writes no PDF, and
    the lesson is rendered again on lines read from a layout, with a warning that says so."""
    lesson = chinese_lessons[0]
    right = printed_lines(lesson)
    firsts = {start for start, _, _ in paragraphs(lesson.document.text)}
    second = next(i for i, s in enumerate(right.starts) if s not in firsts)  # a 2nd line
    wrong = LineMap(right.starts[:second] + right.starts[second + 1:], right.widths,
                    typeset=True)
    options = BuildOptions(formats=("pdf",), kinds=("teacher",))
    handout = render_handout(lesson, "teacher", options, wrong)
    assert handout.files == {} and handout.overfull
    index, excess = handout.overfull[0]
    assert index == second - 1 and excess > 10
    [again] = _laid_out_again(lesson, options, [handout])
    assert again.files["teacher.pdf"].startswith(b"%PDF") and again.overfull == ()
    assert any("laid out by WeasyPrint" in w and f"line {second}" in w for w in again.warnings)
    fine = render_handout(lesson, "teacher", options, right)
    assert fine.overfull == () and fine.warnings == ()


def test_a_page_the_typesetter_cannot_read_is_laid_out(tmp_path: Path,
                                                        catalogue: Catalogue) -> None:
    """A soft hyphen (hyphenation is WeasyPrint's to decide) sends the page to a layout."""
    assert read_paragraphs('<p class="para"><span data-o="0">a</span><br></p>') is None
    assert read_paragraphs('<p class="para"><span data-o="0">co\u00adop</span></p>') is None
    assert read_paragraphs('<p class="para"><span data-o="0">x</span></p>') is not None
    text = ("The co\u00adoperative said prices would triple, according to people familiar "
            "with the matter. ") * 8
    document = Document.create(text, [Span(80, 113, "VAGUE_ATTRIBUTION")], doc_id="shy")
    [lesson] = load_lessons([_lesson(tmp_path, document, "en")], catalogue)
    lines = printed_lines(lesson)
    assert not lines.typeset
    assert lines == printed_lines(lesson, layout=True)


def test_typeset_lines_are_kept_and_read_back_exactly(chinese_lessons: list, own_cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The first typesetting of a page keeps its lines in the cache folder; the next reads
    them back, every width exactly as measured, without laying out a probe page."""
    templates, renderer = _process_tools()
    lesson = chinese_lessons[0]
    html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
    first = renderer.typeset(html)
    assert first and list((own_cache / "mlt" / "lines").glob("*.json"))

    def no_layout(page: str, **options: object) -> None:
        raise AssertionError("laid out a page although its lines were kept")

    monkeypatch.setattr(renderer, "_render", no_layout)
    assert renderer.typeset(html) == first
    other = templates.measure_html(chinese_lessons[1], lesson_marks(chinese_lessons[1]), "a4")
    with pytest.raises(AssertionError, match="laid out"):
        renderer.typeset(other)  # another article's lines are its own


@pytest.mark.parametrize("damage", ["{not json", "[]", '[[0, 1.0, 1.0, 1.0]]',
                                    '[[5, 1.0, 1.0, 1.0, 1.0], [5, 1.0, 1.0, 1.0, 1.0]]',
                                    '[["0", 1.0, 1.0, 1.0, 1.0]]'])
def test_a_damaged_kept_file_is_measured_again(chinese_lessons: list, own_cache: Path,
                                               damage: str) -> None:
    templates, renderer = _process_tools()
    lesson = chinese_lessons[0]
    html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
    first = renderer.typeset(html)
    [kept] = (own_cache / "mlt" / "lines").glob("*.json")
    kept.write_text(damage, encoding="utf-8")
    assert renderer.typeset(html) == first
    assert json.loads(kept.read_text(encoding="utf-8"))[0][0] == first[0].start  # kept again


def test_kept_lines_belong_to_their_style_sheet(tmp_path: Path, chinese_lessons: list) -> None:
    """A change to the style sheets beside the templates names another file: lines measured
    with the old sheet are not read."""
    templates, renderer = _process_tools()
    lesson = chinese_lessons[0]
    html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
    base = tmp_path / "templates"
    base.mkdir()
    sheet = base / "handout.css"
    sheet.write_bytes((renderer.base / "handout.css").read_bytes())
    before = Renderer(base)._kept(html, "data-o")
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\np { letter-spacing: 1px }\n",
                     encoding="utf-8")
    assert Renderer(base)._kept(html, "data-o") != before
    assert renderer._kept(html, "data-o") != renderer._kept(html + " ", "data-o")


def test_a_cache_folder_that_cannot_be_written_is_no_error(
        chinese_lessons: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    lines = printed_lines(chinese_lessons[0])
    assert lines.typeset and lines.starts


@st.composite
def _paragraphs(draw: st.DrawFn) -> tuple[list[Char], list[bool], float]:
    count = draw(st.integers(1, 60))
    chars = [Char(draw(st.sampled_from("ab ")), draw(st.floats(0.0, 30.0)), 0.0, i, 0,
                  after=draw(st.sampled_from([0.0, 0.0, 2.5])))
             for i in range(count)]
    allowed = [False] + [draw(st.booleans()) for _ in range(count - 1)] + [True]
    return chars, allowed, draw(st.floats(10.0, 120.0))


def _inked(chars: list[Char]) -> float:
    width = inked = 0.0
    for char in chars:
        width += char.width
        if char.ch != " ":
            inked = width
    return inked


@settings(max_examples=300, deadline=None)
@given(_paragraphs())
def test_break_lines_fills_each_line_as_far_as_it_fits(paragraph) -> None:  # noqa: ANN001
    """Lines cover the paragraph in order; each ends where a break is allowed and fits (ink
    only: spaces at the end hang), unless nothing fits, when it is cut between characters;
    and no line could have reached the next allowed break."""
    chars, allowed, measure = paragraph
    lines = break_lines(chars, allowed, measure)
    assert lines[0][0] == 0 and lines[-1][1] == len(chars)
    assert all(a < b for a, b in lines) and all(x[1] == y[0] for x, y in zip(lines, lines[1:]))
    for start, end in lines:
        if allowed[end] and _inked(chars[start:end]) <= measure + 1e-3:
            following = next((b for b in range(end + 1, len(chars) + 1) if allowed[b]), None)
            if following is not None:
                assert _inked(chars[start:following]) > measure + 1e-3
        else:  # nothing up to an allowed break fits: cut between characters
            assert end == start + 1 or _inked(chars[start:end]) <= measure + 1e-3
            assert not any(allowed[b] and _inked(chars[start:b]) <= measure + 1e-3
                           for b in range(start + 1, end + 1))
