"""Render cues for real and measure them in grayscale pixels (the way a photocopy is seen).

Every cue is rendered by the handouts' own CSS and WeasyPrint on a line of its own between two
plain lines, printed to a grayscale PNG at 150 dpi by pdftoppm, and described by a feature
vector of things a reader sees at a glance (see `FEATURES`).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from toolkit.devices import cues
from toolkit.devices.catalogue import Device
from toolkit.handouts.highlight import ArticleStyle, Mark, device_css, render_article
from toolkit.handouts.render import STYLESHEET, TEMPLATES
from toolkit.render.pdf import Renderer
from toolkit.spans import Span

DPI = 150
FONT_PT = 10.5
EM = FONT_PT / 72 * DPI  # pixels per em of article text
TEXTS = {"zh": "核心技术受制于人随时可能被卡脖子", "en": "sources say the plan will fail",
         "mixed": "中国AI产业迎来生死劫"}

#: feature → the smallest difference a reader notices at a glance on a 150 dpi grayscale copy
#: (its "just noticeable difference", JND). Pixels are 1/150 inch = 0.17 mm.
FEATURES = {
    # how much of a place is inked (0..1): a thin rule over the zone is ~0.25, a band ~0.6+
    "above_cover": 0.12, "below_cover": 0.12,
    # how far the ink of a place sits from the words (px): a box edge close, a rule farther out
    "above_dist": 2.0, "below_dist": 2.0,
    # how thick the ink is across the line (px of rows inked over half the peak)
    "above_thick": 2.0, "below_thick": 2.0,
    # how many separate strokes a place has across the line (a double rule has two)
    "above_strokes": 1.0, "below_strokes": 1.0,
    # how much of the length is inked (a dashed or dotted rule leaves gaps)
    "above_duty": 0.22, "below_duty": 0.22,
    # the rhythm along the line: log2 of the repeat length in px (0 when there is none)
    "above_period": 0.6, "below_period": 0.6,
    # how much the ink wanders up and down along the line (a wavy rule), px
    "above_wave": 1.0, "below_wave": 1.0,
    # near and far halves of a band taking turns along the line (a checkerboard): 0..2
    "above_alternate": 0.5, "below_alternate": 0.5,
    # extra ink among the letters (bold letters, a grey tint), 0..1
    "through": 0.05,
    # strokes standing at the two ends beyond the words (box sides, brackets), and how far they
    # reach above and below the words (px)
    "ends": 1.0, "ends_reach": 2.5,
}


@dataclass
class Sample:
    """One rendering: the cue's name, the text, the feature vector."""

    name: str
    text: str
    features: dict[str, float]


def _page(body: str, css: str, height_mm: float = 36) -> str:
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<link rel='stylesheet' href='{STYLESHEET}'><style>{css}"
            ".lno { visibility: hidden } "
            f"@page {{ size: 150mm {height_mm}mm; margin: 3mm 8mm; @top-left {{ content: none }} "
            "@top-right { content: none } @bottom-center { content: none } }"
            "</style></head><body class='teacher'>" + body + "</body></html>")


def _block(text: str, lang: str, marks: list[Mark]) -> str:
    plain = "一二三四五六七八九十" if lang == "zh" else "plain words on a line"
    full = f"{plain}\n{text}\n{plain}"
    start = len(plain) + 1
    shifted = [Mark(m.number, Span(start + m.span.start, start + m.span.end, m.span.label),
                    m.cue) for m in marks]
    html = render_article(full, shifted, ArticleStyle(callouts=False),
                          (0, start, start + len(text) + 1))
    return f"<div class='article' lang='{lang}'>{html}</div>"


def render_pages(blocks: list[str], css: str, folder: Path,
                 height_mm: float = 36) -> list[np.ndarray]:
    """Render one page per block; return each page's ink (1 = black) at DPI, grayscale."""
    body = "".join(f"<section style='break-before: page'>{b}</section>" for b in blocks)
    pdf = Renderer(TEMPLATES).pdf(_page(body, css, height_mm), "cue test").data
    (folder / "cues.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(DPI), str(folder / "cues.pdf"),
                    str(folder / "page")], check=True)
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    return [1.0 - np.asarray(Image.open(p).convert("L"), dtype=float) / 255.0 for p in pages]


def rows_of_ink(ink: np.ndarray, threshold: float = 0.3) -> list[tuple[int, int]]:
    """Runs of rows holding ink (the printed lines), top to bottom."""
    inked = (ink > threshold).any(axis=1)
    runs, start = [], None
    for y, on in enumerate(inked):
        if on and start is None:
            start = y
        if not on and start is not None:
            runs.append((start, y - 1))
            start = None
    if start is not None:
        runs.append((start, len(inked) - 1))
    return runs


def _runs(values: np.ndarray) -> int:
    on = values.astype(bool)
    return int(on[0]) + int(np.sum(on[1:] & ~on[:-1])) if len(on) else 0


