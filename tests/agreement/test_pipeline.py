"""From several annotators to the teacher key: adjudicate, then build, and the key prints how
many annotators agreed on each span."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import read_jsonl, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def test_adjudicated_agreement_reaches_the_teacher_key(tmp_path: Path) -> None:
    sample = next(d for d in read_jsonl(ROOT / "annotations" / "samples" / "gold.jsonl")
                  if d.doc_id.startswith("sample-en-"))
    spans = list(sample.spans)
    collection = tmp_path / "annotations"
    write_jsonl(collection / "ana.jsonl", [sample])
    write_jsonl(collection / "ben.jsonl", [sample.with_spans(spans[1:])])
    write_jsonl(collection / "cho.jsonl", [sample.with_spans(spans[:-1])])
    runner = CliRunner()
    result = runner.invoke(app, ["adjudicate", str(collection), "-o", str(collection / "gold.jsonl")])
    assert result.exit_code == 0, result.output
    (gold,) = read_jsonl(collection / "gold.jsonl")
    assert gold.spans == sample.spans  # every span has at least 2 of 3 votes
    spec = tmp_path / "lesson.yaml"
    spec.write_text("title: Drone ban\nlanguage: en\nannotations: annotations/gold.jsonl\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["build", str(spec), "--out", str(tmp_path / "out"),
                                 "--format", "html", "--handouts", "teacher", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    key = (tmp_path / "out" / "lesson" / "teacher.html").read_text(encoding="utf-8")
    assert "<th class=\"num\">Agreed</th>" in key
    assert key.count(">2 of 3<") == 2 and key.count(">3 of 3<") == len(spans) - 2
