"""`mlt score` with the lesson the class used: real PDFs, the worksheet's printed line numbers."""

from __future__ import annotations

import csv
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import read_jsonl, write_jsonl
from toolkit.devices import load_catalogue
from toolkit.handouts.build import load_lessons, printed_lines

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "lessons" / "battery-breakthrough.yaml"
GOLD = ROOT / "annotations" / "samples" / "gold.jsonl"


def test_feedback_sheets_cite_the_worksheet_lines(tmp_path: Path) -> None:
    documents = read_jsonl(GOLD)
    key = next(d for d in documents if d.doc_id.startswith("sample-zh-"))
    others = sum(len(d.spans) for d in documents if d is not key)
    spans = list(key.spans)
    students = tmp_path / "class"
    # one student tags the first half of the key, the other nothing at all
    write_jsonl(students / "lin.jsonl", [key.with_spans(spans[: len(spans) // 2])])
    write_jsonl(students / "wu.jsonl", [key.with_spans([])])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["score", str(students), "--key", str(GOLD),
                                      "-o", str(out), "--lang", "zh", "--lesson", str(LESSON)])
    assert result.exit_code == 0, result.output
    with open(out / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student"]: row for row in csv.DictReader(handle)}
    assert grades["lin"]["found"] == str(len(spans) // 2)
    # the other sample document is in the key too: nobody submitted it, so it is not scored
    assert others and grades["lin"]["missed"] == str(len(spans) - len(spans) // 2)
    assert grades["wu"]["score_percent"] == "0"
    assert grades["wu"]["status"] == "partly submitted"
    assert grades["wu"]["not_submitted"].startswith("sample-en-")

    (lesson,) = load_lessons([LESSON], load_catalogue())
    line_of = printed_lines(lesson).line_of
    missed = spans[len(spans) // 2]
    sheet = (out / "lin.feedback.html").read_text(encoding="utf-8")
    assert f"行 {line_of(missed.start)} · " in sheet
    text = "".join(page.extract_text() for page in PdfReader(out / "lin.feedback.pdf").pages)
    assert "标注反馈" in text and "你漏掉的" in text and "lin" in text
