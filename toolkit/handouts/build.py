"""`mlt build`: validate every lesson, skip unchanged ones, render the rest (in parallel), then
write all outputs atomically and record their content hashes in a small manifest.

Two phases (MkDocs-style): nothing is written unless every lesson validated and rendered.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..atomic import atomic_write_bytes, atomic_write_text
from ..devices import Catalogue
from ..errors import InvalidInputError, Problem, ToolkitError
from ..progress import Progress, silent
from .lesson import Lesson, resolve_lesson
from .render import KINDS, PAPERS, TEMPLATES
from .spec import read_spec

if TYPE_CHECKING:
    from concurrent.futures import Future

FORMATS = ("pdf", "html")
MANIFEST = ".mlt-build.json"
MANIFEST_FORMAT = 1


class BuildError(ToolkitError):
    """One or more lessons could not be rendered; nothing was written."""


@dataclass(frozen=True)
class BuildOptions:
    """Where and what to build."""

    out: Path = Path("exports")
    formats: tuple[str, ...] = FORMATS
    kinds: tuple[str, ...] = KINDS
    paper: str = "a4"
    jobs: int | None = None
    force: bool = False

    def __post_init__(self) -> None:
        for name, given, allowed in (("format", self.formats, FORMATS),
                                     ("handout", self.kinds, KINDS)):
            bad = [g for g in given if g not in allowed]
            if bad or not given:
                raise ToolkitError(f"unknown {name} {', '.join(map(repr, bad)) or '(none)'} "
                                   f"(allowed: {', '.join(allowed)})")
        if self.paper not in PAPERS:
            raise ToolkitError(f"unknown paper {self.paper!r} (allowed: {', '.join(PAPERS)})")
        if self.jobs is not None and self.jobs < 1:
            raise ToolkitError(f"--jobs must be 1 or more, got {self.jobs}")

    def key(self) -> dict[str, Any]:
        """The options that change the outputs (part of each lesson's content hash)."""
        return {"formats": sorted(self.formats), "kinds": sorted(self.kinds), "paper": self.paper}


@dataclass(frozen=True)
class RenderedLesson:
    """A lesson's outputs in memory: file name → bytes, page counts, WeasyPrint warnings."""

    name: str
    files: dict[str, bytes]
    pages: dict[str, int]
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class BuildResult:
    """What happened to one lesson."""

    name: str
    folder: Path
    status: str  # "built" or "unchanged"
    files: tuple[str, ...]
    pages: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


def spec_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Lesson files named by `paths`: files as given, folders searched for `*.yaml`."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return found


def load_lessons(paths: Sequence[str | os.PathLike[str]], catalogue: Catalogue) -> list[Lesson]:
    """Read and resolve every lesson; InvalidInputError lists every problem of every file."""
    problems: list[Problem] = []
    lessons: list[Lesson] = []
    names: dict[str, Path] = {}
    files = spec_paths(paths)
    if not files:
        raise InvalidInputError([Problem(", ".join(map(str, paths)) or ".", None,
                                         "no lesson files (*.yaml) found")], "lessons")
    for path in files:
        spec, found = read_spec(path)
        problems.extend(found)
        if spec is None:
            continue
        if spec.name in names:
            problems.append(Problem(str(path), None, f"lesson name {spec.name!r} is also used by "
                                    f"{names[spec.name]} (both would write to the same folder)"))
            continue
        names[spec.name] = path
        lesson, found = resolve_lesson(spec, catalogue)
        problems.extend(found)
        if lesson is not None:
            lessons.append(lesson)
    if problems:
        raise InvalidInputError(problems, f"{len(files)} lesson file(s)")
    return lessons


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the handout code, templates and the render package (words, the WeasyPrint
    seam): a change in any of them rebuilds every lesson."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    render = package.parent / "render"
    for path in sorted([*package.glob("*.py"), *TEMPLATES.rglob("*"), *render.rglob("*.py"),
                        *render.rglob("*.yaml")]):
        if path.is_file():
            digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def lesson_hash(lesson: Lesson, options: BuildOptions) -> str:
    """The content hash of a lesson's outputs: spec, document, devices, code, options."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(lesson.spec.path.read_bytes())
    record = lesson.document.to_json()
    devices = [d.to_json() for d in lesson.devices.values()]
    digest.update(json.dumps([record, devices, options.key()], sort_keys=True,
                             ensure_ascii=False).encode())
    return digest.hexdigest()


def output_names(options: BuildOptions) -> tuple[str, ...]:
    """The file names one lesson produces, e.g. `teacher.pdf`."""
    return tuple(f"{kind}.{fmt}" for kind in options.kinds for fmt in options.formats)


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of earlier builds in `out` (empty when absent or unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    lessons = data.get("lessons")
    return lessons if isinstance(lessons, dict) else {}


def _write_manifest(out: Path, lessons: dict[str, Any]) -> None:
    data = {"format": MANIFEST_FORMAT, "toolkit": __version__, "lessons": lessons}
    atomic_write_text(out / MANIFEST, json.dumps(data, indent=1, sort_keys=True) + "\n")


def is_current(entry: Any, digest: str, folder: Path, names: Sequence[str]) -> bool:
    """True when the manifest entry has this hash and every output file is still there."""
    return (isinstance(entry, dict) and entry.get("hash") == digest
            and all((folder / name).is_file() for name in names))


@functools.lru_cache(maxsize=1)
def _process_tools() -> tuple[Any, Any]:
    """One template set and one WeasyPrint renderer per process (fonts load once)."""
    from ..render.pdf import Renderer
    from .render import Templates

    return Templates(), Renderer(TEMPLATES)


def printed_lines(lesson: Lesson, paper: str = "a4", layout: bool = False) -> Any:
    """The LineMap of the lesson's article as its handouts print it on `paper` (the same lines
    and numbers on the student worksheet, the teacher key and the annotated copy), with each
    line's widths (for justifying Chinese): broken by the typesetter, or, when it cannot read
    the measuring page or `layout` is given, read from a layout of that page."""
    from .highlight import line_starts_for
    from .lines import LineMap, LineWidth
    from .render import lesson_marks

    templates, renderer = _process_tools()
    marks = lesson_marks(lesson)
    html = templates.measure_html(lesson, marks, paper)
    measured = None if layout else renderer.typeset(html)
    typeset = measured is not None
    if measured is None:
        measured = renderer.lines(html)
    widths = {line.start: LineWidth(line.width, line.text_width, line.measure, line.font_size)
              for line in measured}
    return LineMap(line_starts_for(lesson.document.text, widths), widths, typeset)


@dataclass(frozen=True)
class RenderedHandout:
    """One handout of a lesson in memory: its files, its PDF's page count, warnings."""

    kind: str
    files: dict[str, bytes]
    pages: int | None
    warnings: tuple[str, ...] = ()
    overfull: tuple[tuple[int, float], ...] = ()  # typeset lines that did not fit: none written


