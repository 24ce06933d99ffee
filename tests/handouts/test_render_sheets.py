"""The renderer gives WeasyPrint a page's style sheets parsed (the handouts' linked sheet once per
renderer) instead of letting it parse them on every render: the PDFs must not change.

WeasyPrint ranks the sheets it is given below the page's own, so the renderer moves every sheet
of the head, in order, and renders a page as it is when a sheet holds what could rank otherwise
(`!important`, `@layer`, `@import`, `@font-face`, `@counter-style`) or the head has another kind
of style source. Each test here compares PDFs byte for byte, or what was parsed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.devices import Catalogue
from toolkit.handouts import load_lessons
from toolkit.handouts.build import printed_lines
from toolkit.handouts.render import TEMPLATES, Templates, lesson_marks
from toolkit.render.pdf import Renderer, _head_sheets

#: A `<style>` that changes nothing but makes the renderer render the page as it is.
AS_IT_IS = "<style>/* !important */</style>"


def _as_it_is(html: str) -> str:
    return html.replace("</head>", AS_IT_IS + "</head>", 1)


#: Every test here typesets afresh, in a cache folder of its own (conftest `own_cache`).
pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.mark.parametrize("kind", ["teacher", "annotated"])
def test_handouts_are_byte_identical_with_parsed_sheets(kind: str, catalogue: Catalogue,
                                                        english_spec: Path) -> None:
    # the English lesson marks every device of the samples: device rules of the page's own
    # <style> meet the linked sheet's rules on the same elements
    [lesson] = load_lessons([english_spec], catalogue)
    templates, renderer = Templates(), Renderer(TEMPLATES)
    lines = printed_lines(lesson, "a4")
    html = templates.handout_html(lesson, lesson_marks(lesson), kind, "a4", lines, inline=False)
    assert _head_sheets(html) is not None
    parsed = renderer.pdf(html, kind)
    assert renderer._linked["handout.css"] is not None
    as_it_is = Renderer(TEMPLATES).pdf(_as_it_is(html), kind)
    assert parsed.pages == as_it_is.pages
    assert parsed.data == as_it_is.data


def test_the_seed_key_is_the_same(catalogue: Catalogue, seed_spec: Path) -> None:
    # its lines were typeset on a probe page rendered with the parsed sheets too
    [lesson] = load_lessons([seed_spec], catalogue)
    templates = Templates()
    lines = printed_lines(lesson, "a4")
    assert lines.typeset
    html = templates.handout_html(lesson, lesson_marks(lesson), "teacher", "a4", lines,
                                  inline=False)
    assert Renderer(TEMPLATES).pdf(html, "k").data == Renderer(TEMPLATES).pdf(
        _as_it_is(html), "k").data


def test_the_linked_sheet_is_parsed_once_per_renderer() -> None:
    renderer = Renderer(TEMPLATES)
    page = ('<html><head><link rel="stylesheet" href="handout.css"><style>p{color:red}</style>'
            '</head><body><p>one</p></body></html>')
    renderer.page_count(page)
    first = renderer._linked["handout.css"]
    renderer.page_count(page.replace("one", "two"))
    assert renderer._linked["handout.css"] is first
    assert list(renderer._linked) == ["handout.css"]


@pytest.mark.parametrize("head", [
    "<title>t</title>",  # no sheet
    '<link rel="stylesheet" href="handout.css"><link rel="icon" href="x.png">',
    '<link rel="stylesheet" href="handout.css" media="screen">',
    '<style media="print">p{}</style>',
    "<style>p { color: red !important }</style>",
    "<style>@import url(handout.css);</style>",
    "<style>@layer base { p { color: red } }</style>",
    "<style>@font-face { font-family: x; src: url(x.ttf) }</style>",
])
def test_pages_the_renderer_renders_as_they_are(head: str) -> None:
    assert _head_sheets(f"<html><head>{head}</head><body><p>x</p></body></html>") is None


def test_sheets_come_out_in_their_order() -> None:
    html = ('<html><head><title>a &lt;style&gt;</title><link rel="stylesheet" href="a.css">'
            "<style>p{}</style></head><body><p>&lt;style&gt;</p></body></html>")
    page, sheets = _head_sheets(html)
    assert sheets == [("a.css", None), (None, "p{}")]
    assert page == ("<html><head><title>a &lt;style&gt;</title></head>"
                    "<body><p>&lt;style&gt;</p></body></html>")


def test_a_linked_file_outside_the_folder_is_not_read(tmp_path: Path) -> None:
    base = tmp_path / "templates"
    base.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }", encoding="utf-8")
    (base / "linked.css").symlink_to(secret)
    (base / "plain.css").write_text("p { color: blue }", encoding="utf-8")
    renderer = Renderer(base)
    for name in ("linked.css", "plain.css", "absent.css"):
        renderer.page_count('<html><head><link rel="stylesheet" href="%s"></head>'
                            "<body><p>x</p></body></html>" % name)
    assert renderer._linked["linked.css"] is None  # left to WeasyPrint's fetcher, which refuses
    assert renderer._linked["absent.css"] is None
    assert renderer._linked["plain.css"] is not None
