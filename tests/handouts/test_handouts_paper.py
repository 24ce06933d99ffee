"""Paper: how many pages the seed lesson takes on A4, and where pages break the article."""

from __future__ import annotations

import re

import pytest
from handout_support import LESSONS, layout_text
from pypdf import PdfReader

from toolkit.handouts import load_lessons
from toolkit.handouts.build import printed_lines as lesson_lines
from toolkit.handouts.highlight import paragraphs

#: the most pages each handout of the seed-article lesson may take on A4 (issue #11)
SEED_PAGES = {"student": 5, "teacher": 7, "annotated": 4}


def test_seed_lesson_fits_its_paper_budget(built) -> None:
    result = next(r for r in built.results if r.name == "seed")
    for kind, most in SEED_PAGES.items():
        pages = len(PdfReader(built.folder("seed") / f"{kind}.pdf").pages)
        assert pages == result.pages[kind] <= most, f"{kind}: {pages} pages"


@pytest.mark.parametrize("name", ["seed", "battery-breakthrough", "drone-ban-every-line"])
def test_pages_break_only_between_paragraphs(name, built, catalogue, seed_spec,
                                             english_spec) -> None:
    lesson = next(x for x in load_lessons([LESSONS, seed_spec, english_spec], catalogue)
                  if x.name == name)
    lines = lesson_lines(lesson)
    first_lines = {lines.line_of(start) for start, _, _ in paragraphs(lesson.document.text)}
    assert len(first_lines) < len(lines)  # some paragraphs do wrap over several lines
    for kind in SEED_PAGES:
        pages = layout_text(built.folder(name) / f"{kind}.pdf").split("\f")
        previous, checked = 0, 0
        for number, page in enumerate(pages, start=1):
            numbered = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s{2,}\S", page, re.M)]
            numbered = [n for n in numbered if n == previous + 1 or previous < n <= len(lines)]
            if not numbered:
                continue
            # the page's first article line starts a paragraph: no paragraph (and so no word)
            # is cut by a page break, and no line is left alone at the top of a page
            assert numbered[0] in first_lines, f"{kind} page {number} starts at line " \
                                               f"{numbered[0]}, inside a paragraph"
            previous, checked = numbered[-1], checked + 1
        assert previous == len(lines), f"{kind}: article lines not all found"
        assert checked >= 2 or name != "seed"  # the seed article runs over several pages