def render_handout(lesson: Lesson, kind: str, options: BuildOptions,
                   lines: Any) -> RenderedHandout:
    """Render one handout (`kind`) of a lesson whose printed lines are known."""
    from .render import lesson_marks

    templates, renderer = _process_tools()
    marks = lesson_marks(lesson)
    files: dict[str, bytes] = {}
    pages, warnings = None, ()
    if "pdf" in options.formats:
        html = templates.handout_html(lesson, marks, kind, options.paper, lines, inline=False)
        data, pages, found, overfull = renderer.pdf(html, f"{kind}.pdf",
                                                    lines="line" if lines.typeset else None)
        if overfull:
            return RenderedHandout(kind, {}, None, (), overfull)
        files[f"{kind}.pdf"] = data
        warnings = tuple(f"{kind}.pdf: {w}" for w in found)
    if "html" in options.formats:
        html = templates.handout_html(lesson, marks, kind, options.paper, lines, inline=True)
        files[f"{kind}.html"] = html.encode("utf-8")
    return RenderedHandout(kind, files, pages, warnings)


def _combine(lesson: Lesson, handouts: Sequence[RenderedHandout],
             seconds: float) -> RenderedLesson:
    files: dict[str, bytes] = {}
    pages: dict[str, int] = {}
    warnings: list[str] = []
    for handout in handouts:
        files.update(handout.files)
        if handout.pages is not None:
            pages[handout.kind] = handout.pages
        warnings.extend(handout.warnings)
    return RenderedLesson(lesson.name, files, pages, tuple(warnings), seconds)


