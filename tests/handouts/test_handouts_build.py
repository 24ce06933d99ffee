"""`mlt build` orchestration: the CLI, content-hash caching, --force, --jobs, paper sizes, and
outputs that stay whole when a build is interrupted."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest
from handout_support import LESSONS, SAMPLES
from pypdf import PdfReader
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.handouts import BuildOptions, build_lessons
from toolkit.handouts import build as build_module
from toolkit.handouts.build import MANIFEST, BuildError

runner = CliRunner()
EN_SPEC = (f"title: Drone ban\nlanguage: en\nannotations: {SAMPLES}\n"
           "document: sample-en-drone-ban\nfocus: [STRAW_MAN]\n")


def write_spec(folder: Path, name: str = "drone", text: str = EN_SPEC) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir())}


def test_cli_builds_then_skips_unchanged_then_force(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "lessons")
    out = tmp_path / "out"
    args = ["build", str(spec), "--out", str(out), "--format", "html", "--handouts",
            "teacher,student"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stdout + first.stderr
    assert first.stdout == f"built drone: {out}/drone/ 2 file(s)\n"
    assert first.stderr.startswith("rendered drone (")
    assert sorted(p.name for p in (out / "drone").iterdir()) == ["student.html", "teacher.html"]
    before = snapshot(out / "drone")
    again = runner.invoke(app, args)
    assert again.stdout == f"unchanged drone: {out}/drone/\n" and again.stderr == ""
    assert snapshot(out / "drone") == before
    forced = runner.invoke(app, args + ["--force"])
    assert forced.stdout == f"built drone: {out}/drone/ 2 file(s)\n"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["lessons"]) == ["drone"]
    assert manifest["lessons"]["drone"]["files"] == ["teacher.html", "student.html"]


def test_what_invalidates_the_cache(tmp_path: Path, catalogue) -> None:
    spec = write_spec(tmp_path / "lessons")
    out = tmp_path / "out"
    options = BuildOptions(out=out, formats=("html",), kinds=("teacher",))

    def statuses(opts: BuildOptions = options) -> list[str]:
        return [r.status for r in build_lessons([spec], catalogue, opts)]

    assert statuses() == ["built"]
    assert statuses() == ["unchanged"]
    spec.write_text(EN_SPEC + "level: Grade 9\n", encoding="utf-8")  # spec edited
    assert statuses() == ["built"]
    assert statuses(BuildOptions(out=out, formats=("html",), kinds=("teacher",),
                                 paper="letter")) == ["built"]  # other paper
    assert statuses() == ["built"]
    (out / "drone" / "teacher.html").unlink()  # an output went missing
    assert statuses() == ["built"]
    assert statuses() == ["unchanged"]


def test_invalid_lesson_among_good_ones_writes_nothing(tmp_path: Path) -> None:
    good = write_spec(tmp_path / "lessons")
    bad = write_spec(tmp_path / "lessons", "bad", EN_SPEC.replace("STRAW_MAN", "STRAWMAN"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(good), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (f"{bad}:5: focus: unknown device 'STRAWMAN' — did you mean "
                             "STRAW_MAN?\nError: 1 problem(s); nothing was written.\n")
    assert not out.exists()


def test_bad_options_are_refused(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    usage = "Usage: mlt build [OPTIONS] {lessons}...\nTry 'mlt build --help' for help.\n\n"
    for option, value, message in [
            ("--format", "pdf,docx", "'docx' (allowed: pdf, html; one or more, comma-separated)"),
            ("--format", ",", "',' (allowed: pdf, html; one or more, comma-separated)"),
            ("--handouts", "quiz", "'quiz' (allowed: student, teacher, annotated; one or more, "
                                   "comma-separated)"),
            ("--paper", "a5", "'a5' (allowed: a4, letter)"),
            ("--jobs", "0", "0 is not in the range x>=1.")]:
        result = runner.invoke(app, ["build", str(spec), "--out", str(tmp_path / "o"),
                                     option, value])
        # a usage mistake: exit 2 (docs/cli.md, exit codes)
        assert (result.exit_code, result.stderr) == (
            2, f"{usage}Error: Invalid value for '{option}'"
               f"{' / ' + repr('-j') if option == '--jobs' else ''}: {message}\n")
    assert not (tmp_path / "o").exists()


def test_parallel_build_of_several_lessons_on_letter(tmp_path: Path, catalogue) -> None:
    specs = [write_spec(tmp_path / "lessons", f"copy{i}") for i in range(3)]
    out = tmp_path / "out"
    results = build_lessons(specs, catalogue, BuildOptions(out=out, jobs=2, paper="letter",
                                                           formats=("pdf",),
                                                           kinds=("annotated",)))
    assert [(r.name, r.status) for r in results] == [
        ("copy0", "built"), ("copy1", "built"), ("copy2", "built")]
    for spec in specs:
        reader = PdfReader(out / spec.stem / "annotated.pdf")
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    again = build_lessons(specs, catalogue, BuildOptions(out=out, jobs=2, paper="letter",
                                                         formats=("pdf",), kinds=("annotated",)))
    assert {r.status for r in again} == {"unchanged"}


def test_interrupted_write_leaves_earlier_outputs_whole(tmp_path: Path, catalogue,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    spec = write_spec(tmp_path / "lessons")
    out = tmp_path / "out"
    options = BuildOptions(out=out, formats=("pdf",), kinds=("student", "teacher"))
    build_lessons([spec], catalogue, options)
    before = {p.name: p.read_bytes() for p in (out / "drone").iterdir()}
    spec.write_text(EN_SPEC + "level: Grade 10\n", encoding="utf-8")
    real_write = build_module.atomic_write_bytes
    calls = []

    def interrupted(path: Path, data: bytes) -> None:
        # the process dies while writing the second file (a fault we cannot cause for real)
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_write(path, data)

    monkeypatch.setattr(build_module, "atomic_write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_lessons([spec], catalogue, options)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in (out / "drone").iterdir()}
    assert sorted(after) == sorted(before)  # no temporary files left behind
    for name, data in after.items():
        assert len(PdfReader(out / "drone" / name).pages) >= 1  # every file whole
    assert after["teacher.pdf"] == before["teacher.pdf"]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "drone" not in manifest["lessons"]  # so the next build redoes it
    assert [r.status for r in build_lessons([spec], catalogue, options)] == ["built"]


def test_render_failure_writes_nothing(tmp_path: Path, catalogue,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.render.pdf import MissingFontError

    def no_font(lesson, options):
        raise MissingFontError("no glyphs")

    monkeypatch.setattr(build_module, "render_lesson", no_font)
    out = tmp_path / "out"
    with pytest.raises(BuildError) as caught:
        build_lessons([LESSONS], catalogue, BuildOptions(out=out, jobs=1))
    assert str(caught.value) == (
        "2 lesson(s) could not be built; nothing was written:\n"
        f"{LESSONS}/battery-breakthrough.yaml: no glyphs\n{LESSONS}/drone-ban.yaml: no glyphs")
    assert not out.exists()


def test_agreement_counts_printed_when_present(tmp_path: Path, catalogue) -> None:
    from handout_support import write_lesson

    from toolkit.corpus import Document
    from toolkit.spans import Span

    text = "Officials said the plan is final. An insider says it will fail."
    spans = [Span(0, 14, "VAGUE_ATTRIBUTION"), Span(34, 44, "ANONYMOUS_SOURCE")]
    document = Document.create(text, spans, doc_id="d", title="T",
                               agreement=[[0, 14, "VAGUE_ATTRIBUTION", 2, 3]])
    spec = write_lesson(tmp_path, "agree", [document],
                        "title: T\nlanguage: en\nannotations: agree.jsonl\n")
    build_lessons([spec], catalogue, BuildOptions(out=tmp_path / "out", formats=("html",),
                                                  kinds=("teacher",)))
    html = (tmp_path / "out" / "agree" / "teacher.html").read_text(encoding="utf-8")
    assert "<th class=\"num\">Agreed</th>" in html
    assert '<td class="num">2 of 3</td>' in html and '<td class="num">—</td>' in html


def test_one_lesson_renders_its_handouts_concurrently_with_the_same_files(
        tmp_path: Path, catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = write_spec(tmp_path / "lessons")
    submitted: list[str] = []
    real = concurrent.futures.ProcessPoolExecutor  # the build imports it when it forks

    class Counting(real):  # type: ignore[misc, valid-type]
        def submit(self, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    one = build_lessons([spec], catalogue, BuildOptions(out=tmp_path / "one", jobs=1))
    two = build_lessons([spec], catalogue, BuildOptions(out=tmp_path / "two", jobs=2))
    # one lesson, two jobs: each of the three handouts is its own task in the pool
    assert submitted == ["render_handout"] * 3
    assert one[0].pages == two[0].pages
    for name in one[0].files:
        assert (tmp_path / "one" / "drone" / name).read_bytes() == \
            (tmp_path / "two" / "drone" / name).read_bytes(), name


@pytest.mark.parametrize(("asked", "cores", "lessons", "kinds", "expected"), [
    (None, 1, 1, 3, 1),    # one core: one process
    (None, 2, 1, 3, 3),    # two cores, three handouts: all three at once
    (None, 2, 1, 1, 1),    # one handout: nothing to share
    (None, 2, 4, 3, 3),    # more handouts than cores: at least one per handout of a lesson
    (None, 8, 1, 3, 3),    # never more processes than handouts
    (None, 8, 10, 3, 8),   # many lessons: the cores
    (2, 2, 1, 3, 2),       # --jobs is obeyed
    (5, 2, 1, 2, 2),       # ... up to the number of handouts
    (1, 8, 10, 3, 1),
])
def test_worker_count(asked: int | None, cores: int, lessons: int, kinds: int,
                      expected: int) -> None:
    assert build_module.worker_count(asked, cores, lessons, kinds) == expected
