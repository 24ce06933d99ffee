"""Generated bad files (hypothesis) against `mlt validate`, `mlt export ptc`, the catalogue
loader and the lesson-spec loader: never a traceback, a non-zero exit, an `Error:` line or
`PATH:LINE:` problem lines, and every file that existed before is byte-identical after."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.devices.catalogue import BUILTIN, build_catalogue
from toolkit.errors import UnreadableFileError
from toolkit.handouts import read_spec
from toolkit.yamlfile import read_yaml

runner = CliRunner()
#: Through the whole command (each run loads the catalogue): a modest number of examples.
FUZZ = settings(max_examples=25, deadline=None)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def run_failing(root: Path, *args: object):
    """Run mlt; check it failed cleanly and left every file of `root` as it was."""
    before = snapshot(root)
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert snapshot(root) == before
    return result


# --- doccano JSONL ---------------------------------------------------------------------------

def _number(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


#: JSON text of a value that no document may hold, or that makes a line invalid.
poison = st.one_of(
    st.sampled_from(['"a\\ud800b"', '"\\udfff"', '"x\\u0000"', "NaN", "Infinity", "-Infinity",
                     "1e400", "-1e999", "9" * 5000]),
    st.integers(101, 3000).map(lambda n: "[" * n + "]" * n),
)
good_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=20)


@st.composite
def bad_record_line(draw: st.DrawFn) -> bytes:
    """A JSON object with one poisoned value in a random place."""
    text = draw(good_text)
    fields = {"text": json.dumps(text), "doc_id": json.dumps(draw(good_text) or "d"),
              "label": json.dumps([[0, max(1, len(text)), "SLOGAN"]] if text else []),
              "title": json.dumps(draw(good_text))}
    where = draw(st.sampled_from(["text", "doc_id", "title", "label", "key", "nested"]))
    bad = draw(poison)
    if where == "label":
        fields["label"] = f"[[0, {bad}, \"SLOGAN\"]]"
    elif where == "key" and bad.startswith('"'):
        fields[bad] = "1"
    elif where == "nested":
        fields["meta"] = f'{{"a": [1, {{"b": {bad}}}]}}'
    else:
        fields[where if where != "key" else "title"] = bad
    body = ", ".join(f"{k if k.startswith(chr(34)) else json.dumps(k)}: {v}"
                     for k, v in fields.items())
    return ("{" + body + "}").encode("utf-8")


valid_line = good_text.map(lambda t: json.dumps({"text": t}, ensure_ascii=False).encode("utf-8"))
bad_line = st.one_of(
    bad_record_line(),
    st.binary(max_size=60).map(lambda b: b"\xff" + b.replace(b"\n", b"")),   # not UTF-8
    st.binary(max_size=60).map(lambda b: b"{" + b.replace(b"\n", b"").replace(b"}", b"")),
    valid_line.flatmap(lambda line: st.integers(1, len(line) - 1).map(lambda n: line[:n])),
    st.sampled_from([b"   ", b"[1, 2]", b'{"text": 5}', b'{"label": []}', b"null",
                     b'{"text": "abc", "label": [[0, 9, "SLOGAN"]]}',
                     b'{"text": "abc", "label": [[0, 1, "NOT_A_DEVICE"]]}',
                     b"\x00\x00", "{}".encode("utf-16"), b"[" * 100_000]),
)


@st.composite
def bad_jsonl(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.one_of(valid_line, bad_line), max_size=4))
    lines.insert(draw(st.integers(0, len(lines))), draw(bad_line))
    data = b"\n".join(lines) + draw(st.sampled_from([b"\n", b""]))
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + data


PROBLEM = re.compile(r"^(?P<path>.+?)(:\d+)?: \S")


@FUZZ
@given(bad_jsonl())
def test_validate_and_export_report_generated_bad_files(data: bytes) -> None:
    with folder() as root:
        path = root / "a.jsonl"
        path.write_bytes(data)
        (root / "keep.txt").write_text("old", encoding="utf-8")
        result = run_failing(root, "validate", path)
        lines = result.stdout.splitlines()
        assert lines and all(line.startswith(f"{path}:") for line in lines), result.stdout
        assert re.search(r": [1-9]\d* error\(s\)", result.stderr)
        result = run_failing(root, "export", "ptc", path, "-o", root / "out")
        assert result.stderr.splitlines()[-1].startswith("Error: ")
        assert not (root / "out").exists()


# --- catalogue overlays ----------------------------------------------------------------------

DEVICE = {
    "id": "CHERRY_PICKING", "family": "sourcing",
    "name": {"zh": "选择性举证", "en": "Cherry picking"},
    "definition": {"zh": "只挑有利的数据。", "en": "Only the convenient data is shown."},
    "question": {"zh": "还有哪些数据没说？", "en": "What data is missing?"},
    "why": {"zh": "让片面看起来像全貌。", "en": "A part looks like the whole."},
    "examples": {"zh": ["只报涨幅最大的一天。"], "en": ["Only the best day is reported."]},
    "color": "#123456", "cue": ["shade"], "shortcut": "p", "ptc": [],
}
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
              st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner,
                                            max_size=3)),
    max_leaves=8)
#: Where a value goes in an overlay, and what is surely wrong there.
not_text = yaml_values.filter(lambda v: not isinstance(v, str))
not_mapping = yaml_values.filter(lambda v: not isinstance(v, dict) and v is not None)
not_list = yaml_values.filter(lambda v: not isinstance(v, list) and v is not None)
SLOTS: dict[tuple[Any, ...], st.SearchStrategy[Any]] = {
    ("families",): not_mapping,
    ("ptc",): not_mapping,
    ("devices",): not_list,
    ("languages",): not_list,
    ("devices", 0): yaml_values.filter(lambda v: not isinstance(v, dict)),
    ("devices", 0, "family"): not_text,
    ("devices", 0, "name"): yaml_values.filter(lambda v: not isinstance(v, dict)),
    ("devices", 0, "definition", "en"): not_text,
    ("devices", 0, "question", "zh"): not_text,
    ("devices", 0, "examples"): yaml_values.filter(lambda v: not isinstance(v, dict)),
    ("devices", 0, "examples", "en"): yaml_values.filter(lambda v: not isinstance(v, list)),
    ("devices", 0, "color"): not_text,
    ("devices", 0, "cue"): yaml_values.filter(lambda v: not isinstance(v, list) or not v),
    ("devices", 0, "cue", 0): not_text,
    ("devices", 0, "shortcut"): yaml_values.filter(lambda v: not isinstance(v, (str, int))
                                                   or isinstance(v, bool)),
    ("devices", 0, "ptc"): yaml_values.filter(lambda v: not isinstance(v, list) or len(v) > 1
                                              or any(not isinstance(x, str) for x in v)),
}


def overlay_with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"devices": [json.loads(json.dumps(DEVICE))]}
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


BUILTIN_FILE = read_yaml(BUILTIN, "a YAML device catalogue")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(SLOTS, key=str)), yaml_values, st.binary(max_size=4),
       st.integers(0, 10_000))
def test_catalogue_loader_takes_any_shape(slot: tuple[Any, ...], value: Any, noise: bytes,
                                          at: int) -> None:
    """Any value anywhere, and random bytes anywhere: problems with file and line, no exception
    (load_catalogue is read_yaml, then build_catalogue; the built-in file is parsed once)."""
    data = dump(overlay_with(slot, value))
    at %= len(data) + 1
    with folder() as root:
        for variant in (data, data[:at] + noise + data[at:]):
            (root / "mine.yaml").write_bytes(variant)
            try:
                overlay = read_yaml(root / "mine.yaml", "a YAML device catalogue")
            except UnreadableFileError as exc:
                assert exc.problem.path == str(root / "mine.yaml")
                continue
            catalogue, problems = build_catalogue([BUILTIN_FILE, overlay])
            assert all(p.path == str(root / "mine.yaml") for p in problems), problems
            assert problems or len(catalogue.devices) >= 23


@FUZZ
@given(st.sampled_from(sorted(SLOTS, key=str)).flatmap(
    lambda slot: st.tuples(st.just(slot), SLOTS[slot])))
def test_mlt_devices_reports_generated_bad_overlays(slot_value: tuple[Any, Any]) -> None:
    slot, value = slot_value
    with folder() as root:
        overlay = root / "mine.yaml"
        overlay.write_bytes(dump(overlay_with(slot, value)))
        result = run_failing(root, "--catalogue", overlay, "devices")
        lines = result.stderr.splitlines()
        assert lines[0].startswith("Error: the device catalogue has ")
        assert lines[1:] and all(line.startswith(f"{overlay}") for line in lines[1:])


# --- lesson specs ----------------------------------------------------------------------------

SPEC = {"title": "T", "language": "en", "annotations": "gold.jsonl", "document": "d1",
        "focus": ["VAGUE_ATTRIBUTION"], "line_numbers": 1, "objectives": ["o"],
        "notes": [{"quote": "Experts say", "device": "VAGUE_ATTRIBUTION", "note": "n"}]}
SPEC_SLOTS: dict[tuple[Any, ...], st.SearchStrategy[Any]] = {
    ("title",): yaml_values.filter(lambda v: isinstance(v, (list, dict, bool)) or v is None),
    ("language",): yaml_values.filter(lambda v: str(v).strip() not in ("zh", "en")),
    ("annotations",): yaml_values.filter(lambda v: isinstance(v, (list, dict, bool))),
    ("document",): yaml_values.filter(lambda v: isinstance(v, (list, dict, bool, float))),
    ("focus",): yaml_values.filter(lambda v: isinstance(v, (dict, bool, int, float))),
    ("line_numbers",): yaml_values.filter(lambda v: v not in (1, 5) or type(v) is not int),
    ("notes",): yaml_values.filter(lambda v: v is not None and not (isinstance(v, list)
                                                                   and not v)),
    ("notes", 0, "quote"): not_text,
    ("notes", 0, "occurrence"): yaml_values.filter(
        lambda v: v is not None and (type(v) is not int or v < 1)),
    ("objectives",): yaml_values.filter(lambda v: isinstance(v, (dict, bool, int, float))),
}


def spec_with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(SPEC))
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(SPEC_SLOTS, key=str)), yaml_values, st.binary(max_size=4),
       st.integers(0, 10_000))
def test_spec_reader_takes_any_shape(slot: tuple[Any, ...], value: Any, noise: bytes,
                                     at: int) -> None:
    data = dump(spec_with(slot, value))
    at %= len(data) + 1
    with folder() as root:
        for variant in (data, data[:at] + noise + data[at:]):
            (root / "week.yaml").write_bytes(variant)
            spec, problems = read_spec(root / "week.yaml")
            assert (spec is None) == bool(problems)


@FUZZ
@given(st.sampled_from(sorted(SPEC_SLOTS, key=str)).flatmap(
    lambda slot: st.tuples(st.just(slot), SPEC_SLOTS[slot])))
def test_mlt_build_reports_generated_bad_specs(slot_value: tuple[Any, Any]) -> None:
    slot, value = slot_value
    with folder() as root:
        (root / "gold.jsonl").write_text(json.dumps(
            {"doc_id": "d1", "text": "Experts say it works.",
             "label": [[0, 11, "VAGUE_ATTRIBUTION"]]}) + "\n", encoding="utf-8")
        (root / "out").mkdir()
        (root / "out" / "keep.txt").write_text("old", encoding="utf-8")
        spec = root / "week.yaml"
        spec.write_bytes(dump(spec_with(slot, value)))
        result = run_failing(root, "build", spec, "-o", root / "out")
        lines = result.stderr.splitlines()
        assert lines[-1].startswith("Error: ") and lines[-1].endswith("nothing was written.")
        assert lines[:-1] and all(PROBLEM.match(line) for line in lines[:-1]), result.stderr
        assert sorted(p.name for p in (root / "out").iterdir()) == ["keep.txt"]