def _period(profile: np.ndarray) -> float:
    """log2 of the dominant repeat length (px) of a column profile; 0 when none."""
    x = profile - profile.mean()
    if len(x) < 12 or profile.max() - profile.min() < 0.5 * profile.max():
        return 0.0  # no rhythm a reader would see (an even rule, or seams between tiles)
    ac = np.correlate(x, x, mode="full")[len(x) - 1:]
    ac = ac / ac[0]
    for k in range(3, min(40, len(x) // 2)):  # the first clear repeat
        if ac[k] > 0.35 and ac[k] >= ac[k - 1] and ac[k] >= ac[k + 1]:
            return float(np.log2(k))
    return 0.0


def _zone(zone: np.ndarray, near_top: bool) -> dict[str, float]:
    if zone.size == 0 or zone.max() < 0.25:
        return {"cover": 0.0, "dist": 0.0, "thick": 0.0, "strokes": 0.0, "duty": 0.0,
                "period": 0.0, "wave": 0.0, "alternate": 0.0}
    rows = zone.mean(axis=1)
    ys = np.arange(len(rows))
    inked = rows > 0.5 * rows.max()
    dist_rows = ys if near_top else ys[::-1]
    weight = rows / rows.sum()
    columns = zone.max(axis=0)
    has = columns > 0.4
    centroids = [(ys * zone[:, x]).sum() / zone[:, x].sum() for x in np.nonzero(has)[0]]
    return {
        "cover": float(zone.mean()),
        "dist": float((dist_rows * weight).sum()),
        "thick": float(inked.sum()),
        "strokes": float(_runs(rows > 0.3 * rows.max())),
        "duty": float(has.mean()),
        "period": _period(columns),
        "wave": float(np.std(centroids)) if len(centroids) > 2 else 0.0,
        "alternate": _alternation(zone),
    }


def _alternation(zone: np.ndarray) -> float:
    """How much the near and far halves of a band take turns along the line (a checkerboard):
    1 - their correlation, so 0 for rules, stripes and blocks, 2 for perfect turns."""
    rows = zone.mean(axis=1)
    inked = np.nonzero(rows > 0.3 * rows.max())[0]
    if len(inked) < 4:
        return 0.0
    middle = (inked[0] + inked[-1] + 1) // 2
    near, far = zone[inked[0]:middle].mean(axis=0), zone[middle:inked[-1] + 1].mean(axis=0)
    if near.std() < 0.05 or far.std() < 0.05:
        return 0.0
    return float(1.0 - np.corrcoef(near, far)[0, 1])


def features(marked: np.ndarray, plain: np.ndarray) -> dict[str, float]:
    """The feature vector of the mark on the middle line of `marked`, with `plain` the same
    text rendered without a mark (which gives the rows and columns of the words)."""
    lines = rows_of_ink(plain)
    assert len(lines) == 3, f"expected three printed lines, found {lines}"
    top, bottom = lines[1]
    above_limit = (lines[0][1] + top) // 2
    below_limit = (bottom + lines[2][0]) // 2
    cols = np.nonzero((plain[top:bottom + 1] > 0.3).any(axis=0))[0]
    left, right = int(cols.min()), int(cols.max())
    pad = int(1.0 * EM)
    window = slice(max(0, left - pad), right + pad + 1)
    # the rule zones away from the ends (where brackets have feet and boxes their corners;
    # a box or brackets also move the words right by their side room)
    inner = slice(left + int(0.5 * EM), right - int(0.2 * EM))
    found: dict[str, float] = {}
    for name, zone, near_top in (("above", marked[above_limit:top - 1, inner], False),
                                 ("below", marked[bottom + 2:below_limit, inner], True)):
        for key, value in _zone(zone, near_top).items():
            found[f"{name}_{key}"] = value
    band_marked = marked[top:bottom + 1, window]
    band_plain = plain[top:bottom + 1, window]
    found["through"] = float(band_marked.mean() - band_plain.mean())
    # ends: columns outside the words inked continuously from above the words to below them
    region = marked[above_limit:below_limit, window]
    offset_top, offset_bottom = top - above_limit, bottom - above_limit
    standing = []
    for x in range(region.shape[1]):
        column = region[:, x] > 0.4
        if column[offset_top - 2] and column[offset_bottom + 2] and \
                column[offset_top:offset_bottom + 1].mean() > 0.9:
            reach = 0
            while offset_top - reach - 1 >= 0 and column[offset_top - reach - 1]:
                reach += 1
            standing.append((x, reach))
    groups: list[list[tuple[int, int]]] = []
    for x, reach in standing:
        if groups and x - groups[-1][-1][0] <= 2:
            groups[-1].append((x, reach))
        else:
            groups.append([(x, reach)])
    found["ends"] = float(len(groups))
    found["ends_reach"] = float(max((r for g in groups for _, r in g), default=0))
    return found


def distance(a: dict[str, float], b: dict[str, float]) -> tuple[float, str]:
    """How far apart two marks look, in JNDs of the feature that differs most, and which."""
    return max(((abs(a[k] - b[k]) / jnd, k) for k, jnd in FEATURES.items()))


def measure(devices: list[Device], folder: Path) -> dict[str, list[Sample]]:
    """Render every device's cue on every sample text; return the samples per device id."""
    found: dict[str, list[Sample]] = {}
    for text_name, text in TEXTS.items():
        lang = "en" if text_name == "en" else "zh"
        blocks = [_block(text, lang, [])] + [
            _block(text, lang, [Mark(1, Span(0, len(text), d.id), tuple(d.cue))])
            for d in devices]
        where = folder / text_name
        where.mkdir(parents=True, exist_ok=True)
        plain, *pages = render_pages(blocks, device_css(devices, lang), where)
        for device, page in zip(devices, pages):
            found.setdefault(device.id, []).append(
                Sample(device.id, text_name, features(page, plain)))
    return found
