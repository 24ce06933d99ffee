"""Bad input never gives a traceback: each case gets its exact one-line message (issue 10).

Every case runs through the `mlt` command (Typer's runner): a non-zero exit, an `Error:` line or
`PATH:LINE: message` problem lines, no traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, write_jsonl
from toolkit.devices.catalogue import BUILTIN
from toolkit.errors import UnreadableFileError
from toolkit.files import read_text
from toolkit.spans import Span

runner = CliRunner()
UNREADABLE_HINT = "(expected a doccano JSONL file)"
SURROGATE = ("lone surrogate \\ud800 at offset 2 (half of a UTF-16 pair, not a character; "
             "doccano can store only whole characters)")
NUL = "NUL character \\u0000 at offset 2 (doccano cannot store it; remove it)"


def run(*args: object, env: dict[str, str] | None = None):
    result = runner.invoke(app, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def fails(*args: object, env: dict[str, str] | None = None):
    result = run(*args, env=env)
    assert result.exit_code == 1, result.output
    return result


def good_file(folder: Path) -> Path:
    path = folder / "good.jsonl"
    write_jsonl(path, [Document.create("Experts say it works.", [Span(0, 11, "VAGUE_ATTRIBUTION")],
                                       doc_id="d1")])
    return path


# --- 1. a missing or unreadable file ---------------------------------------------------------

def test_missing_files_are_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    good = good_file(tmp_path)
    (tmp_path / "class").mkdir()
    write_jsonl(tmp_path / "class" / "sam.jsonl", [Document.create("Experts say it works.",
                                                                   doc_id="d1")])
    expected = f"Error: nope.jsonl: no such file {UNREADABLE_HINT}\n"
    for command in (["evaluate", "--gold", "nope.jsonl", "--pred", good],
                    ["evaluate", "--gold", good, "--pred", "nope.jsonl"],
                    _score_command("class", "nope.jsonl", "grades"),
                    ["export", "ptc", "nope.jsonl", "-o", "out"]):
        assert fails(*command).stderr == expected, command
    assert not (tmp_path / "out").exists() and not (tmp_path / "grades").exists()


def _score_command(students: str, key: str, out: str) -> list[str]:
    """`mlt score` with the students' folder as an argument or as --students, as it takes it."""
    import typer.main

    params = typer.main.get_command(app).commands["score"].params  # type: ignore[attr-defined]
    if any(p.param_type_name == "argument" for p in params):
        return ["score", students, "--key", key, "-o", out]
    return ["score", "--key", key, "--students", students, "-o", out]


def test_a_folder_or_a_device_given_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "folder.jsonl").mkdir()
    assert fails("export", "ptc", tmp_path / "folder.jsonl", "-o", tmp_path / "out").stderr == (
        f"Error: {tmp_path / 'folder.jsonl'}: is a folder, not a file {UNREADABLE_HINT}\n")
    zero = tmp_path / "zero.jsonl"
    zero.symlink_to("/dev/zero")
    result = fails("validate", zero)
    assert result.stdout == f"{zero}: is a device, not a file {UNREADABLE_HINT}\n"
    assert result.stderr.endswith(": 1 error(s), 0 warning(s)\n")


