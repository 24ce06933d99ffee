"""The `mlt` command through Typer's runner: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, fingerprint, write_jsonl
from toolkit.spans import Span

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_devices_json_lists_every_device_with_its_fields() -> None:
    result = run("devices", "--format", "json")
    assert result.exit_code == 0
    devices = json.loads(result.stdout)
    assert len(devices) >= 23
    slogan = next(d for d in devices if d["id"] == "SLOGAN")
    assert set(slogan) >= {"id", "name", "definition", "question", "family", "shortcut", "ptc"}
    assert slogan["ptc"] == ["Slogans"] and slogan["name"]["zh"] == "口号"


def test_devices_table_and_bad_format() -> None:
    result = run("devices")
    assert result.exit_code == 0 and "ANONYMOUS_SOURCE" in result.stdout and "匿名信源" in result.stdout
    bad = run("devices", "--format", "xml")
    assert bad.exit_code == 2  # a usage mistake (docs/cli.md, exit codes)
    assert bad.stderr == ("Usage: mlt devices [OPTIONS]\nTry 'mlt devices --help' for help.\n\n"
                          "Error: Invalid value for '--format': 'xml' (allowed: table, json)\n")


def test_validate_clean_collection(tmp_path: Path) -> None:
    path = tmp_path / "teacher.jsonl"
    write_jsonl(path, [Document.create("不求弯道超车，但求换道超车", [Span(0, 13, "SLOGAN")], doc_id="a")])
    result = run("validate", tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "checked 1 file(s), 1 document(s), 1 span(s): 0 error(s), 0 warning(s)\n"


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    good = json.dumps({"text": "卡脖子", "label": [[0, 3, "LOADED_LANGUAGE"]]}, ensure_ascii=False)
    bad = json.dumps({"text": "abc", "label": [[0, 2, "SLOGANS"], [1, 9, "SLOGAN"]]})
    (tmp_path / "student.jsonl").write_text(f"{good}\n{bad}\n{{oops\n", encoding="utf-8")
    result = run("validate", tmp_path / "student.jsonl")
    assert result.exit_code == 1
    path = tmp_path / "student.jsonl"
    assert result.stdout.splitlines() == [
        f"{path}:2: label[0]: unknown device 'SLOGANS' — did you mean SLOGAN?",
        f"{path}:2: label[1]: offsets 1-9 out of range for text of length 3 "
        "(allowed 0 <= start < end <= 3)",
        f"{path}:3: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
    ]
    assert result.stderr.endswith("3 error(s), 0 warning(s)\n")


def test_validate_warning_passes_unless_strict(tmp_path: Path) -> None:
    line = json.dumps({"text": "abc", "label": [[0, 2, "SLOGAN"], [0, 2, "SLOGAN"]]})
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    assert run("validate", tmp_path).exit_code == 0
    assert run("validate", "--strict", tmp_path).exit_code == 1


def test_validate_catches_a_text_changed_in_one_annotators_file(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "alice.jsonl", [Document.create("原文。", doc_id="d1")])
    write_jsonl(tmp_path / "bob.jsonl", [Document.create("改过的原文。", doc_id="d1")])
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path / 'bob.jsonl'}:1: doc_id 'd1' has a different text here than in "
        f"{tmp_path / 'alice.jsonl'}:1 ({fingerprint('改过的原文。')} vs {fingerprint('原文。')})\n")


def test_validate_missing_path(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.jsonl")
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'nope.jsonl'}: no such file or folder\n"


def test_bad_catalogue_overlay_is_a_clear_error(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("devices:\n  - id: lower\n", encoding="utf-8")
    result = run("--catalogue", overlay, "devices")
    assert result.exit_code == 1
    assert result.stderr == ("Error: the device catalogue has 1 problem(s):\n"
                             f"{overlay}:2: device id 'lower' must be UPPER_SNAKE_CASE\n")


def test_sample_collection_validates() -> None:
    samples = ROOT / "annotations" / "samples"
    if not samples.exists():
        pytest.fail("annotations/samples is missing")
    result = run("validate", "--strict", samples)
    assert result.exit_code == 0, result.stdout + result.stderr


CORPUS = ROOT.parent / "shared" / "corpus"


def test_import_export_ptc_round_trip_through_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "ptc.jsonl"
    result = run("import", "ptc", CORPUS / "ptc" / "articles", CORPUS / "ptc" / "labels", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 297 document(s), 4857 span(s) to {out}\n"
    result = run("export", "ptc", out, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 297 article(s), 4857 span(s) to {tmp_path / 'back'}\n"
    name = "article111111111.task2-TC.labels"
    assert sorted(set((tmp_path / "back" / name).read_text().splitlines())) == \
        sorted(set((CORPUS / "ptc" / "labels" / name).read_text().splitlines()))


def test_export_ptc_reports_devices_ptc_cannot_hold(tmp_path: Path) -> None:
    source = tmp_path / "mine.jsonl"
    write_jsonl(source, [Document.create("Experts say it. So what?", [
        Span(0, 15, "VAGUE_ATTRIBUTION"), Span(16, 24, "RHETORICAL_QUESTION"),
        Span(0, 7, "APPEAL_TO_AUTHORITY")], doc_id="x1")])
    result = run("export", "ptc", source, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert result.stdout == f"wrote 1 article(s), 1 span(s) to {tmp_path / 'out'}\n"
    assert result.stderr == ("skipped 1 RHETORICAL_QUESTION span(s): PTC has no such technique\n"
                             "skipped 1 VAGUE_ATTRIBUTION span(s): PTC has no such technique\n")
    assert (tmp_path / "out" / "articlex1.task2-TC.labels").read_text() == \
        "x1\tAppeal_to_Authority\t0\t7\n"


def test_import_text_seed_article_keeps_comments(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    result = run("import", "text", CORPUS / "seed" / "chip-ban-article.zh.txt", "-o", out)
    assert result.exit_code == 0, result.output
    body, comments = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert body["section"] == "body" and body["text"].endswith("书写属于自己的辉煌篇章。")
    assert comments["section"] == "comments" and "你死我活" in comments["text"]


def test_import_errors_leave_no_output(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    result = run("import", "text", tmp_path / "missing.txt", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path / 'missing.txt'}: no such file (expected a "
                             "plain-text article)\n")
    assert not out.exists()


def test_device_options_are_checked_the_same_everywhere(tmp_path: Path) -> None:
    """`--devices` is checked before anything is read, in every command that takes it: an
    unknown id and an empty list are both usage mistakes (exit 2) that say what is allowed."""
    write_jsonl(tmp_path / "ann.jsonl", [Document.create("abc", doc_id="d")])
    commands = (["agree", tmp_path], ["adjudicate", tmp_path, "-o", tmp_path / "g.jsonl"],
                ["suggest", tmp_path / "ann.jsonl", "-o", tmp_path / "s.jsonl"],
                ["score", tmp_path, "--key", tmp_path / "ann.jsonl", "-o", tmp_path / "out"],
                ["evaluate", "--gold", tmp_path / "ann.jsonl", "--pred", tmp_path / "ann.jsonl"],
                ["doccano", "--url", "http://127.0.0.1:9", "setup", "week1"])
    for command in commands:
        result = run(*command, "--devices", "SLOGANS,DOUBT")
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.splitlines()[-1] == (
            "Error: Invalid value for '--devices': unknown device 'SLOGANS' — did you mean "
            "SLOGAN?")
        for empty in (" , ", ""):
            result = run(*command, "--devices", empty)
            assert result.exit_code == 2, (command, result.output)
            assert result.stderr.splitlines()[-1] == (
                f"Error: Invalid value for '--devices': {empty!r} names no device (give one or "
                "more ids, comma-separated, e.g. SLOGAN,EXAGGERATION; `mlt devices` lists them)")
    assert not (tmp_path / "g.jsonl").exists() and not (tmp_path / "out").exists()


def test_excerpt() -> None:
    from toolkit.corpus import excerpt

    assert excerpt("一位\n不愿透露姓名的  高管") == "一位 不愿透露姓名的 高管"
    assert excerpt("x" * 70, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("module", ["toolkit", "toolkit.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    import subprocess
    import sys

    from toolkit import __version__

    done = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout
    usage = subprocess.run([sys.executable, "-m", module, "no-such-command"],
                           capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2 and "Usage: mlt" in usage.stderr
