"""Chinese justification and words kept whole at line ends, read back from real PDFs: glyph
positions from poppler (`pdftotext -bbox-layout`), text from pypdf and poppler."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from handout_support import article_lines, layout_text, line_boxes
from pypdf import PdfReader

from toolkit.handouts import load_lessons
from toolkit.handouts.build import _process_tools
from toolkit.handouts.build import printed_lines as lesson_lines
from toolkit.handouts.highlight import WORD_JOINER, paragraphs, word_joins
from toolkit.handouts.lines import MOST_SPACING, letter_spacing
from toolkit.handouts.render import lesson_marks
from toolkit.suggest.pipeline import chinese_words

KINDS = ("student", "teacher", "annotated")
PT = 0.75  # points per CSS px
ENDS = {"student": "术语表", "teacher": "答案表", "annotated": "批注一览"}


@pytest.fixture(scope="module")
def seed(built, catalogue, seed_spec):
    """The seed lesson, its printed lines (LineMap with widths) and the line facts:
    {number: (text of the line, is it its paragraph's last line)}."""
    (lesson,) = [x for x in load_lessons([seed_spec], catalogue) if x.name == "seed"]
    lines = lesson_lines(lesson)
    text = lesson.document.text
    facts: dict[int, tuple[str, bool]] = {}
    for start, end, _ in paragraphs(text):
        inside = [s for s in lines.starts if start <= s < end]
        for i, a in enumerate(inside):
            b = inside[i + 1] if i + 1 < len(inside) else end
            facts[lines.line_of(a)] = (text[a:b], i == len(inside) - 1)
    return lesson, lines, facts


def test_chinese_lines_but_the_last_of_a_paragraph_end_at_the_measure(built, seed) -> None:
    lesson, lines, facts = seed
    assert any(not last for _, last in facts.values())  # some paragraphs wrap
    boxes = {kind: line_boxes(built.folder("seed") / f"{kind}.pdf") for kind in KINDS}
    left = min(box[2] for box in boxes["student"].values())
    for kind in KINDS:
        found = boxes[kind]
        assert sorted(found) == list(range(1, len(lines) + 1)), f"{kind}: line numbers"
        stretched = 0
        for number, (text, last) in facts.items():
            start = lines.starts[number - 1]
            width = lines.widths[start]
            natural = width.plain if kind == "student" else width.marked
            right = found[number][3]
            measure = left + width.measure * PT
            if not last and letter_spacing(text, natural, width.measure, width.font_size):
                stretched += 1
                assert abs(right - measure) < 0.5, (kind, number, right, measure, text)
            elif last:
                # a paragraph's last line keeps its natural width: it ends where the measuring
                # pass (less what this copy leaves out) says, not at the measure
                assert abs(right - (left + natural * PT)) < 1.0, (kind, number, right, text)
        # every wrapped line of the seed article is justified (none needs more than the most),
        # and only those lines are letter-spaced
        assert stretched == sum(not last for _, last in facts.values()), kind
        html = (built.folder("seed") / f"{kind}.html").read_text(encoding="utf-8")
        spaced = re.findall(r'<span class="line[^"]*" style="letter-spacing: [\d.]+px">', html)
        assert len(spaced) == stretched, kind


def test_justified_lines_keep_their_numbers_and_words_in_every_copy(built, seed,
                                                                   printed_lines) -> None:
    lesson, lines, _ = seed
    folder = built.folder("seed")
    read = {kind: printed_lines(folder / f"{kind}.pdf", "来源：", ENDS[kind]) for kind in KINDS}
    squeezed = {kind: {n: re.sub(r"\s+", "", t) for n, t in rows.items()}
                for kind, rows in read.items()}
    assert squeezed["teacher"] == squeezed["student"] == squeezed["annotated"]
    assert len(squeezed["student"]) == len(lines)
    # the gutter numbers keep their own spacing: right-aligned at one edge on justified and
    # natural lines alike, in every copy
    edges = [box[1] for kind in KINDS for box in line_boxes(folder / f"{kind}.pdf").values()]
    assert len(edges) == 3 * len(lines) and max(edges) - min(edges) < 0.02, edges


def _breaks_inside_words(text: str, rows: list[str], joins: frozenset[int]) -> list[str]:
    """Where the extracted rows (in order, whitespace inside them ignored except as noted)
    break the text inside a word: each break or extracted space that falls between two
    characters of one jieba word, shown with its neighbours."""
    places = [i for i, ch in enumerate(text) if not ch.isspace()]
    flat = "\n".join(rows)
    assert re.sub(r"\s+", "", flat) == re.sub(r"\s+", "", text), "extracted text differs"
    found, count = [], 0
    for ch in flat:
        if not ch.isspace():
            count += 1
        elif 0 < count < len(places) and places[count] in joins:
            at = places[count]
            found.append(f"{text[at - 3:at]}|{text[at:at + 3]} ({ch!r})")
    return found


def _pypdf_breaks_inside_words(pdf, text: str, joins: frozenset[int]) -> list[str]:
    """The line breaks of pypdf's text of `pdf` that fall inside a word of the article: the
    extracted characters (line numbers and whitespace dropped) are matched in order against
    the article's, skipping what is not article (headings, running headers, tables)."""
    places = [i for i, ch in enumerate(text) if not ch.isspace()]
    body = "".join(text[i] for i in places)
    chars: list[str] = []
    breaks: list[int] = []
    for page in PdfReader(pdf).pages:
        for line in page.extract_text().splitlines():
            breaks.append(len(chars))
            chars.extend(c for c in re.sub(r"^\d+ ", "", line) if not c.isspace())
    extracted = "".join(chars)
    at, matched, where = extracted.index(body[:30]), 0, {}
    while matched < len(body) and at < len(extracted):
        if extracted[at] == body[matched]:
            where[at] = places[matched]
            matched += 1
        at += 1
    assert matched == len(body), f"{pdf.name}: the article's text is not all extracted"
    return [f"{text[where[b] - 3:where[b]]}|{text[where[b]:where[b] + 3]}" for b in breaks
            if b in where and where[b] in joins]


def test_no_line_break_inside_a_word_in_extracted_text(built, seed) -> None:
    lesson, lines, _ = seed
    text = lesson.document.text
    joins = word_joins(text, chinese_words(text))
    assert len(joins) > 500  # the article has many words of two or more characters
    folder = built.folder("seed")
    for kind in KINDS:  # poppler, one row per printed line
        rows = article_lines(layout_text(folder / f"{kind}.pdf"), "来源：", ENDS[kind])
        assert _breaks_inside_words(text, [rows[n] for n in sorted(rows)], joins) == [], kind
    # pypdf: it also starts new lines inside a printed line (where a mark's background is
    # drawn between two pieces of text), so every line break it extracts is checked
    for kind in KINDS:
        assert _pypdf_breaks_inside_words(folder / f"{kind}.pdf", text, joins) == [], kind
    # the check is not vacuous: the same article measured without word joiners breaks lines
    # inside words (the old "卡脖|子")
    templates, renderer = _process_tools()
    html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
    assert WORD_JOINER in html
    unjoined = renderer.line_starts(html.replace(WORD_JOINER, ""))
    assert any(s in joins for s in unjoined)
    assert not any(s in joins for s in lines.starts)


def test_joiners_only_in_the_measuring_pass_and_punctuation_rules_hold(built, seed) -> None:
    lesson, lines, facts = seed
    for result in built.results:
        for kind in KINDS:
            html = (result.folder / f"{kind}.html").read_text(encoding="utf-8")
            assert WORD_JOINER not in html and "\u200b" not in html, (result.name, kind)
            pdf = "\n".join(p.extract_text() for p in PdfReader(result.folder /
                                                                 f"{kind}.pdf").pages)
            assert WORD_JOINER not in pdf, (result.name, kind)
    # no printed line starts with closing punctuation, none ends with an opening mark
    for number, (text, _) in facts.items():
        assert text[:1] not in "。，、；：！？）》」』”’,.!?:;)", (number, text)
        assert text.rstrip()[-1:] not in "（《「『“‘(", (number, text)


def test_english_stays_ragged_right(built) -> None:
    for name in ("drone-ban", "drone-ban-every-line"):
        for kind in KINDS:
            html = (built.folder(name) / f"{kind}.html").read_text(encoding="utf-8")
            lines = re.findall(r'<span class="line[^"]*"[^>]*>', html)
            assert lines and not any("letter-spacing" in line for line in lines)
    boxes = line_boxes(built.folder("drone-ban-every-line") / "student.pdf")
    rights = [box[3] for box in boxes.values()]
    assert max(rights) - min(rights) > 20  # ragged: line ends differ by words


def test_letter_spacing_spreads_the_slack_over_the_gaps_between_characters() -> None:
    size = 14.0
    text = "中国的芯片产业在压力之下寻找出路"
    spacing = letter_spacing(text, 600.0, 612.0, size)
    assert spacing is not None and abs(spacing * (len(text) - 1) - 12.0) < 1e-9
    assert letter_spacing(text, 612.0, 612.0, size) is None  # full already
    assert letter_spacing(text, 620.0, 612.0, size) is None  # overfull: never squeezed
    most = MOST_SPACING * size * (len(text) - 1)
    assert letter_spacing(text, 612.0 - most * 1.01, 612.0, size) is None  # too loose
    assert letter_spacing(text, 612.0 - most * 0.99, 612.0, size) is not None
    assert letter_spacing("Latin words only", 500.0, 612.0, size) is None
    assert letter_spacing(text + " ", 600.0, 612.0, size) is None  # a line ending in a space
    assert letter_spacing("中", 10.0, 612.0, size) is None  # nothing to spread over


def test_word_joins_are_the_insides_of_words() -> None:
    text = "卡脖子 问题，AI芯片"
    words = chinese_words(text)
    assert "".join(text[s:e] for s, e in words) == text
    joins = word_joins(text, words)
    for start, end in words:
        for i in range(start, end + 1):
            inside = start < i < end and not text[i - 1].isspace() and not text[i].isspace()
            assert (i in joins) == inside
    assert text.index("脖") in joins and text.index("，") not in joins


CHECK = ("import json, sys\n"
         "from toolkit.suggest.pipeline import chinese_words\n"
         "words = chinese_words(sys.argv[1])\n"
         "print(json.dumps({'words': words, 'jieba': 'jieba' in sys.modules}))\n")


def _words_in_a_new_process(text: str, cache) -> dict:
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHECK, text], capture_output=True, text=True,
                          env=env, check=True, cwd=Path(__file__).resolve().parents[2])
    return json.loads(done.stdout)


