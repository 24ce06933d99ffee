"""The command layer's shape (docs/cli.md): one pattern for every command, one exit-code table,
choices from the library, printing that survives any file name; and the exact message of each
bad input the proof (tests/test_every_command.py) found."""

from __future__ import annotations

import inspect
import json
import os
import re
import socket
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.commands.common import Choice, printable
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.spans import Span

runner = CliRunner()
ROOT = typer.main.get_command(app)
GBK = os.fsdecode("数据".encode("gbk"))  # a file name that is not UTF-8, as Python holds it


def run(*args: object, env: dict[str, str | None] | None = None):
    result = runner.invoke(app, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def leaves(command=ROOT, path=()):
    for name, child in sorted(getattr(command, "commands", {}).items()):
        if hasattr(child, "commands"):
            yield from leaves(child, (*path, name))
        else:
            yield (*path, name), child


def good_collection(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, spans in (("ann", [Span(0, 7, "SLOGAN")]), ("bea", [Span(0, 7, "SLOGAN")])):
        write_jsonl(folder / f"{name}.jsonl",
                    [Document.create("Experts say it works.", spans, doc_id="d1")])


# --- the pattern ------------------------------------------------------------------------------

def test_every_command_is_a_plain_function_of_a_command_module() -> None:
    """No command lives in cli.py or in a closure: each is a module-level function of
    toolkit/commands/<area>.py, registered by that module's register(app)."""
    found = dict(leaves())
    assert len(found) >= 20
    for path, command in found.items():
        function = inspect.unwrap(command.callback)
        assert function.__module__.startswith("toolkit.commands."), (path, function.__module__)
        assert "<locals>" not in function.__qualname__, (path, function.__qualname__)
        module = inspect.getmodule(function)
        assert getattr(module, function.__name__) is not None and hasattr(module, "register")


def test_every_choice_names_values_the_library_defines() -> None:
    """A Choice whose values are named by `module:NAME` resolves (a moved constant fails here,
    not in a teacher's terminal)."""
    choices = [(path, p) for path, c in leaves() for p in c.params if isinstance(p.type, Choice)]
    assert len(choices) >= 12
    for path, param in choices:
        assert param.type.choices and all(isinstance(v, str) for v in param.type.choices), path


def test_printable_file_names() -> None:
    assert printable(f"wrote 1 document(s) to /tmp/{GBK}.jsonl") == \
        "wrote 1 document(s) to /tmp/数据.jsonl"
    assert printable("/tmp/\udcff\udcfe.jsonl") == "/tmp/\\xff\\xfe.jsonl"
    assert printable("doc_id 'a\ud800b'") == "doc_id 'a\\ud800b'"
    assert printable("plain 文本") == "plain 文本"


# --- the exit codes ---------------------------------------------------------------------------

def test_exit_codes_follow_one_table(tmp_path: Path) -> None:
    good_collection(tmp_path / "week1")
    assert run("agree", tmp_path / "week1", "--format", "json").exit_code == 0
    # 1: the files do not allow it
    missing = run("agree", tmp_path / "nope")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: ")
    # 2: the command line is wrong, whatever the files hold
    for args in (["agree", tmp_path / "week1", "--format", "xml"],
                 ["agree", tmp_path / "week1", "--lang", "fr"],
                 ["agree", tmp_path / "week1", "--devices", ""],
                 ["agree", tmp_path / "week1", "--no-such-option"],
                 ["agree"],
                 ["nope"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.splitlines()[-1].startswith("Error: "), args
    # 3: not running
    status = run("server", "status", "--data-dir", tmp_path / "server")
    assert status.exit_code == 3
    assert status.stdout == f"doccano is not running (data folder {tmp_path / 'server'})\n"


def test_a_usage_mistake_is_one_plain_error_line(tmp_path: Path) -> None:
    result = run("score", tmp_path, "--key", tmp_path / "k.jsonl", "-o", tmp_path / "out",
                 "--suggestion-credit", "some")
    assert result.stderr == (
        "Usage: mlt score [OPTIONS] {folder}\nTry 'mlt score --help' for help.\n\n"
        "Error: Invalid value for '--suggestion-credit': 'some' (allowed: full, half, none)\n")
    result = run("build", tmp_path / "w.yaml", "--format", "pdf,,docx")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format': 'docx' (allowed: pdf, html; one or more, "
        "comma-separated)")
    result = run("adjudicate", tmp_path, "-o", tmp_path / "g.jsonl", "--strategy", "teacher=")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--strategy': 'teacher=' (allowed: majority, teacher, "
        "teacher=NAME)")
    assert run("build", tmp_path / "w.yaml", "--paper", "A4").stderr.splitlines()[0] == (
        f"{tmp_path / 'w.yaml'}: no such file (expected a YAML lesson file)")  # A4 is a4
    assert not (tmp_path / "g.jsonl").exists() and not (tmp_path / "out").exists()


def test_the_devices_and_language_options_of_doccano_setup(tmp_path: Path) -> None:
    """Checked before connecting; `--language` is still accepted beside `--lang`."""
    for option in ("--lang", "--language"):
        result = run("doccano", "--url", "http://127.0.0.1:9", "setup", "week1", option, "fr")
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (
            2, "Error: Invalid value for '--lang': 'fr' (allowed: zh, en)")


# --- what the proof found ---------------------------------------------------------------------

def test_output_folders_that_are_files(tmp_path: Path) -> None:
    spec, key, out = tmp_path / "week.yaml", tmp_path / "key.jsonl", tmp_path / "out"
    out.write_text("keep", encoding="utf-8")
    assert run("build", spec, "-o", out).stderr == (
        f"Error: -o {out}: is a file, not a folder (build writes a folder per lesson there)\n")
    good_collection(tmp_path / "class")
    result = run("score", tmp_path / "class", "--key", key, "-o", out)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: -o {out}: is a file, not a folder (score writes grades.csv and the feedback "
        "sheets there)\n"))
    result = run("doccano", "--url", "http://127.0.0.1:9", "pull", "week1", "-o", out / "x")
    assert result.stderr == f"Error: cannot write {out / 'x'}: {out} is a file, not a folder\n"
    assert out.read_text(encoding="utf-8") == "keep"


def test_adjudicate_outputs_of_the_wrong_kind_write_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    good_collection(folder)
    (tmp_path / "file").write_text("keep", encoding="utf-8")
    result = run("adjudicate", folder, "-o", tmp_path / "file" / "gold.jsonl")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: cannot write {tmp_path / 'file' / 'gold.jsonl'}: {tmp_path / 'file'} is a "
        "file, not a folder\n"))
    result = run("adjudicate", folder, "-o", folder / "gold.jsonl", "--conflicts", tmp_path)
    assert result.stderr == (f"Error: -o {tmp_path} is a folder; give the file to write, e.g. "
                             f"-o {tmp_path / 'conflicts.csv'}\n")
    assert not (folder / "gold.jsonl").exists() and not (folder / "collection.yaml").exists()
    result = run("agree", folder, "--format", "html", "-o", tmp_path)
    assert result.stderr == (f"Error: -o {tmp_path} is a folder; give the file to write, e.g. "
                             f"-o {tmp_path / 'agreement.html'}\n")


