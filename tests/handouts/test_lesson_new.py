"""`mlt lesson new`: a starter spec that is safe YAML, chooses sensible content, and builds."""

from __future__ import annotations


import json
import re
from pathlib import Path

import pytest
import yaml
from handout_support import SEED_GOLD, SEED_TEXT, SHARED
from pypdf import PdfReader
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, write_jsonl
from toolkit.formats.ptc import import_ptc
from toolkit.formats.text import import_text
from toolkit.handouts import BuildOptions, build_lessons, load_lessons
from toolkit.handouts.starter import yaml_quote
from toolkit.spans import Span

runner = CliRunner()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> Path:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    body, comments = import_text([SEED_TEXT])
    body = body.with_spans(Span(s, e, label) for s, e, label in gold["label"]
                           if e <= len(body.text))
    path = tmp_path_factory.mktemp("ann") / "articles.jsonl"
    write_jsonl(path, [body, comments])
    return path


@pytest.mark.parametrize("text", [
    "英伟达正式宣布: 停止接受中国订单! 中国AI产业迎来“生死劫”?", "Breaking: a # hash and 'quotes'",
    'He said "no" \\ then left', "- dash first", "line\nbreak\ttab", "*alias &anchor !tag",
    "\x85next line\u2028sep\ufeffbom\x7f\x9f", "emoji 😀 and 𠀀", "", "  spaces  ", "null", "yes",
    "123", "2024-10-23"])
def test_yaml_quote_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"title: {yaml_quote(text)}\n") == {"title": text}


def test_new_lesson_from_the_seed_builds_as_written(tmp_path: Path, seed_file: Path,
                                                    catalogue) -> None:
    out = tmp_path / "lessons" / "chip-ban.yaml"
    result = run("lesson", "new", seed_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: chip-ban-article-zh (zh), 77 span(s), focus ")
    spec = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert spec["title"] == "英伟达正式宣布: 停止接受中国订单! 中国AI产业迎来“生死劫”?"
    assert spec["document"] == "chip-ban-article-zh" and spec["language"] == "zh"
    assert spec["source"] == {"url": "https://www.414w.com/read/1403028.html",
                              "author": "何仪聊巨大的世界", "date": "2024-10-23"}
    assert 3 <= len(spec["focus"]) <= 5 and "ANONYMOUS_SOURCE" in spec["focus"]
    assert [t["device"] for t in spec["tasks"]] == spec["focus"][:3]
    assert len(spec["questions"]) == len(spec["answers"]) == 2
    text = out.read_text(encoding="utf-8")
    assert '#   device: ANONYMOUS_SOURCE' in text and "一位不愿透露姓名的AI大厂高管" in text
    assert "# comments: true" in text and "2 条读者评论" in text  # the page's two comments
    [lesson] = load_lessons([out], catalogue)
    assert lesson.focus == tuple(spec["focus"]) and lesson.byline
    text = text.replace("# comments: true", "comments: true")  # the teacher opts in
    out.with_name("with-comments.yaml").write_text(text, encoding="utf-8")
    [with_comments] = load_lessons([out.with_name("with-comments.yaml")], catalogue)
    assert with_comments.document.text.endswith("现在却只能你死我活!")

    built = build_lessons([out], catalogue, BuildOptions(out=tmp_path / "exports",
                                                         kinds=("student", "teacher"),
                                                         formats=("pdf",)))
    student, teacher = (pdf_text(built[0].folder / f"{kind}.pdf")
                        for kind in ("student", "teacher"))
    for printed in (student, teacher):  # the source panel, with SIFT prompts aimed at it
        assert "来源：www.414w.com" in printed and "作者：何仪聊巨大的世界" in printed
        assert "谁在运营 www.414w.com？" in printed
        assert "\n2 何仪聊巨大的世界" not in printed  # the byline is not article line 2
    # the body follows the headline (14 pt, it may wrap onto a second printed line)
    assert re.search(r"\n2 中国的\s?AI\s?遇到了", student)  # print-only Han-Latin space
    assert "行 原文 为什么" in student and "离堂小测" in student  # response tables, exit ticket
    assert teacher.index("图例") < teacher.index("阅读材料") < teacher.index("答案表")
    key = teacher[teacher.index("任务与答案"):]
    assert key.count("参考答案") == 2 and "评分要点" in key
    assert "一位不愿透露姓名的AI大厂高管" in key  # the anonymous-source task's answer
    assert "「一位不愿透露姓名的大厂高管」" not in student

    again = run("lesson", "new", seed_file, "-o", out)
    assert again.exit_code == 1
    assert again.stderr == (f"Error: {out} exists (it may hold a teacher's edits); use --force "
                            "to overwrite it, or -o another file\n")


def test_notes_uncommented_by_a_teacher_still_build(tmp_path: Path, seed_file: Path,
                                                    catalogue) -> None:
    out = tmp_path / "x.yaml"
    assert run("lesson", "new", seed_file, "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("  # - quote:"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  # - quote:"))
    for i in range(start, end):  # the teacher removes the # of the first note
        lines[i] = "  " + lines[i][4:]
    out.write_text("\n".join(lines), encoding="utf-8")
    [lesson] = load_lessons([out], catalogue)
    assert len(lesson.notes) == 1


def test_english_handouts_for_a_ptc_article_with_merged_classes(tmp_path: Path,
                                                                catalogue) -> None:
    ptc = SHARED / "ptc"
    for kind, name in (("articles", "article765385479.txt"),
                       ("labels", "article765385479.task2-TC.labels")):
        (tmp_path / kind).mkdir()
        (tmp_path / kind / name).write_bytes((ptc / kind / name).read_bytes())
    documents = import_ptc(tmp_path / "articles", tmp_path / "labels", catalogue)
    write_jsonl(tmp_path / "ptc.jsonl", documents)
    out = tmp_path / "vichy.yaml"
    assert run("lesson", "new", tmp_path / "ptc.jsonl", "-o", out, "--lang", "zh").exit_code == 0
    spec = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert spec["language"] == "zh" and "source" not in spec or not spec["source"]
    text = out.read_text(encoding="utf-8")
    if "PTC_BANDWAGON_REDUCTIO" in spec["focus"]:
        assert "#   as: BANDWAGON" in text
    load_lessons([out], catalogue)


def test_bad_choices_are_one_line_errors(tmp_path: Path, seed_file: Path) -> None:
    result = run("lesson", "new", seed_file, "-o", tmp_path / "x.yaml", "--document", "zz")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {seed_file}: no document 'zz' (doc_ids: "
                             "chip-ban-article-zh, chip-ban-article-zh-comments)\n")
    result = run("lesson", "new", seed_file, "-o", tmp_path / "x.yaml", "--lang", "fr")
    assert result.exit_code == 2  # a command-line mistake (docs/cli.md's exit codes)
    assert "Invalid value for '--lang': 'fr' (allowed: zh, en)" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_a_file_of_several_articles_needs_document(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    write_jsonl(path, [Document.create("a", doc_id="a"), Document.create("b", doc_id="b")])
    result = run("lesson", "new", path, "-o", tmp_path / "x.yaml")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path} holds 2 articles; choose one with --document "
                             "(doc_ids: a, b)\n")


def test_unquoted_headline_gets_a_hint(tmp_path: Path, seed_file: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: 英伟达正式宣布: 停止接受中国订单!\nlanguage: zh\n"
                    f"annotations: {seed_file}\n", encoding="utf-8")
    result = run("build", spec, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{spec}:1: invalid YAML: mapping values are not allowed here (hint: a value "
            "containing \": \" (such as a headline) must be quoted: "
            "title: \"Breaking: the news\")") in result.output
