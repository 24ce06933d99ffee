"""The cue system on a photocopier: every pair of catalogue cues can be told apart in grayscale at
150 dpi, and marks sit on their own line, nested and crossing spans included.

The measure (tests/handouts/cue_pixels.py): each cue is rendered for real (the handouts' CSS,
WeasyPrint, pdftoppm -gray -r 150) under three texts (Chinese, English, mixed) and described by
features a reader sees at a glance: for the place above and the place below the words how much
is inked, how far from the words, how thick, how many strokes, how much of the length, the
rhythm along the line, how much it wanders up and down, whether a band's halves take turns;
ink among the letters (bold, tint); strokes standing at the ends (boxes, brackets) and how far
they reach. Each feature has a just-noticeable difference (JND) for a 150 dpi copy read at arm's
length. Two cues are told apart when some feature differs by at least one JND on every text;
the measure is trusted because the same cue under different texts stays within 0.7 JND, and
because it does fail pairs that the issue found confusable (diagonal against back-diagonal
hatching, a double hairline against a solid rule).
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pytest
from cue_pixels import EM, distance, measure, render_pages, rows_of_ink

from toolkit.devices import Catalogue
from toolkit.handouts.highlight import ArticleStyle, device_css, marks_for, render_article
from toolkit.spans import Span

PAIR_MIN = 1.0  # JND: any two cues marked at once
SELF_MAX = 0.7  # JND: one cue under different texts


@pytest.fixture(scope="module")
def measured(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory):
    return measure(list(catalogue.devices.values()), tmp_path_factory.mktemp("cues"))


def test_every_pair_of_catalogue_cues_is_told_apart_in_grayscale(measured) -> None:
    # any two devices can be the focus of one lesson (or both be marked with `marks: all`)
    close = []
    for a, b in itertools.combinations(sorted(measured), 2):
        worst = min((distance(x.features, y.features) + (x.text,)
                     for x in measured[a] for y in measured[b] if x.text == y.text))
        if worst[0] < PAIR_MIN:
            close.append(f"{a} / {b}: {worst[0]:.2f} JND ({worst[1]}, {worst[2]} text)")
    assert close == [], "cues a reader cannot tell apart:\n" + "\n".join(close)
    assert len(measured) * (len(measured) - 1) // 2 >= 250  # all 23 catalogue devices


def test_one_cue_looks_the_same_under_any_text(measured) -> None:
    for device, samples in measured.items():
        for x, y in itertools.combinations(samples, 2):
            far, feature = distance(x.features, y.features)
            assert far <= SELF_MAX, f"{device}: {x.text} vs {y.text} differ in {feature}"


def test_the_measure_fails_the_confusable_pairs(catalogue: Catalogue, tmp_path: Path) -> None:
    base = catalogue.get("LOADED_LANGUAGE")
    variants = [dataclasses.replace(base, id=f"X{i}", cue=(cue,)) for i, cue in enumerate(
        ("pattern-diagonal", "pattern-backdiagonal", "underline-solid", "underline-solid"))]
    found = measure(variants, tmp_path)
    hatch = min(distance(x.features, y.features)[0] for x in found["X0"] for y in found["X1"]
                if x.text == y.text)
    same = max(distance(x.features, y.features)[0] for x in found["X2"] for y in found["X3"]
               if x.text == y.text)
    assert hatch < PAIR_MIN and same == 0.0


def _ink_rows(page: np.ndarray, plain: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The printed lines' rows (from the page without marks) and the marks' own ink per row."""
    lines = rows_of_ink(plain)
    extra = np.clip(page - plain, 0, 1)
    return lines, (extra > 0.4).sum(axis=1)


def _owner(row: int, lines: list[tuple[int, int]]) -> tuple[int, float, float]:
    """For an inked row between lines: the index of the nearest line and both distances."""
    gaps = [(max(top - row, row - bottom, 0), index) for index, (top, bottom) in enumerate(lines)]
    gaps.sort()
    return gaps[0][1], gaps[0][0], gaps[1][0]


def test_marks_sit_on_their_own_line_wrapped_nested_and_crossing(catalogue: Catalogue,
                                                                 tmp_path: Path) -> None:
    text = "他们说这件事情已经完全失控了谁也挡不住\n我们还能相信谁呢这真的只是一个意外吗\n结尾这一行没有任何标记的文字内容"
    line2 = text.index("我们")
    starts = (0, line2, text.index("结尾"))
    cases = {
        # an overline span wrapped over two lines: above line 1 and above line 2, never read as
        # an underline of the line above it
        "wrapped overline": ([Span(4, line2 + 6, "NAME_CALLING")], {"above": {0, 1}}),
        # an underline inside an underline, and a wavy underline crossing them: all under
        # their own lines, nothing painted above the words (no false overline)
        "nested underlines": ([Span(2, 16, "LOADED_LANGUAGE"), Span(5, 10, "REPETITION"),
                               Span(8, line2 + 8, "RHETORICAL_QUESTION")], {"below": {0, 1}}),
        # an overline crossing an underline
        "crossing": ([Span(1, 12, "DOUBT"), Span(6, line2 + 4, "EXAGGERATION")],
                     {"above": {0}, "below": {0, 1}}),
    }
    devices = catalogue.devices
    blocks = ["<div class='article' lang='zh'>"
              + str(render_article(text, [], ArticleStyle(callouts=False), starts)) + "</div>"]
    for spans, _ in cases.values():
        blocks.append("<div class='article' lang='zh'>" + str(render_article(
            text, marks_for(spans, devices), ArticleStyle(callouts=False), starts)) + "</div>")
    pages = render_pages(blocks, device_css(devices.values()), tmp_path, height_mm=44)
    plain = pages[0]
    for (name, (spans, expected)), page in zip(cases.items(), pages[1:]):
        lines, inked = _ink_rows(page, plain)
        assert len(lines) == 3, name
        places: dict[str, set[int]] = {"above": set(), "below": set()}
        rows = [int(r) for r in np.nonzero(inked > 3)[0]
                if not any(top <= r <= bottom for top, bottom in lines)]  # not among letters
        strokes = [[rows[0]]] if rows else []  # one mark: rows with gaps of at most 3 px (a
        for row in rows[1:]:                   # double rule is one mark)
            if row <= strokes[-1][-1] + 4:
                strokes[-1].append(row)
            else:
                strokes.append([row])
        for stroke in strokes:
            for row in stroke:  # every inked row is nearer its own line than the next one
                owner, near, far = _owner(row, lines)
                assert near < far, f"{name}: row {row} is as near line {owner + 1} as another"
            owner, near, far = _owner(sum(stroke) // len(stroke), lines)
            place = "above" if stroke[0] < lines[owner][0] else "below"
            # the stroke's middle clearly nearer its own line (at most 0.6 of the distance to
            # the neighbouring line), and not touching the words
            assert near <= 0.6 * far, f"{name}: a mark {place} line {owner + 1} (rows " \
                                      f"{stroke[0]}-{stroke[-1]}) is {near} px from it but " \
                                      f"{far} px from the next line"
            assert min(_owner(r, lines)[1] for r in stroke) >= 0.1 * EM, \
                f"{name}: a mark touches the words of line {owner + 1}"
            places[place].add(owner)
        assert {k: v for k, v in places.items() if v} == expected, name