def test_adjudicate_folder_keeps_its_gold_file_out_of_the_annotators(tmp_path: Path) -> None:
    from toolkit.agreement.adjudicate import adjudicate_folder
    from toolkit.collection import read_manifest

    folder = tmp_path / "class"
    good_collection(folder)
    write_jsonl(folder / "gold.jsonl", [Document.create("Experts say it works.", doc_id="d1")])
    gold = adjudicate_folder(folder, folder / "gold.jsonl", conflicts=tmp_path / "c.csv")
    assert gold.collection.annotators == ["ann", "bea"] and gold.warnings == []
    assert read_jsonl(folder / "gold.jsonl")[0].spans == (Span(0, 7, "SLOGAN"),)
    assert read_manifest(folder).roles["gold"].value == "gold"
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith("doc_id,start,end")


def test_a_symbolic_link_loop_as_input_and_output(tmp_path: Path) -> None:
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    result = run("suggest", loop, "-o", tmp_path / "s.jsonl")  # a loop leads to no file
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {loop}: no such file (give .txt articles or .jsonl documents)\n"))
    result = run("suggest", tmp_path / "in.jsonl", "-o", loop, "--force")
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {tmp_path / 'in.jsonl'}")
    assert loop.is_symlink() and not (tmp_path / "s.jsonl").exists()


