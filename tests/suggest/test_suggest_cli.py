"""`mlt suggest` end to end: .txt and JSONL inputs, device filter, existing spans, errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.spans import Span

ARTICLE = ("市场要变天了？\n\n作者 2025-01-02\n\n据业内人士透露，这家超市下月关门。"
           "不少人认为，这只是开始。让我们拭目以待。\n")


def test_suggest_txt_and_jsonl(tmp_path):
    article = tmp_path / "shop.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    english = tmp_path / "en.jsonl"
    write_jsonl(english, [Document.create("Experts say the plan will fail. Who is surprised?",
                                          [Span(0, 7, "SLOGAN")], doc_id="en-1")])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["suggest", str(article), str(english), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("wrote 2 document(s), ")
    assert ("note: 1 span(s) already in the input were not copied (use --keep-existing to keep "
            "them)") in result.output
    zh, en = read_jsonl(out)
    assert zh.doc_id == "shop" and en.doc_id == "en-1"
    labels = {(zh.span_text(s), s.label) for s in zh.spans}
    assert ("据业内人士透露，这家超市下月关门", "VAGUE_ATTRIBUTION") in labels
    assert ("市场要变天了？", "RHETORICAL_QUESTION") in labels
    assert {s.label for s in en.spans} == {"VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION"}
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert all(set(r) == {"start", "end", "label", "rule", "reason"} for r in record["suggestions"])


def test_devices_filter_and_keep_existing(tmp_path):
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [Document.create("不少人认为，这只是开始？", [Span(0, 2, "SLOGAN")],
                                         doc_id="x", language="zh")])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["suggest", str(source), "-o", str(out), "--devices",
                                      "RHETORICAL_QUESTION", "--keep-existing"])
    assert result.exit_code == 0, result.output
    [document] = read_jsonl(out)
    assert [(s.start, s.end, s.label) for s in document.spans] == [
        (0, 2, "SLOGAN"), (0, 12, "RHETORICAL_QUESTION")]


def test_errors_name_what_is_allowed(tmp_path):
    runner = CliRunner()
    source = tmp_path / "a.txt"
    source.write_text("标题\n\n正文。", encoding="utf-8")
    out = str(tmp_path / "o.jsonl")
    bad_device = runner.invoke(app, ["suggest", str(source), "-o", out, "--devices", "SLOGANS"])
    assert bad_device.exit_code == 2  # usage mistakes exit 2 (docs/cli.md)
    assert ("Error: Invalid value for '--devices': unknown device 'SLOGANS' — did you mean "
            "SLOGAN?") in bad_device.output
    bad_lang = runner.invoke(app, ["suggest", str(source), "-o", out, "--lang", "fr"])
    assert bad_lang.exit_code == 2
    assert "Error: Invalid value for '--lang': 'fr' (allowed: zh, en, auto)" in bad_lang.output
    bad_type = runner.invoke(app, ["suggest", str(tmp_path / "a.pdf"), "-o", out])
    assert f"Error: {tmp_path / 'a.pdf'}: no such file" in bad_type.output
    (tmp_path / "a.doc").write_text("x", encoding="utf-8")
    other = runner.invoke(app, ["suggest", str(tmp_path / "a.doc"), "-o", out])
    assert "unknown input type '.doc' (allowed: .jsonl, .txt, .text, .md)" in other.output
    segmenter = runner.invoke(app, ["suggest", str(source), "-o", out, "--segmenter", "pkuseg"])
    assert segmenter.exit_code == 2
    assert ("Error: Invalid value for '--segmenter': 'pkuseg' (allowed: char, jieba)"
            in segmenter.output)
    assert not (tmp_path / "o.jsonl").exists()


def test_jieba_segmenter_gives_the_same_regex_offsets(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("标题很长吗？\n\n据业内人士透露，下月关门。", encoding="utf-8")
    outputs = []
    for segmenter in ("char", "jieba"):
        out = tmp_path / f"{segmenter}.jsonl"
        result = CliRunner().invoke(app, ["suggest", str(source), "-o", str(out), "--segmenter",
                                          segmenter])
        assert result.exit_code == 0, result.output
        outputs.append(read_jsonl(out)[0].spans)
    assert outputs[0] == outputs[1]