def test_a_symbolic_link_loop(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    assert fails("export", "ptc", tmp_path / "a.jsonl", "-o", tmp_path / "out").stderr == (
        f"Error: {tmp_path / 'a.jsonl'}: is a symbolic link that leads back to itself "
        f"{UNREADABLE_HINT}\n")


def test_a_yaml_file_larger_than_4_mib(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: b\n" * (2**20 + 1), encoding="utf-8")
    assert fails("--catalogue", big, "devices").stderr == (
        f"Error: the device catalogue has 1 problem(s):\n{big}: larger than 4 MiB (expected a "
        "YAML device catalogue)\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    path.chmod(0)
    assert fails("export", "ptc", path, "-o", tmp_path / "out").stderr == (
        f"Error: {path}: permission denied (you may not read it) {UNREADABLE_HINT}\n")


def test_the_one_reader_names_path_line_and_kind(tmp_path: Path) -> None:
    def problem(data: bytes) -> str:
        path = tmp_path / "f.txt"
        path.write_bytes(data)
        with pytest.raises(UnreadableFileError) as info:
            read_text(path, "a YAML lesson file")
        return str(info.value).replace(str(tmp_path) + os.sep, "")

    assert problem(b"ok\nbad \xff\n") == ("f.txt:2: invalid UTF-8 at byte 5 of the line (0xff); "
                                          "a YAML lesson file must be UTF-8")
    assert problem("a: 1\n".encode("utf-16")) == (
        "f.txt:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    assert problem(b"a\nb: \x00\n") == (
        "f.txt:2: NUL byte at byte 4 of the line; a YAML lesson file is text (a UTF-16 or binary "
        "file? save it as UTF-8)")
    with pytest.raises(UnreadableFileError, match=r"nope.txt: no such file \(expected a YAML"):
        read_text(tmp_path / "nope.txt", "a YAML lesson file")
    assert read_text(_write(tmp_path / "bom.yaml", "\ufeffa: 1\n"), "x") == "\ufeffa: 1\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_export_ptc_out_must_be_a_folder(tmp_path: Path) -> None:
    good = good_file(tmp_path)
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    assert fails("export", "ptc", good, "-o", out).stderr == (
        f"Error: -o {out}: is a file, not a folder (export ptc writes a folder of articleID.txt "
        "and articleID.task2-TC.labels files)\n")
    assert out.read_text(encoding="utf-8") == "keep me"
    (tmp_path / "o2" / "articled1.txt").mkdir(parents=True)
    assert fails("export", "ptc", good, "-o", tmp_path / "o2").stderr == (
        f"Error: cannot write {tmp_path / 'o2' / 'articled1.txt'}: Is a directory\n")


# --- 2. an over-long line --------------------------------------------------------------------

def test_a_line_longer_than_64_mib_is_skipped_not_held(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    first = b'{"text": "ok"}\n'
    with open(path, "wb") as handle:
        handle.write(first)
        handle.truncate(len(first) + 65 * 2**20)  # a sparse line of NUL bytes, no newline
        handle.seek(0, os.SEEK_END)
        handle.write(b'\n{"text": "fine"}\n')
    result = fails("validate", path)
    assert result.stdout == (f"{path}:2: line longer than 64 MiB (the limit for one document); "
                             "skipped\n")
    assert result.stderr == ("checked 1 file(s), 2 document(s), 0 span(s): 1 error(s), "
                             "0 warning(s)\n")


def test_an_endless_line_is_cut_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import files

    monkeypatch.setattr(files, "MAX_LINE_BYTES", 1024)
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "y"}\n' + b"z" * 3000)
    assert fails("validate", path).stdout == (
        f"{path}:1: line longer than 1 KiB (the limit for one document); skipped\n"
        f"{path}:3: line longer than 1 KiB (the limit for one document); skipped\n")


# --- 3. text doccano cannot store, numbers and nesting json cannot take ------------------------

@pytest.mark.parametrize("line, expected", [
    ('{"text": "ab\\ud800cd"}', f'field "text": {SURROGATE}'),
    ('{"doc_id": "ab\\ud800", "text": "abcd"}', f'field "doc_id": {SURROGATE}'),
    ('{"text": "ab\\u0000cd"}', f'field "text": {NUL}'),
    ('{"text": "abcd", "title": "ab\\u0000"}', f'field "title": {NUL}'),
    ('{"text": "abcd", "ab\\u0000": 1}', f'field "ab\\u0000": the name has a {NUL}'),
    ('{"text": "abcd", "furniture": ["x", {"n": "ab\\udc00"}]}',
     'field "furniture"[1]["n"]: lone surrogate \\udc00 at offset 2 (half of a UTF-16 pair, not a '
     'character; doccano can store only whole characters)'),
    ('{"text": "abc", "label": [[0, ' + "9" * 5000 + ', "SLOGAN"]]}',
     'field "label"[0][1]: a number with 5000 digits (at most 4300 allowed)'),
    ("[" * 100_000, "lists and objects nested more than 100 levels deep (at most 100 allowed)"),
    ('{"text": "abc", "m": ' + "[" * 150 + "]" * 150 + "}",
     'field "m": lists and objects nested more than 100 levels deep (at most 100 allowed)'),
    ('{"text": "abc", "label": [[0, NaN, "SLOGAN"]]}',
     'field "label"[0][1]: NaN is not a finite number (JSON numbers must be finite)'),
    ('{"text": "abc", "score": Infinity}',
     'field "score": Infinity is not a finite number (JSON numbers must be finite)'),
    ('{"text": "abc", "score": -Infinity}',
     'field "score": -Infinity is not a finite number (JSON numbers must be finite)'),
    ('{"text": "abc", "agreement": [[0, 1, "SLOGAN", 1e400, 3]]}',
     'field "agreement"[0][3]: 1e400 is not a finite number (JSON numbers must be finite)'),
    ('{"text": "ab\x00"}', "NUL byte at byte 13 of the line (a JSONL file is UTF-8 text; a "
                            "UTF-16 or binary file? save it as UTF-8)"),
])
def test_unstorable_values_are_problems_on_their_line(tmp_path: Path, line: str,
                                                      expected: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "fine"}\n' + line.encode("utf-8", "surrogatepass") + b"\n")
    before = path.read_bytes()
    result = fails("validate", path)
    assert result.stdout == f"{path}:2: {expected}\n"
    assert result.stderr.endswith(": 1 error(s), 0 warning(s)\n")
    assert path.read_bytes() == before


def test_every_unstorable_field_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "ab\\u0000", "label": [[0, 1e400, "SLOGAN"]], "x": [NaN]}\n',
                    encoding="utf-8")
    assert fails("validate", path).stdout.splitlines() == [
        f'{path}:1: field "text": {NUL}',
        f'{path}:1: field "label"[0][1]: 1e400 is not a finite number (JSON numbers must be '
        "finite)",
        f'{path}:1: field "x"[0]: NaN is not a finite number (JSON numbers must be finite)']


def test_utf16_file_is_named_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes('{"text": "abc"}\n'.encode("utf-16"))
    assert fails("validate", path).stdout.splitlines()[0] == (
        f"{path}:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")


def test_push_reads_and_checks_before_sending(tmp_path: Path) -> None:
    """push, evaluate and every other reader share read_jsonl: a bad doc_id stops them all."""
    from toolkit.corpus import read_jsonl
    from toolkit.errors import InvalidInputError

    path = tmp_path / "a.jsonl"
    path.write_text('{"doc_id": "ab\\ud800", "text": "abcd"}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_jsonl(path)
    assert [str(p) for p in info.value.problems] == [f'{path}:1: field "doc_id": {SURROGATE}']


def test_valid_escapes_and_numbers_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "\\ud83d\\ude00 ok \\u4e2d", "n": 1.5e10, "big": ' + "9" * 300
                    + ', "label": [[0, 1, "SLOGAN"]]}\n', encoding="utf-8")
    assert run("validate", path).exit_code == 0


# --- 4./5. catalogue overlays ----------------------------------------------------------------

DEVICE = """\
devices:
  - id: CHERRY_PICKING
    family: sourcing
    name: {zh: 选择性举证, en: Cherry picking}
    definition: {zh: 只挑有利的数据。, en: Only the convenient data is shown.}
    question: {zh: 还有哪些数据没说？, en: "What data is missing?"}
    why: {zh: 让片面看起来像全貌。, en: A part looks like the whole.}
    examples: {zh: [只报涨幅最大的一天。], en: [Only the best day is reported.]}
    color: "#123456"
    cue: [shade]
    shortcut: p
    ptc: []
"""
FAMILIES = "sourcing, wording, attack, justification, simplification, distraction, call, merged"


def overlay_problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "mine.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = path.read_bytes()
    result = fails("--catalogue", path, "devices")
    assert path.read_bytes() == before
    lines = result.stderr.replace(str(tmp_path) + os.sep, "").splitlines()
    assert lines[0].startswith("Error: the device catalogue has ")
    return lines[1:]


@pytest.mark.parametrize("text, expected", [
    ("families: [a, b]\n", "mine.yaml:1: families: must be a mapping of family id to {name, "
                           "description}, got a list"),
    ("ptc: [a]\n", "mine.yaml:1: ptc: must be a mapping of PTC technique label to device id, "
                   "got a list"),
    ("devices: {a: 1}\n", "mine.yaml:1: devices: must be a list of devices (`- id: ...`), got a "
                          "mapping"),
    ("languages: zh\n", "mine.yaml:1: languages: must be a list of language codes such as "
                        "[zh, en], got a text"),
    ("ptc:\n  Smears: [X]\n", "mine.yaml:2: ptc: 'Smears': ['X'] must map a PTC technique label "
                              "(text) to a device id (text)"),
    ("families:\n  7: {name: {zh: a, en: b}}\n", "mine.yaml:2: family id 7 must be text"),
    ("devices:\n  - 5\n", "mine.yaml:1: a device must be a mapping (id, family, name, ...), got "
                          "a number (5)"),
    ("- a list\n", "mine.yaml:1: a catalogue file must be a mapping with `devices:`"),
    (DEVICE.replace("family: sourcing", "family: [x]"),
     f"mine.yaml:2: device CHERRY_PICKING: unknown family ['x'] (families: {FAMILIES})"),
    (DEVICE.replace("cue: [shade]", "cue: [[x]]"),
     "mine.yaml:2: device CHERRY_PICKING: cue must be a list of 1 or 2 cue names (allowed: "
     "underline-solid, underline-double, underline-dotted, underline-dashed, underline-wavy, "
     "overline-solid, overline-wavy, border-solid, border-dashed, border-dotted, border-double, "
     "border-bottom-thick, bracket, pattern-diagonal, pattern-backdiagonal, pattern-crosshatch, "
     "pattern-dots, pattern-horizontal, pattern-vertical, pattern-blocks, pattern-checker, shade, "
     "bold)"),
    (DEVICE.replace("en: Cherry picking}", "en: [Cherry picking]}"),
     "mine.yaml:2: device CHERRY_PICKING: name: missing language 'en' (every text needs zh, en)"),
    (DEVICE.replace("definition: {zh: 只挑有利的数据。, en: Only the convenient data is shown.}",
                    "definition: 5"),
     "mine.yaml:2: device CHERRY_PICKING: definition: must be a mapping of language to text "
     "(zh, en)"),
    (DEVICE.replace("en: Cherry picking}", "en: Cherry picking, 3: [x]}"),
     "mine.yaml:2: device CHERRY_PICKING: name: 3 must be a language code with a text "
     "(languages: zh, en)"),
    (DEVICE.replace("shortcut: p", "shortcut: [p]"),
     "mine.yaml:2: device CHERRY_PICKING: shortcut ['p'] must be one key 0-9 or a-z, optionally "
     "after 'ctrl+', 'shift+' or 'ctrl shift+'"),
    (DEVICE.replace("ptc: []", "ptc: [[1]]"),
     "mine.yaml:2: device CHERRY_PICKING: ptc must be a list of at most one PTC label"),
    (DEVICE.replace("    ptc: []", "    ptc: []\n    7: x"),
     "mine.yaml:2: device CHERRY_PICKING: unknown field(s) 7 (allowed: id, family, name, "
     "definition, question, why, examples, color, cue, shortcut, ptc, ask, explain, members)"),
    ("1: x\n", "mine.yaml:1: unknown top-level key(s) ['1'] (allowed: languages, families, "
               "devices, ptc)"),
])
def test_catalogue_shapes(tmp_path: Path, text: str, expected: str) -> None:
    assert overlay_problems(tmp_path, text) == [expected]


YAML_CASES = [
    (b"devices:\n  - id: A\x00B\n", "FILE:2: NUL byte at byte 10 of the line; a YAML WHAT is text "
                                    "(a UTF-16 or binary file? save it as UTF-8)"),
    (b"title: caf\xe9\n", "FILE:1: invalid UTF-8 at byte 11 of the line (0xe9); a YAML WHAT must "
                          "be UTF-8"),
    (b"a: [\n", "FILE:2: invalid YAML: expected the node content, but found '<stream end>'"),
    (b"a: 1\nb: [x\n", "FILE:3: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    (b'a: "x\\0y"\n', "FILE:1: the text has a NUL character \\u0000 at offset 1 (doccano cannot "
                      "store it; remove it)"),
    (b'a:\n  b: "x\\ud800"\n', "FILE:2: the text has a lone surrogate \\ud800 at offset 1 (half "
                               "of a UTF-16 pair, not a character; doccano can store only whole "
                               "characters)"),
    (b"a: 1\x01\n", "FILE:1: invalid YAML: control character U+0001 is not allowed"),
    (b"a: " + b"[" * 100_000 + b"\n",
     "FILE:1: lists and mappings nested more than 100 levels deep (at most 100 allowed)"),
    (b"a: " + b"9" * 5000 + b"\n", "FILE:1: a number with 5000 digits (at most 4300 allowed)"),
    (b"a: 2024-13-45\n", "FILE:1: invalid value: month must be in 1..12"),
    (b"? [a]\n: 1\n", "FILE:1: invalid YAML: found unhashable key"),
    (b"a: &x [*x]\n", "FILE:1: invalid YAML: found unconstructable recursive node"),
    (b"a: 1\n---\nb: 2\n", "FILE:2: invalid YAML: expected a single document in the stream, but "
                           "found another document"),
    ("a: 1\n".encode("utf-16"), "FILE:1: the file is UTF-16 (it starts with a UTF-16 byte-order "
                                "mark); save it as UTF-8"),
    (b"a: !!python/object:os.system x\n", "FILE:1: invalid YAML: could not determine a "
                                          "constructor for the tag "
                                          "'tag:yaml.org,2002:python/object:os.system'"),
]


@pytest.mark.parametrize("data, expected", YAML_CASES)
def test_yaml_errors_in_a_catalogue(tmp_path: Path, data: bytes, expected: str) -> None:
    assert overlay_problems(tmp_path, data) == [
        expected.replace("FILE", "mine.yaml").replace("WHAT", "device catalogue")]


@pytest.mark.parametrize("data, expected", YAML_CASES)
def test_yaml_errors_in_a_lesson(tmp_path: Path, data: bytes, expected: str) -> None:
    spec = tmp_path / "week.yaml"
    spec.write_bytes(data)
    result = fails("build", spec, "-o", tmp_path / "out")
    assert result.stderr.replace(str(tmp_path) + os.sep, "").splitlines() == [
        expected.replace("FILE", "week.yaml").replace("WHAT", "lesson file"),
        "Error: 1 problem(s); nothing was written."]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("data, expected", YAML_CASES)
def test_yaml_errors_in_a_pattern_file(tmp_path: Path, data: bytes, expected: str) -> None:
    from toolkit.errors import InvalidInputError
    from toolkit.suggest import load_rules

    path = tmp_path / "mine.yaml"
    path.write_bytes(data)
    with pytest.raises(InvalidInputError) as info:
        load_rules([path])
    assert [str(p).replace(str(tmp_path) + os.sep, "") for p in info.value.problems] == [
        expected.replace("FILE", "mine.yaml").replace("WHAT", "suggestion pattern file")]


def test_missing_overlay_and_lesson(tmp_path: Path) -> None:
    result = fails("--catalogue", tmp_path / "none.yaml", "devices")
    assert result.stderr == ("Error: the device catalogue has 1 problem(s):\n"
                             f"{tmp_path / 'none.yaml'}: no such file (expected a YAML device "
                             "catalogue)\n")
    result = fails("build", tmp_path / "none.yaml")
    assert result.stderr.splitlines()[0] == (f"{tmp_path / 'none.yaml'}: no such file (expected "
                                             "a YAML lesson file)")


# --- 6. lesson specs -------------------------------------------------------------------------

def lesson_problems(tmp_path: Path, spec_text: str, agreement: object = None) -> list[str]:
    meta = {} if agreement is None else {"agreement": agreement}
    write_jsonl(tmp_path / "gold.jsonl", [Document.create(
        "Experts say it works.", [Span(0, 11, "VAGUE_ATTRIBUTION")], doc_id="d1", **meta)])
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    (out / "keep.txt").write_text("old", encoding="utf-8")
    spec = tmp_path / "week.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    result = fails("build", spec, "-o", out)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    lines = result.stderr.replace(str(tmp_path) + os.sep, "").splitlines()
    assert lines[-1].startswith("Error: ") and lines[-1].endswith("nothing was written.")
    return lines[:-1]


SPEC = "title: T\nlanguage: en\nannotations: gold.jsonl\n"


@pytest.mark.parametrize("extra, agreement, expected", [
    ("line_numbers: 1.0\n", None,
     "week.yaml:4: line_numbers: must be 1 (every line) or 5 (every fifth line), got 1.0"),
    ("level: .inf\n", None, "week.yaml:4: level: must be a non-empty text, got a number (inf)"),
    ("focus: {a: 1}\n", None, "week.yaml:4: focus: must be a list of non-empty texts, got a "
                              "mapping"),
    ("document: [1]\n", None, "week.yaml:4: document: must be a doc_id or a line number of the "
                              "annotation file, got a list"),
    ("notes:\n  - {quote: Experts say, device: VAGUE_ATTRIBUTION, note: n, occurrence: .inf}\n",
     None, "week.yaml:5: notes[0].occurrence: must be a whole number from 1, got inf"),
    ("7: x\n", None, "week.yaml:4: 7: unknown key (allowed: title, language, annotations, "
                     "document, annotator, level, duration, objectives, focus, questions, "
                     "answers, tasks, exit_ticket, source, comments, notes, line_numbers, marks)"),
    ("", [[0, 11, "VAGUE_ATTRIBUTION", 2.5, 3]],
     "week.yaml:3: annotations: document d1: meta 'agreement'[0] = [0, 11, 'VAGUE_ATTRIBUTION', "
     "2.5, 3] is not [start, end, label, n_agreed, n_annotators] (n_agreed must be a whole "
     "number, got 2.5)"),
    ("", [[0, 11, "VAGUE_ATTRIBUTION", 2, "3"]],
     "week.yaml:3: annotations: document d1: meta 'agreement'[0] = [0, 11, 'VAGUE_ATTRIBUTION', "
     "2, '3'] is not [start, end, label, n_agreed, n_annotators] (n_annotators must be a whole "
     "number, got '3')"),
    ("", ["abcde"], "week.yaml:3: annotations: document d1: meta 'agreement'[0] = 'abcde' is not "
                    "[start, end, label, n_agreed, n_annotators] (need a list of 5 items)"),
])
def test_lesson_spec_types(tmp_path: Path, extra: str, agreement: object, expected: str) -> None:
    assert lesson_problems(tmp_path, SPEC + extra, agreement) == [expected]


def test_agreement_counts_of_1e400_are_refused_when_read(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d1", "text": "Experts say it works.",
                                "label": [[0, 11, "VAGUE_ATTRIBUTION"]]})[:-1]
                    + ', "agreement": [[0, 11, "VAGUE_ATTRIBUTION", 1e400, 3]]}\n',
                    encoding="utf-8")
    spec = _write(tmp_path / "week.yaml", SPEC)
    result = fails("build", spec, "-o", tmp_path / "out")
    assert result.stderr.splitlines() == [
        f'{gold}:1: field "agreement"[0][3]: 1e400 is not a finite number (JSON numbers must be '
        "finite)", "Error: 1 problem(s); nothing was written."]


# --- 7. Rich markup --------------------------------------------------------------------------

def test_device_names_are_printed_literally(tmp_path: Path) -> None:
    overlay = _write(tmp_path / "mine.yaml", DEVICE.replace(
        "en: Cherry picking}", 'en: "[red]Cherry[/] :smile:"}').replace(
        "{zh: 选择性举证,", '{zh: "选择[/]",'))
    result = run("--catalogue", overlay, "devices", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "CHERRY_PICKING" in line)
    assert "[red]Cherry[/] :smile:" in row and "选择[/]" in row


def test_file_names_with_markup_are_printed_literally(tmp_path: Path) -> None:
    path = tmp_path / "[red]carol.jsonl"
    path.write_text('{"text": 5}\n', encoding="utf-8")
    assert fails("validate", tmp_path).stdout == (
        f'{path}:1: field "text" must be a string, got a number\n')


def test_builtin_catalogue_still_loads_the_same() -> None:
    from toolkit.devices import load_catalogue

    catalogue = load_catalogue([BUILTIN])
    assert len(catalogue.devices) == 25 and catalogue.languages == ("zh", "en")