@pytest.mark.parametrize("state", [b"[1, 2]", b'{"pids": [1]}', b'{"pids": {"web": "abc"}}',
                                   b'{"venv": 5, "pids": {}}', b'{"pids": {"web": 99999999999}}'])
def test_a_server_state_file_of_another_shape(tmp_path: Path, state: bytes) -> None:
    (tmp_path / "server.json").write_bytes(state)
    for command in ("status", "stop"):
        result = run("server", command, "--data-dir", tmp_path)
        assert (result.exit_code, result.stderr) == (1, (
            f"Error: {tmp_path / 'server.json'}: unreadable (not what `mlt server start` "
            "writes); if no server is running, delete it\n"))
    assert (tmp_path / "server.json").read_bytes() == state


def test_a_passwords_file_that_is_not_text(tmp_path: Path) -> None:
    source, passwords = tmp_path / "a.jsonl", tmp_path / "pw.csv"
    write_jsonl(source, [Document.create("Experts say it works.", doc_id="d1")])
    passwords.write_bytes(b"username,password\nann,\xa4\x00\n")
    passwords.chmod(0o600)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run("doccano", "--url", f"http://127.0.0.1:{port}", "push", "week1", source,
                 "--passwords", passwords)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {passwords}: not a passwords file written by `mlt doccano members add` "
        "(invalid UTF-8 at byte 22)\n"))


def test_a_ptc_offset_of_5000_digits(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "articles" / "article1.txt").write_text("Experts say it.\n", encoding="utf-8")
    (tmp_path / "labels" / "article1.task2-TC.labels").write_text(
        "1\tSlogans\t0\t" + "9" * 5000 + "\n", encoding="utf-8")
    result = run("import", "ptc", tmp_path / "articles", tmp_path / "labels", "-o",
                 tmp_path / "x.jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        f"{tmp_path / 'labels' / 'article1.task2-TC.labels'}:1: end offset has 5000 digits: "
        "beyond the end of the article (allowed 0 <= start < end <= 16)")
    assert not (tmp_path / "x.jsonl").exists()


def test_import_refuses_a_nul_character(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes("标题\n\n正\x00文。\n".encode("utf-8"))
    result = run("import", "text", article, "-o", tmp_path / "x.jsonl")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {article}:3: NUL character (doccano cannot store it; a binary file, or the "
        "wrong --encoding?)\n"))


def test_file_names_that_are_not_utf8_in_messages(tmp_path: Path) -> None:
    source = tmp_path / f"{GBK}.jsonl"
    write_jsonl(source, [Document.create("Experts say it works.", doc_id="d1")])
    shown = tmp_path / "数据.jsonl"
    result = run("suggest", source, "-o", source)
    assert result.stderr == (f"Error: {shown} is also an input; writing there would replace "
                             "its spans. Use -o another file, or --force to overwrite it\n")
    result = run("suggest", source, "-o", tmp_path / f"{GBK}-s.jsonl")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (f"wrote 1 document(s), 1 suggestion(s) to "
                                             f"{tmp_path / '数据-s.jsonl'}")
    result = run("evaluate", "--gold", source, "--pred", tmp_path / f"no{GBK}.jsonl")
    assert result.stderr == (f"Error: {tmp_path / 'no数据.jsonl'}: no such file (expected a "
                             "doccano JSONL file)\n")
    result = run("agree", tmp_path, "--format", "json")  # annotators named by their files
    assert result.exit_code == 0, result.output
    assert "数据" in json.loads(result.stdout)["annotators"]
    table = run("agree", tmp_path, env={"COLUMNS": "200"}).stdout
    assert "数据 (" in table and not any(0xD800 <= ord(c) <= 0xDFFF for c in table)


