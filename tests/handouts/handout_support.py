"""Helpers for the handout tests (a uniquely named module, so `import` never picks up another
folder's conftest): paths, the seed-article document, lesson writing, printed-line parsing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from toolkit.corpus import Document, fingerprint, write_jsonl
from toolkit.spans import Span

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED_TEXT = SHARED / "seed" / "chip-ban-article.zh.txt"
SEED_GOLD = REPO / "tests" / "data" / "seed-gold.json"
LESSONS = REPO / "lessons"
SAMPLES = REPO / "annotations" / "samples" / "gold.jsonl"


def seed_document() -> Document:
    """The seed article's body with the teacher's gold spans (text read from the shared file)."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert fingerprint(text) == gold["fingerprint"], "the shared seed article changed"
    body = text[:gold["body_end"]]
    spans = [Span(s, e, label) for s, e, label in gold["label"] if e <= gold["body_end"]]
    return Document.create(body, spans, doc_id=gold["doc_id"], title=gold["title"],
                           date=gold["date"], source=gold["source"], language=gold["language"])


def write_lesson(folder: Path, name: str, documents: list[Document], spec: str) -> Path:
    """Write `documents` to folder/NAME.jsonl and the spec (YAML text) to folder/NAME.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / f"{name}.jsonl", documents)
    path = folder / f"{name}.yaml"
    path.write_text(spec, encoding="utf-8")
    return path


def layout_text(pdf: Path) -> str:
    """The text of a PDF as `pdftotext -layout` extracts it (each printed line one line)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def article_lines(text: str, start: str, end: str) -> dict[int, str]:
    """The numbered lines of the printed article: {line number: text}, read from extracted PDF
    text (`layout_text`) between the line starting with `start` and the first line equal to
    `end`."""
    lines = [line.strip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if i > first and line == end)
    found: dict[int, str] = {}
    for line in lines[first + 1:last]:
        match = re.match(r"^(\d+)\s+(.*)$", line)
        if match:
            number = int(match.group(1))
            assert number not in found, f"line {number} printed twice"
            found[number] = match.group(2)
    return found


def line_boxes(pdf: Path) -> dict[int, tuple[int, float, float, float, str]]:
    """The numbered article lines of a PDF as poppler places them (`pdftotext -bbox-layout`,
    points): {line number: (page index, right edge of the number, left edge of the line's first
    word, right edge of its last word, its text)}. A line's number is a word of digits ending in the gutter; the line's words
    are the words to the right of the gutter whose boxes hold the number's middle height. A
    word's right edge is its last glyph's advance, so spacing after it does not count. Only the
    article's numbers count: 1, 2, 3, ... in reading order (answer tables come later)."""
    from xml.etree import ElementTree

    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    found: dict[int, tuple[int, float, float, float, str]] = {}
    for index, page in enumerate(ElementTree.fromstring(xml).iter("page")):
        words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                  float(w.get("yMax")), w.text or "") for w in page.iter("word")]
        gutter = sorted((w for w in words if w[4].isdigit() and w[2] < 68),  # text: 70.9 pt
                        key=lambda w: w[1])
        for number in gutter:
            middle = (number[1] + number[3]) / 2
            row = sorted(w for w in words if w[0] > number[2] + 2 and w[1] <= middle <= w[3])
            if row and int(number[4]) == len(found) + 1:  # the article's lines come first
                found[len(found) + 1] = (index, number[2], row[0][0], row[-1][2],
                                         "".join(w[4] for w in row))
    return found