def test_words_are_kept_in_the_cache_folder_and_checked_when_read_back(tmp_path) -> None:
    text = f"卡脖子的问题不是一天形成的，国产芯片要走的路还很长 {tmp_path.name}"
    first = _words_in_a_new_process(text, tmp_path)
    assert first["jieba"]  # segmented: jieba was loaded
    (kept,) = (tmp_path / "mlt" / "words").iterdir()
    assert [list(w) for w in first["words"]] == json.loads(kept.read_text())
    again = _words_in_a_new_process(text, tmp_path)
    assert again == {"words": first["words"], "jieba": False}  # read back, jieba not loaded
    kept.write_text("[[0, 3], [3, 5]]")  # words that do not cover the text: not trusted
    redone = _words_in_a_new_process(text, tmp_path)
    assert redone == {"words": first["words"], "jieba": True}
    assert json.loads(kept.read_text()) == [list(w) for w in first["words"]]


def test_words_found_ahead_in_a_helper_process(tmp_path, monkeypatch) -> None:
    from toolkit.suggest.pipeline import chinese_words_ahead

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = f"芯片断供之后，国产替代道阻且长 {tmp_path.name}"
    collect = chinese_words_ahead([text, text])
    collect()
    (kept,) = (tmp_path / "mlt" / "words").iterdir()  # the helper's words, kept
    assert chinese_words(text) == tuple(tuple(w) for w in
                                        json.loads(kept.read_text()))
    assert "".join(text[s:e] for s, e in chinese_words(text)) == text