# --- exact output of the common commands (figures checked by hand) -----------------------------

TEXT = "Experts say it works. 专家说有效。"


def three_annotators(folder: Path) -> None:
    folder.mkdir()
    for name, spans in {"ann": [Span(0, 11, "VAGUE_ATTRIBUTION")],
                        "bea": [Span(0, 11, "VAGUE_ATTRIBUTION"), Span(12, 21, "UNSUPPORTED_CLAIM")],
                        "cy": [Span(0, 7, "VAGUE_ATTRIBUTION")]}.items():
        write_jsonl(folder / f"{name}.jsonl", [Document.create(TEXT, spans, doc_id="d1")])


def test_agree_prints_exactly(tmp_path: Path) -> None:
    """ann-bea exact F1: 1 of ann's 1 and bea's 2 spans match: P 1, R 0.5, F1 0.67; ann-cy
    share no exact span but overlap fully; the passage 12-21 was tagged by bea alone."""
    three_annotators(tmp_path / "c")
    result = run("agree", tmp_path / "c", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
3 annotators: ann (student), bea (student), cy (student); 1 documents; Krippendorff's alpha 
(characters, all devices): 0.560
            pairs of annotators             
┏━━━━━┳━━━━━┳━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━┓
┃ A   ┃ B   ┃ docs ┃ exact F1 ┃ overlap F1 ┃
┡━━━━━╇━━━━━╇━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━┩
│ ann │ bea │ 1    │ 0.67     │ 0.67       │
│ ann │ cy  │ 1    │ 0.00     │ 1.00       │
│ bea │ cy  │ 1    │ 0.00     │ 0.67       │
└─────┴─────┴──────┴──────────┴────────────┘
                    per device                    
┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━┳━━━━━━┳━━━━━━┓
┃ device            ┃ alpha ┃ ann  ┃ bea  ┃ cy   ┃
┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━╇━━━━━━╇━━━━━━┩
│ VAGUE_ATTRIBUTION │ 0.79  │ 1.00 │ 1.00 │ 1.00 │
│ UNSUPPORTED_CLAIM │ -0.11 │ 0.00 │ 0.00 │ 0.00 │
└───────────────────┴───────┴──────┴──────┴──────┘
d1:12-21  UNSUPPORTED_CLAIM 1/3  «it works.»
d1:7-11  VAGUE_ATTRIBUTION 2/3  «say»
"""
    assert result.stderr == ""


def test_adjudicate_prints_exactly(tmp_path: Path) -> None:
    """Majority of 3 is 2: the vague attribution stays, bea's lone claim is a conflict."""
    three_annotators(tmp_path / "c")
    gold = tmp_path / "c" / "gold.jsonl"
    result = run("adjudicate", tmp_path / "c", "-o", gold)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote 1 document(s), 1 span(s) to {gold} from 3 annotator(s)\n"
        "conflict d1:12-21 UNSUPPORTED_CLAIM «it works.» dropped: 1 of 3 agree (needed 2) "
        "(bea)\n")
    assert result.stderr == "1 conflict(s) to review\n"
    assert read_jsonl(gold)[0].spans == (Span(0, 11, "VAGUE_ATTRIBUTION"),)


def test_version_and_the_commands_in_help() -> None:
    from toolkit import __version__

    assert run("--version").stdout == f"mlt {__version__}\n"
    panel = run("--help", env={"COLUMNS": "100"}).stdout.split("Commands")[1]
    names = [line.split()[1] for line in panel.splitlines()
             if line.startswith("│ ") and re.fullmatch(r"│ [a-z]+ +\S.*", line)]
    assert names == ["devices", "validate", "suggest", "evaluate", "train", "build", "agree",
                     "adjudicate", "score", "import", "export", "lesson", "server", "doccano"]