def _laid_out_again(lesson: Lesson, options: BuildOptions,
                    handouts: Sequence[RenderedHandout]) -> list[RenderedHandout]:
    """The handouts again, on lines read from a layout, when a typeset line did not fit in one
    of `handouts` (else `handouts` as they are); the build's warnings say so."""
    wrong = next((h for h in handouts if h.overfull), None)
    if wrong is None:
        return list(handouts)
    line, excess = wrong.overfull[0]
    lines = printed_lines(lesson, options.paper, layout=True)
    again = [render_handout(lesson, kind, options, lines) for kind in options.kinds]
    note = (f"{wrong.kind}.pdf: typeset line {line + 1} was {excess:.2f} px wider than its "
            f"measure; the article's lines were laid out by WeasyPrint instead (please report "
            f"this lesson: feedback sheets may cite other line numbers)")
    return [RenderedHandout(h.kind, h.files, h.pages, h.warnings + ((note,) if i == 0 else ()))
            for i, h in enumerate(again)]


def render_lesson(lesson: Lesson, options: BuildOptions) -> RenderedLesson:
    """Render every requested handout of one lesson into memory, one after another (nothing
    is written)."""
    began = time.perf_counter()
    lines = printed_lines(lesson, options.paper)
    handouts: list[RenderedHandout] = []
    for kind in options.kinds:
        handouts.append(render_handout(lesson, kind, options, lines))
        if handouts[-1].overfull:
            break
    handouts = _laid_out_again(lesson, options, handouts)
    return _combine(lesson, handouts, time.perf_counter() - began)


def _attempt(run: Callable[[], RenderedLesson]) -> tuple[RenderedLesson | None, str | None]:
    try:
        return run(), None
    except ToolkitError as exc:
        return None, str(exc)


def worker_count(asked: int | None, cores: int, lessons: int, kinds: int) -> int:
    """How many processes render: `--jobs` when given, else the number of cores, and when
    there are two or more, at least one per handout. A handout cannot be split between
    processes, so three handouts on two cores queue one behind another; rendered all at once,
    the system shares the two cores among them and the lesson is done when the work is, not
    when the longer queue is (benchmarks/build.py measures both). Never more than there are
    handouts to render."""
    tasks = lessons * kinds
    if asked is not None:
        return max(1, min(asked, tasks))
    if cores <= 1:
        return 1
    return min(max(cores, kinds), tasks)


