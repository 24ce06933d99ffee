"""The highlight renderer: any text with any spans gives well-formed, escaped HTML whose text is
the original; nested and crossing spans each keep their own element and one callout."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.devices import load_catalogue
from toolkit.devices import cues
from toolkit.handouts.highlight import (
    ArticleStyle, Mark, device_css, line_starts_for, marks_for, paragraphs, render_article)
from toolkit.handouts.lines import LineMap
from toolkit.spans import Span

CATALOGUE = load_catalogue()
DEVICES = CATALOGUE.devices
VOID = ()


class Collector(HTMLParser):
    """Checks nesting and collects article text, callouts and line numbers separately."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.callouts: list[str] = []
        self.numbers: list[str] = []
        self.classes: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        self.stack.append((tag, classes))
        self.classes.append(classes.split())
        if "co" in classes.split():  # a callout badge: an image, its number in data-n
            self.callouts.append(dict(attrs)["data-n"])

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        inner = self.stack[-1][1].split() if self.stack else []
        if "co" in inner:
            assert data.strip() == "", "a callout badge holds only spaces (no digits)"
        elif "lno" in inner:
            self.numbers.append(data)
        else:
            self.text.append(data.replace("\u2060", "").replace("\u200b", ""))


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    assert not collector.stack, "unclosed elements"
    return collector


def expected_text(text: str) -> str:
    return "".join(text[s:e] for s, e, _ in paragraphs(text))


ALPHABET = st.sampled_from(list("ab <>&\"'\n\r中文，。“”（）A1😀\t") + ["\u2028"])
LABELS = st.sampled_from(["ANONYMOUS_SOURCE", "LOADED_LANGUAGE", "DOUBT", "APPEAL_TO_FEAR",
                          "SLOGAN", "STRAW_MAN", "EXAGGERATION"])


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[Span], list[int]]:
    text = draw(st.text(ALPHABET, min_size=1, max_size=60))
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(start, end, draw(LABELS)))
    breaks = draw(st.lists(st.integers(0, len(text)), max_size=6))
    return text, sorted(set(spans)), breaks


@settings(max_examples=300, deadline=None)
@given(articles())
def test_any_spans_render_to_wellformed_html_with_the_original_text(article) -> None:
    text, spans, breaks = article
    marks = marks_for(spans, DEVICES)
    for style in (ArticleStyle(), ArticleStyle(highlight=False, callouts=False),
                  ArticleStyle(chinese=True)):
        for starts in (None, line_starts_for(text, breaks)):
            page = parse(str(render_article(text, marks, style, starts)))
            assert "".join(page.text) == expected_text(text)
            if style.callouts and expected_text(text):
                # every span inside a paragraph gets exactly one callout, in number order
                visible = [m for m in marks if any(m.span.start < e and s < m.span.end
                                                   for s, e, _ in paragraphs(text))]
                assert page.callouts == [str(m.number) for m in visible]
            if not style.highlight:
                assert page.callouts == [] and not any("m" in c for c in page.classes)
            if starts is not None:
                assert len(page.numbers) == len(starts)


def test_markup_in_the_article_is_escaped() -> None:
    text = '<script>alert("x")</script> & <img src="http://example.invalid/a.png">'
    html = str(render_article(text, marks_for([Span(0, 8, "SLOGAN")], DEVICES), ArticleStyle(),
                              (0,)))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&#34;http" in html


def test_crossing_marks_each_keep_their_own_elements_and_tracks() -> None:
    # DOUBT (overline) crosses LOADED_LANGUAGE (underline) and REPETITION (dotted underline)
    # nests in LOADED_LANGUAGE: every primitive has its own element; the two underlines share
    # the place below the words by tracks, the outer one farther out
    text = "aaaa bbbb cccc"
    spans = [Span(0, 9, "DOUBT"), Span(5, 14, "LOADED_LANGUAGE"), Span(10, 14, "REPETITION")]
    html = str(render_article(text, marks_for(spans, DEVICES), ArticleStyle(callouts=False),
                              (0,)))
    assert html.endswith(
        '<span class="p p-overline-wavy m d-DOUBT or">aaaa </span>'
        '<span class="p p-overline-wavy m d-DOUBT ol">'
        '<span class="p p-underline-solid m d-LOADED_LANGUAGE or">bbbb</span></span>'
        '<span class="p p-underline-solid m d-LOADED_LANGUAGE ol or"> </span>'
        '<span class="p p-underline-solid m d-LOADED_LANGUAGE ol t1of2">'
        '<span class="p p-underline-dotted m d-REPETITION t0of2">cccc</span></span>'
        '</span></p>')