def test_doccano_commands_check_their_files_before_logging_in(tmp_path: Path) -> None:
    """The server is down and the files are bad: the files are what the teacher hears about."""
    source, roster = tmp_path / "a.jsonl", tmp_path / "roster.csv"
    source.write_text('{"text": 5}\n', encoding="utf-8")
    roster.write_text("user name\n", encoding="utf-8")
    url = ["doccano", "--url", "http://127.0.0.1:9", "--username", "t"]
    env = {"DOCCANO_PASSWORD": "not-a-real-one"}
    assert run(*url, "push", "week1", source, env=env).stderr == (
        f'{source}:1: field "text" must be a string, got a number\n'
        "Error: 1 problem(s); nothing was written.\n")
    assert run(*url, "members", "add", "week1", roster, env=env).stderr == (
        f"{roster}:1: the first line must name the columns: username[,password]\n"
        "Error: 1 problem(s); nothing was written.\n")
    result = run(*url, "setup", "week1", env=env)  # no file: the server is the problem
    assert (result.exit_code, result.stderr) == (1, (
        "Error: cannot reach doccano at http://127.0.0.1:9 while logging in (tried 4 times): is "
        "the server running? (`mlt server status`, `mlt server start`)\n"))


def test_agree_writes_each_report_format(tmp_path: Path) -> None:
    """One library call writes json, html or a real PDF (text extracted)."""
    import pypdf

    three_annotators(tmp_path / "c")
    for fmt in ("json", "html", "pdf"):
        out = tmp_path / f"report.{fmt}"
        result = run("agree", tmp_path / "c", "--format", fmt, "-o", out)
        assert (result.exit_code, result.stdout) == (0, f"wrote {out}\n"), result.output
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["alpha"][
        "pooled"] == pytest.approx(0.5605, abs=1e-4)
    assert "0.5605" in (tmp_path / "report.html").read_text(encoding="utf-8")
    text = pypdf.PdfReader(tmp_path / "report.pdf").pages[0].extract_text()
    assert "Krippendorff's alpha" in text and "0.5605" in text


@pytest.mark.parametrize("timeout", ["nan", "inf", "-1", "1e400"])
def test_a_timeout_that_is_no_time(timeout: str) -> None:
    result = run("doccano", "--timeout", timeout, "--url", "http://127.0.0.1:9", "setup", "w")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, (
        f"Error: Invalid value for '--timeout': '{timeout}' (allowed: a number of seconds, more "
        "than 0 and at most 86400)"))


@pytest.mark.parametrize("url, why", [
    ("http://[::1", "is not an address (Invalid IPv6 URL)"),
    ("http://x:99999", "is not an address (Port out of range 0-65535)"),
    ("http://:80", "names no server (e.g. http://127.0.0.1:8000)")])
def test_a_url_that_is_no_address(url: str, why: str) -> None:
    result = run("doccano", "--url", url, "--username", "t", "setup", "w",
                 env={"DOCCANO_PASSWORD": "not-a-real-one"})
    assert (result.exit_code, result.stderr) == (1, f"Error: doccano URL {url!r} {why}\n")


def test_an_encoding_whose_codec_fails_without_a_position(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("title\n\nbody text.\n", encoding="utf-8")
    result = run("import", "text", article, "-o", tmp_path / "x.jsonl", "--encoding", "undefined")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: {article}: cannot decode as undefined: decoding with 'undefined' codec failed "
        "(UnicodeError: undefined encoding); pass the file's real encoding (examples: utf-8, "
        "gb18030, big5, utf-16)\n"))
    result = run("import", "text", article, "-o", tmp_path / "x.jsonl", "--encoding", "punycode")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.jsonl").exists()