def _outcomes(lessons: list[Lesson], options: BuildOptions,
              ) -> Iterator[tuple[Lesson, RenderedLesson | None, str | None]]:
    """Render each lesson, yielding in lesson order. With more than one job, the handouts of
    every lesson render in worker processes, each handout its own task (after the lesson's
    measuring pass), so even one lesson uses two or more cores."""
    cores = os.cpu_count() or 1
    jobs = worker_count(options.jobs, cores, len(lessons), len(options.kinds))
    # Chinese articles are segmented into words (jieba loads a dictionary): with a second
    # core, in a helper process while this one loads WeasyPrint and the fonts
    chinese = [x.document.text for x in lessons if x.article_language == "zh"]
    if chinese and (options.jobs or cores) > 1:
        from ..suggest.pipeline import chinese_words_ahead

        collect = chinese_words_ahead(chinese)
        try:
            _process_tools()
        finally:
            collect()
    if jobs <= 1:
        for lesson in lessons:
            yield lesson, *_attempt(functools.partial(render_lesson, lesson, options))
        return
    began = {lesson.name: time.perf_counter() for lesson in lessons}
    # WeasyPrint, the fonts and the templates load once, here, before the workers are forked
    # (they inherit them); one lesson is measured here too, while there is nothing to share.
    _process_tools()
    ready: dict[str, Any] = {}
    failed: dict[str, str] = {}
    if len(lessons) == 1:
        try:
            ready[lessons[0].name] = printed_lines(lessons[0], options.paper)
        except ToolkitError as exc:
            failed[lessons[0].name] = str(exc)
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only with workers

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        handouts: dict[str, list[Future[RenderedHandout]]] = {}

        def submit(lesson: Lesson, lines: Any) -> None:
            handouts[lesson.name] = [pool.submit(render_handout, lesson, kind, options, lines)
                                     for kind in options.kinds]

        for lesson in lessons:
            if lesson.name in ready:
                submit(lesson, ready[lesson.name])
        measuring = {pool.submit(printed_lines, lesson, options.paper): lesson
                     for lesson in lessons if lesson.name not in ready | failed}
        for future in as_completed(measuring):
            lesson = measuring[future]
            try:
                submit(lesson, future.result())
            except ToolkitError as exc:
                failed[lesson.name] = str(exc)
        for lesson in lessons:
            if lesson.name in failed:
                yield lesson, None, failed[lesson.name]
                continue
            try:
                done = _laid_out_again(lesson, options,
                                       [future.result() for future in handouts[lesson.name]])
            except ToolkitError as exc:
                yield lesson, None, str(exc)
                continue
            yield lesson, _combine(lesson, done, time.perf_counter() - began[lesson.name]), None


def _render_all(lessons: list[Lesson], options: BuildOptions,
                progress: Progress) -> list[RenderedLesson]:
    failures: list[str] = []
    rendered: list[RenderedLesson] = []
    for done, (lesson, result, error) in enumerate(_outcomes(lessons, options), start=1):
        if result is None:
            failures.append(f"{lesson.spec.path}: {error}")
            progress(f"failed {lesson.name}", done, len(lessons))
        else:
            rendered.append(result)
            progress(f"rendered {lesson.name} ({result.seconds:.1f} s)", done, len(lessons))
    if failures:
        raise BuildError(f"{len(failures)} lesson(s) could not be built; nothing was written:\n"
                         + "\n".join(failures))
    return rendered


def build_lessons(paths: Sequence[str | os.PathLike[str]], catalogue: Catalogue,
                  options: BuildOptions, progress: Progress = silent) -> list[BuildResult]:
    """Build the lessons named by `paths` into `options.out`; return one result per lesson."""
    lessons = load_lessons(paths, catalogue)
    manifest = read_manifest(options.out)
    names = output_names(options)
    hashes = {lesson.name: lesson_hash(lesson, options) for lesson in lessons}
    results: dict[str, BuildResult] = {}
    todo = []
    for lesson in lessons:
        folder = options.out / lesson.name
        if not options.force and is_current(manifest.get(lesson.name), hashes[lesson.name],
                                            folder, names):
            results[lesson.name] = BuildResult(lesson.name, folder, "unchanged", names)
        else:
            todo.append(lesson)
    if todo:
        rendered = _render_all(todo, options, progress)
        for lesson in todo:  # outputs about to change: forget their old hashes first
            manifest.pop(lesson.name, None)
        _write_manifest(options.out, manifest)
        for lesson, outputs in zip(todo, rendered):
            folder = options.out / lesson.name
            for name, data in outputs.files.items():
                atomic_write_bytes(folder / name, data)
            manifest[lesson.name] = {"hash": hashes[lesson.name], "files": list(names),
                                     "spec": str(lesson.spec.path)}
            results[lesson.name] = BuildResult(lesson.name, folder, "built", names,
                                               outputs.pages, outputs.warnings, outputs.seconds)
        _write_manifest(options.out, manifest)
    return [results[lesson.name] for lesson in lessons]