def test_only_the_marked_devices_are_drawn_and_numbered() -> None:
    text = "one two three four"
    spans = [Span(0, 3, "SLOGAN"), Span(4, 7, "DOUBT"), Span(8, 13, "SLOGAN")]
    marks = marks_for(spans, DEVICES, marked=["SLOGAN"])
    assert [(m.number, m.span.start) for m in marks] == [(1, 0), (2, 8)]
    page = parse(str(render_article(text, marks, ArticleStyle(), (0,))))
    assert page.callouts == ["1", "2"]
    assert not any("d-DOUBT" in c for c in page.classes)


def test_nested_same_start_callouts_in_number_order() -> None:
    text = "one two three"
    spans = [Span(0, 13, "WHATABOUTISM"), Span(0, 7, "RHETORICAL_QUESTION")]
    html = str(render_article(text, marks_for(spans, DEVICES), ArticleStyle(), (0,)))
    assert html.index('data-n="1"') < html.index('data-n="2"')
    assert html.count('class="co"') == 2


def test_line_numbers_every_fifth() -> None:
    text = "\n".join(f"line {n}" for n in range(1, 13))
    starts = line_starts_for(text, [])
    page = parse(str(render_article(text, [], ArticleStyle(line_step=5), starts)))
    assert page.numbers == ["5", "10"]
    assert LineMap(starts).line_of(text.index("line 7")) == 7


def test_paragraphs_skip_blank_lines_and_carriage_returns() -> None:
    assert paragraphs("a\r\n\r\n  \nb\nc") == [(0, 1, False), (8, 9, True), (10, 11, False)]


def test_device_css_draws_every_primitive_of_the_devices_and_no_others() -> None:
    css = device_css(DEVICES.values())
    used = {name for d in DEVICES.values() for name in d.cue}
    for name in used:
        assert f" .p-{name} {{" in css or f".p-{name} {{" in css
    only = device_css([DEVICES["SLOGAN"]])
    assert ".p-bold {" in only and ".p-underline-solid" not in only
    assert "text-decoration" not in css  # WeasyPrint draws one decoration per nesting stack
    assert "http" not in css.replace("http://www.w3.org/2000/svg", "")


def test_marks_are_numbered_in_reading_order() -> None:
    spans = [Span(5, 9, "SLOGAN"), Span(0, 3, "DOUBT"), Span(0, 9, "DOUBT")]
    assert [(m.number, m.span) for m in marks_for(spans, DEVICES)] == [
        (1, Span(0, 3, "DOUBT")), (2, Span(0, 9, "DOUBT")), (3, Span(5, 9, "SLOGAN"))]
    assert Mark(1, Span(0, 1, "X")).cue == ()
    assert set(cues.KINDS) >= {n for d in DEVICES.values() for n in d.cue}


def test_chinese_typesetting_compresses_meeting_punctuation_and_spaces_latin_runs() -> None:
    from toolkit.handouts.highlight import typesetting

    text = "他说：“（测试）”。中国AI产业在2024年,iPhone 15发布。"
    found = {text[a:b] + f"@{a}": c for (a, b), c in typesetting(text).items()}
    # "：“（": the closing colon and the first opening mark at half width, "（" keeps its own
    # width; "）”。": the two closing marks halved, the full stop kept
    assert found == {"：@2": "pc", "“@3": "pc", "）@7": "pc", "”@8": "pc",
                     "AI@12": "hb", "2024@17": "hb", "15@30": "hr"}
    html = str(render_article(text, [], ArticleStyle(chinese=True), (0,)))
    assert '<span class="pc">：</span>' in html and '<span class="hb">AI</span>' in html
    assert parse(html).text == [text[:2], "：", "“", "（测试", "）", "”", "。中国", "AI",
                                "产业在", "2024", "年,iPhone ", "15", "发布。"]
