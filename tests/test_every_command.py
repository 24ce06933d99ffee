"""The proof of issue 10: every `mlt` command, found by walking the command tree (a new command
is covered, or this test names what it lacks), is fed generated bad files and bad options
(hypothesis), and for each case:

- no traceback: no "Traceback" in the output, no exception but the runner's SystemExit;
- a non-zero exit: 2 for a mistake on the command line, 1 for bad files or a failed operation,
  3 only for `mlt server status` saying the server is not running (docs/cli.md);
- an `Error:` line on stderr (`mlt validate`, a checker, prints its problems and a count instead);
- every file that existed is byte-identical afterwards, and no file was added.

No doccano server is needed: doccano commands point at a closed loopback port, server commands
at data folders that cannot be used. The number of cases tried is printed at the end (run with
`-s`) and checked by the last test.
"""

from __future__ import annotations

import json
import os
import re
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from test_bad_inputs_fuzz import SLOTS, SPEC, SPEC_SLOTS, bad_jsonl, dump, overlay_with, spec_with
from toolkit.cli import app
from toolkit.commands.common import Choice, ChoiceList, Strategy

runner = CliRunner()
ROOT_COMMAND = typer.main.get_command(app)
#: No shrinking: a failing case is printed whole (its command line), and shrinking whole
#: commands takes minutes.
EXAMPLES = settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TRIED: dict[str, int] = {}


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every leaf command under `command`, with the words that call it."""
    children = getattr(command, "commands", None)
    if children is None:
        yield path, command
        return
    for name, child in sorted(children.items()):
        yield from walk(child, (*path, name))


COMMANDS = dict(walk(ROOT_COMMAND))

# --- what each command reads and writes -------------------------------------------------------

#: Every path parameter of every command, by the kind of file it is (see KINDS). A command or a
#: path option missing here fails `test_every_path_parameter_is_described`.
INPUTS: dict[tuple[str, ...], dict[str, str]] = {
    ("devices",): {},
    ("validate",): {"paths": "jsonl"},
    ("import", "ptc"): {"articles": "ptc-articles", "labels": "ptc-labels", "out": "out-file"},
    ("import", "text"): {"files": "text", "out": "out-file"},
    ("export", "ptc"): {"source": "jsonl", "out": "out-folder"},
    ("suggest",): {"inputs": "jsonl", "out": "out-file", "rules": "rules", "model": "model"},
    ("evaluate",): {"gold": "jsonl", "pred": "jsonl"},
    ("build",): {"lessons": "lesson", "out": "out-folder"},
    ("agree",): {"folder": "collection", "out": "out-report"},
    ("adjudicate",): {"folder": "collection", "out": "out-file", "conflicts": "out-report"},
    ("score",): {"folder": "collection", "key": "jsonl", "out": "out-folder",
                 "lessons": "lesson"},
    ("server", "start"): {"data_dir": "server-file", "venv": "out-folder"},
    ("server", "status"): {"data_dir": "server-dir"},
    ("server", "stop"): {"data_dir": "server-dir"},
    ("server", "logs"): {"data_dir": "server-file"},
    ("doccano", "setup"): {},
    ("doccano", "members", "add"): {"roster": "roster", "passwords": "out-report"},
    ("doccano", "push"): {"source": "jsonl", "suggestions": "jsonl", "passwords": "roster",
                          "collection": "collection"},
    ("doccano", "pull"): {"out": "out-folder"},
    ("doccano", "status"): {"collection": "collection"},
    ("lesson", "new"): {"articles": "jsonl", "out": "out-file"},
    ("train",): {"inputs": "jsonl", "out": "out-folder"},
}
#: Inputs that must be given for the command to fail at all (the rest are optional extras).
NEEDED = {("server", "start"): {"data_dir"}, ("server", "status"): {"data_dir"},
          ("server", "stop"): {"data_dir"}, ("server", "logs"): {"data_dir"}}
#: Text arguments (names), given as they are.
NAMES = {"project": "week1", "name": "week1"}

GOOD_DOC = {"doc_id": "d1", "text": "Experts say it works.", "label": [[0, 11, "VAGUE_ATTRIBUTION"]]}
GOOD_JSONL = (json.dumps(GOOD_DOC) + "\n").encode("utf-8")
GBK_NAME = os.fsdecode("数据".encode("gbk"))  # a file name that is not UTF-8


@dataclass
class Maker:
    """How to place one kind of file at a path: `bad` ways that must be refused, `good` ones that
    must not be the cause of a failure (None: the kind has no good form here)."""

    bad: list[Callable[[Any, Path], None]]
    good: Callable[[Path], None] | None = None


def write(data: bytes) -> Callable[[Any, Path], None]:
    return lambda draw, path: path.write_bytes(data)


def missing(draw: Any, path: Path) -> None:
    """Nothing there (and, one time in three, a name that is not UTF-8)."""


def a_folder(draw: Any, path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_bytes(b"keep")


def a_file(draw: Any, path: Path) -> None:
    path.write_bytes(b"not a folder\n")


def under_a_file(draw: Any, path: Path) -> None:
    """`path` is BASE/blocker/NAME, and BASE/blocker is a file."""
    path.parent.write_bytes(b"a file, not a folder")


def existing(draw: Any, path: Path) -> None:
    path.write_bytes(b'{"text": "the teacher\'s work"}\n')


def loop(draw: Any, path: Path) -> None:
    path.symlink_to(path)


def junk(draw: Any, path: Path) -> None:
    """Binary junk with a NUL byte somewhere."""
    data = draw(st.binary(min_size=1, max_size=80))
    at = draw(st.integers(0, len(data)))
    path.write_bytes(data[:at] + b"\x00" + data[at:])


def bad_jsonl_file(draw: Any, path: Path) -> None:
    path.write_bytes(draw(bad_jsonl()))


def bad_yaml(draw: Any, path: Path) -> None:
    path.write_bytes(draw(st.sampled_from([
        b"- a list\n", b"7\n", b"a: [\n", b"a: " + b"[" * 5000 + b"\n", b"a: " + b"9" * 5000 + b"\n",
        b'a: "x\\0y"\n', b'a: "\\ud800"\n', b"a: 1\n---\nb: 2\n", b"a: &x [*x]\n",
        "a: 1\n".encode("utf-16"), b"a: !!python/object:os.system x\n", b"\xff\xfe\x00"])))


def bad_spec(draw: Any, path: Path) -> None:
    slot = draw(st.sampled_from(sorted(SPEC_SLOTS, key=str)))
    path.write_bytes(dump(spec_with(slot, draw(SPEC_SLOTS[slot]))))
    (path.parent / "gold.jsonl").write_bytes(GOOD_JSONL)


def good_spec(path: Path) -> None:
    path.write_bytes(dump(SPEC))
    (path.parent / "gold.jsonl").write_bytes(GOOD_JSONL)


def good_collection(path: Path) -> None:
    path.mkdir()
    for name in ("alice", "bob"):
        (path / f"{name}.jsonl").write_bytes(GOOD_JSONL)


def collection_with(person: Callable[[Any, Path], None], name: str = "alice.jsonl"):
    def make(draw: Any, path: Path) -> None:
        good_collection(path)
        person(draw, path / draw(st.sampled_from([name, GBK_NAME + ".jsonl", "[red]x.jsonl"])))
    return make


def bad_manifest(draw: Any, path: Path) -> None:
    good_collection(path)
    (path / "collection.yaml").write_bytes(draw(st.sampled_from([
        b"roles: [alice]\n", b"roles:\n  alice: pupil\n", b"teachers: x\n", b"\x00",
        b"roles:\n  alice: [student]\n"])))


def bad_model(draw: Any, path: Path) -> None:
    """A folder that is not a usable model (`mlt train` writes the real ones)."""
    path.mkdir()
    (path / "manifest.json").write_bytes(draw(st.sampled_from([
        b"", b"{", b'{"kind": "mlt-model", "format": 99}', b"[]", b"\x00"])))


def good_roster(path: Path) -> None:
    path.write_bytes(b"alice\nbob,Secret-pass-1\n")
    path.chmod(0o600)  # a passwords file must be readable only by its owner


def good_ptc_articles(path: Path) -> None:
    path.mkdir()
    (path / "article1.txt").write_bytes(b"Experts say it works.\n")


def good_ptc_labels(path: Path) -> None:
    path.mkdir()
    (path / "article1.task2-TC.labels").write_bytes(b"1\tSlogans\t0\t7\n")


def bad_ptc_labels(draw: Any, path: Path) -> None:
    path.mkdir()
    line = draw(st.sampled_from([b"1\tSlogans\t0\t999\n", b"1\tNo_Such\t0\t7\n", b"1\tSlogans\n",
                                 b"1\tSlogans\t7\t0\n", b"1\tSlogans\t0\t" + b"9" * 5000 + b"\n",
                                 b"\x00\xff\n", b"1\tSlogans\t-3\t7\n"]))
    (path / "article1.task2-TC.labels").write_bytes(line)


def bad_server_state(draw: Any, path: Path) -> None:
    path.mkdir()
    (path / "server.json").write_bytes(draw(st.sampled_from([
        b"[1, 2]", b'{"pids": [1]}', b'{"pids": {"web": "abc"}}', b'{"pids": {"web": [1]}}',
        b'{"pids": 5}', b'{"venv": 5, "pids": {}}', b"\x00\xff", b"{", b'"text"', b"null"])))


KINDS: dict[str, Maker] = {
    "jsonl": Maker([missing, a_folder, loop, junk, bad_jsonl_file],
                   lambda p: p.write_bytes(GOOD_JSONL)),
    "text": Maker([missing, a_folder, loop, write("标题\n\n正\x00文。\n".encode("utf-8"))],
                  lambda p: p.write_bytes("标题\n\n正文。\n".encode("utf-8"))),
    "lesson": Maker([missing, loop, junk, bad_yaml, bad_spec], good_spec),
    "rules": Maker([missing, loop, junk, bad_yaml]),
    "collection": Maker([missing, a_file, collection_with(bad_jsonl_file),
                         collection_with(junk), bad_manifest], good_collection),
    "roster": Maker([missing, a_folder, junk, write(b"bad name\n"), write(b",,,\n")],
                    good_roster),
    "ptc-articles": Maker([missing, a_file, collection_with(junk, "article1.txt")],
                          good_ptc_articles),
    "ptc-labels": Maker([missing, a_file, bad_ptc_labels], good_ptc_labels),
    "server-dir": Maker([a_file, bad_server_state]),
    "model": Maker([missing, a_file, bad_model]),
    "server-file": Maker([a_file]),
    "out-file": Maker([a_folder, under_a_file, existing], lambda p: None),
    "out-report": Maker([a_folder, under_a_file], lambda p: None),
    "out-folder": Maker([a_file, under_a_file], lambda p: None),
}


def place(draw: Any, root: Path, kind: str, bad: bool, index: int) -> Path:
    """A path of this kind under root, bad or good."""
    maker = KINDS[kind]
    base = root / f"p{index}"
    base.mkdir()
    way = draw(st.sampled_from(maker.bad)) if bad else None
    name = f"in{index}" + (".jsonl" if kind in ("jsonl", "out-file") else
                           ".yaml" if kind in ("lesson", "rules") else ".txt"
                           if kind in ("text", "roster", "out-report") else "")
    if way is missing and draw(st.booleans()):
        name = GBK_NAME + name
    path = base / "blocker" / name if way is under_a_file else base / name
    if way is not None:
        way(draw, path)
    elif maker.good is not None:
        maker.good(path)
    return path


# --- bad options ------------------------------------------------------------------------------

def option_name(param: Any) -> str:
    return max(param.opts, key=len)


#: Options checked against the catalogue or parsed by the command, and values they refuse.
BY_NAME = {"devices": ["", " , ", "NOPE", "SLOGAN,NOPE", "slogan"],
           "lang": ["xx", "", "ZH", "fr"], "group": ["nogroup", "=X", "G=NOPE", "G="],
           "students": ["", ","], "encoding": ["no-such-codec", "utf-99", "undefined", "base64"]}
NUMBERS = ("integer", "float", "integer range", "float range")


def refused_by_the_parser(param: Any) -> bool:
    """A fixed choice or a number: a bad value is a usage error before the command runs."""
    return isinstance(param.type, Choice) or getattr(param.type, "name", "") in NUMBERS


def corruptible(param: Any) -> bool:
    return param.param_type_name == "option" and (refused_by_the_parser(param)
                                                  or param.name in BY_NAME)


def bad_option_value(draw: Any, param: Any) -> str:
    """A value this option must refuse."""
    kind = param.type
    words = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF,
                                  blacklist_categories=("Cs",)), max_size=12)
    if isinstance(kind, Strategy):
        return draw(st.sampled_from(["", "teacher=", "minority", "teacher:x", "Majority"]))
    if isinstance(kind, ChoiceList):
        return draw(words.filter(lambda w: not w.strip(" ,") or any(
            kind.pick(part.strip()) is None for part in w.split(",") if part.strip())))
    if isinstance(kind, Choice):
        return draw(words.filter(lambda w: kind.pick(w) is None))
    if getattr(kind, "name", "") in ("integer range", "float range"):
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)
        outside = [str(v) for v in ((low - 1) if low is not None else None,
                                    (high + 1) if high is not None else None) if v is not None]
        return draw(st.sampled_from([*outside, "abc", "", "1e9999x"]))
    if getattr(kind, "name", "") in ("integer", "float"):
        return draw(st.sampled_from(["abc", "", "1.2.3", "0x"]))
    return draw(st.sampled_from(BY_NAME[param.name]))


BAD_TIMEOUTS = ["nan", "inf", "-1", "0", "abc", "1e400", ""]
BAD_URLS = ["ftp://x", "http://[::1", "http://:80", "http://x:99999", "not a url", "",
            "http://127.0.0.1:80x"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- checks -----------------------------------------------------------------------------------

#: The toolkit's cache folder in the test's home (toolkit/cache.py): what is kept there is made
#: again from the inputs (an article's words, its typeset lines, compiled templates) and checked
#: when read, so a command that fails after computing one may have kept it. Nothing else of
#: the home or the workspace may change.
CACHE = os.fsencode(Path("home", ".cache", "mlt"))
CACHE_ROOT = os.fsencode(Path("home", ".cache"))  # the folder itself; anything else in it counts


def snapshot(root: Path) -> dict[str, Any]:
    """Every entry under root: a file's bytes, a link's target, or a folder (the toolkit's
    cache folder left out)."""
    entries: dict[str, Any] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder, name)
            key = os.fsencode(path.relative_to(root))
            if key in (CACHE, CACHE_ROOT) or key.startswith(CACHE + os.fsencode(os.sep)):
                continue
            if path.is_symlink():
                entries[key] = ("link", os.readlink(path))
            elif path.is_dir():
                entries[key] = "folder"
            else:
                entries[key] = path.read_bytes()
    return entries


@contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / "home").mkdir()
        yield root


def check_failed_cleanly(path: tuple[str, ...], args: list[str], root: Path, usage: bool) -> None:
    before = snapshot(root)
    env = {"HOME": str(root / "home"), "MLT_CATALOGUE": None, "DOCCANO_URL": None,
           "DOCCANO_USERNAME": "teacher", "DOCCANO_PASSWORD": "not-a-real-one",
           "MLT_DOCCANO_HOME": str(root / "home" / "doccano"), "COLUMNS": "100"}
    result = runner.invoke(app, args, env=env)
    TRIED[" ".join(path)] = TRIED.get(" ".join(path), 0) + 1
    shown = f"mlt {' '.join(args)}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        (shown, result.exc_info)
    assert "Traceback" not in result.output, shown
    assert result.exit_code != 0, shown
    if usage:
        assert result.exit_code == 2, shown
    if path == ("validate",) and result.exit_code == 1 and "Error:" not in result.stderr:
        assert re.search(r": [1-9]\d* error\(s\)", result.stderr), shown
    elif path == ("server", "status") and result.exit_code == 3:
        assert result.stdout.startswith("doccano is not running"), shown
    else:
        assert result.exit_code in (1, 2), shown
        assert any(line.startswith("Error: ") for line in result.stderr.splitlines()), shown
    assert snapshot(root) == before, shown


@pytest.fixture(scope="module", autouse=True)
def no_backoff() -> Iterator[None]:
    """A refused connection is retried at once (the retries happen; only the waits go)."""
    from toolkit.doccano import session

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(session, "BACKOFF", 0.0)
        yield


# --- the tests --------------------------------------------------------------------------------

def test_every_path_parameter_is_described() -> None:
    assert set(COMMANDS) == set(INPUTS), "describe the inputs of new commands in INPUTS"
    for path, command in COMMANDS.items():
        paths = {p.name for p in command.params if getattr(p.type, "name", "") == "path"}
        assert paths == set(INPUTS[path]), (path, paths)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
@EXAMPLES
@given(data=st.data())
def test_bad_files_and_options(path: tuple[str, ...], data: st.DataObject) -> None:
    draw = data.draw
    command = COMMANDS[path]
    inputs = INPUTS[path]
    params = {p.name: p for p in command.params}
    options = sorted(name for name, p in params.items() if name not in inputs and corruptible(p))
    with workspace() as root:
        # which inputs are given, and which of them are bad
        given_inputs = [n for n in inputs if params[n].required or n in NEEDED.get(path, ())
                        or draw(st.booleans())]
        can_be_good = [n for n in given_inputs if KINDS[inputs[n]].good is not None]
        bad_inputs = {n for n in given_inputs if n not in can_be_good or draw(st.booleans())}
        # (hypothesis leans to small numbers: the rarer choice is the larger one)
        bad_options = [n for n in options if draw(st.integers(0, 3)) == 3]
        unknown_option = draw(st.integers(0, 9)) == 9
        if not bad_inputs and not bad_options and not unknown_option:
            if options and (draw(st.booleans()) or not can_be_good):
                bad_options = [draw(st.sampled_from(options))]
            if not bad_options:
                if can_be_good:
                    bad_inputs = {draw(st.sampled_from(can_be_good))}
                else:
                    unknown_option = True
        args: list[str] = []
        if draw(st.integers(0, 4)) == 4:  # a bad catalogue overlay too, now and then
            overlay = root / "overlay.yaml"
            slot = draw(st.sampled_from(sorted(SLOTS, key=str)))
            overlay.write_bytes(dump(overlay_with(slot, draw(SLOTS[slot]))))
            args += ["--catalogue", str(overlay)]
        words = list(path)
        bad_timeout = False
        if path[0] == "doccano":  # the connection options: a closed port, now and then worse
            url, timeout = f"http://127.0.0.1:{closed_port()}", "5"
            which = draw(st.integers(0, 5))
            if which == 4:
                timeout, bad_timeout = draw(st.sampled_from(BAD_TIMEOUTS)), True
            elif which == 5:
                url = draw(st.sampled_from(BAD_URLS))
            words[1:1] = ["--url", url, "--timeout", timeout]
        args += words
        for index, name in enumerate(given_inputs):
            where = place(draw, root, inputs[name], name in bad_inputs, index)
            param = params[name]
            args += [str(where)] if param.param_type_name == "argument" else \
                [option_name(param), str(where)]
        for param in command.params:
            if param.param_type_name == "argument" and param.name not in inputs:
                args.append(NAMES.get(param.name, "x"))
        for name in bad_options:
            args += [option_name(params[name]), bad_option_value(draw, params[name])]
        if unknown_option:
            args.append("--no-such-option")
        usage = unknown_option or bad_timeout or any(refused_by_the_parser(params[n])
                                                     for n in bad_options)
        check_failed_cleanly(path, args, root, usage)


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items()
                                         if any(x.required for x in c.params)), ids=" ".join)
def test_missing_arguments_are_usage_errors(path: tuple[str, ...]) -> None:
    with workspace() as root:
        words = list(path)
        if path[0] == "doccano":
            words[1:1] = ["--url", f"http://127.0.0.1:{closed_port()}"]
        check_failed_cleanly(path, words, root, usage=True)


def test_count_of_cases_tried() -> None:
    total = sum(TRIED.values())
    print(f"\n{total} cases tried over {len(TRIED)} commands: "
          + ", ".join(f"{name} {n}" for name, n in sorted(TRIED.items())))
    assert set(TRIED) == {" ".join(p) for p in COMMANDS}
    assert total >= 10 * len(COMMANDS)
