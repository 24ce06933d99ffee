"""Benchmark `mlt build` against a bare WeasyPrint render of the same final HTML, in one run.

    python benchmarks/build.py [--repeat N] [--quick]

Reports, with medians (the machine is shared and noisy):
1. per lesson (the two sample lessons and the shared Chinese seed article with our gold
   annotation), warm in one process: the toolkit's render of all three PDFs vs bare WeasyPrint
   `HTML(string=final_html).write_pdf()` of the same three final HTML strings; the toolkit's own
   code time (everything outside WeasyPrint layout and PDF writing) as a share of the bare render;
2. the seed lesson as cold processes in interleaved rounds: bare WeasyPrint rendering the
   teacher key's final HTML, `mlt build` of the teacher key alone (its article's typeset lines
   kept from an earlier build, as when a lesson is built again, and not kept, as on its first
   build), and the whole lesson (three PDFs) with --jobs 1, --jobs 2 and the default (and the
   default on a first build); medians, peak RSS, ratios to bare;
3. ten lessons: `--jobs 2` vs `--jobs 1` (cold processes, --force);
4. a no-change rebuild of the same ten lessons (cold process and in-process).

The run has a cache folder of its own (XDG_CACHE_HOME in a temporary folder): the user's is
neither read nor changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.cache import cache_folder  # noqa: E402
from toolkit.corpus import Document, fingerprint, write_jsonl  # noqa: E402
from toolkit.devices import load_catalogue  # noqa: E402
from toolkit.handouts import BuildOptions, build_lessons, load_lessons, render_lesson  # noqa: E402
from toolkit.handouts.build import _process_tools, printed_lines  # noqa: E402
from toolkit.handouts.highlight import line_starts_for  # noqa: E402
from toolkit.handouts.render import lesson_marks  # noqa: E402
from toolkit.handouts.lines import LineMap  # noqa: E402
from toolkit.handouts.render import TEMPLATES  # noqa: E402
from toolkit.render.pdf import PDF_VARIANT  # noqa: E402
from toolkit.spans import Span  # noqa: E402

SEED = ROOT.parent / "shared" / "corpus" / "seed" / "chip-ban-article.zh.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.json"
MLT = [sys.executable, "-c", "from toolkit.cli import app; app()"]


def seed_lesson(folder: Path) -> Path:
    """Write the seed article (body + gold spans) and a lesson spec for it; return the spec."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    if fingerprint(text) != gold["fingerprint"]:
        raise SystemExit(f"{SEED} changed: its fingerprint no longer matches {SEED_GOLD}")
    body = text[:gold["body_end"]]
    spans = [Span(s, e, label) for s, e, label in gold["label"] if e <= gold["body_end"]]
    document = Document.create(body, spans, doc_id=gold["doc_id"], title=gold["title"],
                               date=gold["date"], source=gold["source"], language="zh")
    write_jsonl(folder / "seed.jsonl", [document])
    spec = folder / "seed.yaml"
    spec.write_text("title: 芯片断供文章里的信源与口号\nlanguage: zh\nannotations: seed.jsonl\n"
                    "line_numbers: 1\nfocus: [ANONYMOUS_SOURCE, VAGUE_ATTRIBUTION, SLOGAN]\n",
                    encoding="utf-8")
    return spec


def ten_lessons(folder: Path, seed_spec: Path) -> Path:
    """Ten lesson specs (copies of the samples and the seed lesson) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [ROOT / "lessons" / "battery-breakthrough.yaml", ROOT / "lessons" / "drone-ban.yaml",
               seed_spec]
    for index in range(10):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        annotations = next(line.split(":", 1)[1].split("#")[0].strip()
                           for line in text.splitlines() if line.startswith("annotations:"))
        absolute = (source.parent / annotations).resolve()
        text = text.replace(f"annotations: {annotations}", f"annotations: {absolute}", 1)
        (folder / f"lesson{index:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


def median_time(run: Callable[[], Any], repeat: int) -> float:
    """Median wall time of `run()` over `repeat` calls."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


LAUNCHER = ("import resource, subprocess, sys, time\n"
            "began = time.perf_counter()\n"
            "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "elapsed = time.perf_counter() - began\n"
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime\n"
            "sys.stderr.buffer.write(done.stderr)\n"
            "print(done.returncode, elapsed, peak, cpu)\n")


def cold(args: list[str], repeat: int) -> tuple[float, float, float]:
    """Median wall time (s), median peak RSS (MB) and median CPU time (s, user + system, the
    process and every worker it waited for) of a fresh process running `args`.

    A small launcher process starts it, so that the peak RSS is the child's own (on Linux a
    child forked from this big process would inherit this process's peak through exec)."""
    times, peaks, cpus = [], [], []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", LAUNCHER, *args], cwd=ROOT,
                              capture_output=True, text=True)
        code, elapsed, peak, cpu = done.stdout.split()
        if code != "0":
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr}")
        times.append(float(elapsed))
        peaks.append(int(peak) / 1024)
        cpus.append(float(cpu))
    return statistics.median(times), statistics.median(peaks), statistics.median(cpus)


def final_html(lesson: Any, kinds: tuple[str, ...]) -> list[str]:
    """The exact HTML strings the toolkit hands to WeasyPrint for each handout (justified
    Chinese lines included)."""
    templates, _ = _process_tools()
    marks = lesson_marks(lesson)
    lines = printed_lines(lesson, "a4")
    return [templates.handout_html(lesson, marks, kind, "a4", lines, inline=False)
            for kind in kinds]


def own_code(lesson: Any, kinds: tuple[str, ...]) -> Callable[[], None]:
    """Everything the toolkit does for one lesson outside WeasyPrint: validation, numbering,
    HTML for measuring, reading line breaks, HTML of every handout (PDF and .html versions)."""
    templates, _ = _process_tools()
    measured = printed_lines(lesson, "a4")  # the words of a Chinese article are found here
    catalogue = load_catalogue()

    def run() -> None:
        load_lessons([lesson.spec.path], catalogue)
        numbered = lesson_marks(lesson)
        templates.measure_html(lesson, numbered, "a4")
        lines = LineMap(line_starts_for(lesson.document.text, measured.widths),
                        measured.widths)
        for kind in kinds:
            for inline in (False, True):
                templates.handout_html(lesson, numbered, kind, "a4", lines, inline)
    return run


def per_lesson(lessons: list[Any], repeat: int) -> None:
    from weasyprint import HTML

    options = BuildOptions(formats=("pdf",))
    print(f"{'lesson':24} {'spans':>5} {'toolkit s':>10} {'bare s':>8} {'ratio':>6} "
          f"{'own code s':>10} {'own/bare':>8}")
    for lesson in lessons:
        htmls = final_html(lesson, options.kinds)
        render_lesson(lesson, options)  # warm fonts and caches

        def bare() -> None:
            for html in htmls:
                HTML(string=html, base_url=str(TEMPLATES)).write_pdf(pdf_variant=PDF_VARIANT)

        toolkit = median_time(lambda: render_lesson(lesson, options), repeat)
        base = median_time(bare, repeat)
        own = median_time(own_code(lesson, options.kinds), repeat)
        print(f"{lesson.name:24} {len(lesson.spans):5d} {toolkit:10.2f} {base:8.2f} "
              f"{toolkit / base:6.2f} {own:10.3f} {own / base:8.1%}")
    print("  toolkit: render_lesson() for student+teacher+annotated PDFs, warm, including the "
          "measuring layout pass;\n  bare: WeasyPrint HTML(string=...).write_pdf() of the same "
          "three final HTML strings (same pdf/ua-1 variant);\n  own code: everything outside "
          "WeasyPrint (validation, numbering, templates, reading line breaks).")


#: The rows built with no typeset lines kept (each of their runs empties that folder first).
FIRST = "mlt build, teacher key, first build"
FIRST_LESSON = "mlt build, lesson, first build"


def cold_seed(seed_spec: Path, out: Path, repeat: int) -> None:
    """The seed lesson as cold processes, in interleaved rounds (each round runs every command
    once, so a busy spell of the machine hits them alike): bare WeasyPrint rendering the teacher
    key's final HTML; `mlt build` of the teacher key alone, with its article's typeset lines
    kept by an earlier command and (FIRST) with none kept; the whole lesson (three PDFs) with
    `--jobs 1`, `--jobs 2` and the default (no --jobs), and with the default and none kept
    (FIRST_LESSON). Medians of the times and peak RSS, and the ratios to bare of the medians."""
    catalogue = load_catalogue()
    [lesson] = load_lessons([seed_spec], catalogue)
    [html] = final_html(lesson, ("teacher",))
    html_file = out / "seed-teacher.html"
    html_file.write_text(html, encoding="utf-8")
    build = MLT + ["build", str(seed_spec), "--format", "pdf", "--force"]
    commands = {
        "bare WeasyPrint, teacher key": [
            sys.executable, "-c", "import sys; from weasyprint import HTML; "
            f"HTML(filename=sys.argv[1], base_url={str(TEMPLATES)!r})"
            f".write_pdf(pdf_variant={PDF_VARIANT!r}, pdf_tags=True)", str(html_file)],
        "mlt build, teacher key": build + ["--out", str(out / "key"), "--handouts", "teacher"],
        FIRST: build + ["--out", str(out / "key1"), "--handouts", "teacher"],
        "mlt build, lesson --jobs 1": build + ["--out", str(out / "j1"), "--jobs", "1"],
        "mlt build, lesson --jobs 2": build + ["--out", str(out / "j2"), "--jobs", "2"],
        "mlt build, lesson (default jobs)": build + ["--out", str(out / "jd")],
        FIRST_LESSON: build + ["--out", str(out / "jd1")],
    }
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            if name in (FIRST, FIRST_LESSON):
                shutil.rmtree(cache_folder("lines"), ignore_errors=True)
            runs[name].append(cold(args, 1))
    bare = statistics.median(t for t, _, _ in runs["bare WeasyPrint, teacher key"])
    bare_cpu = statistics.median(c for _, _, c in runs["bare WeasyPrint, teacher key"])
    print(f"seed lesson, cold processes, {repeat} interleaved rounds on {os.cpu_count()} cores "
          f"(load average {os.getloadavg()[0]:.1f} at the end):")
    for name, found in runs.items():
        wall = statistics.median(t for t, _, _ in found)
        peak = statistics.median(m for _, m, _ in found)
        cpu = statistics.median(c for _, _, c in found)
        print(f"  {name:37} {wall:6.2f} s  ratio to bare {wall / bare:5.2f}  CPU {cpu:5.2f} s "
              f"({cpu / bare_cpu:4.2f}x)  peak {peak:4.0f} MB  "
              f"(runs: {', '.join(f'{t:.2f}' for t, _, _ in found)})")
    print("  CPU: user + system time of the process and of every worker it waited for")


def jobs_and_rebuild(lessons_dir: Path, out: Path, repeat: int) -> None:
    base = MLT + ["build", str(lessons_dir), "--out", str(out / "ten")]
    one = cold(base + ["--jobs", "1", "--force"], repeat)
    two = cold(base + ["--jobs", "2", "--force"], repeat)
    print(f"ten lessons, all handouts (pdf+html): --jobs 1 {one[0]:.2f} s (peak {one[1]:.0f} MB),"
          f" --jobs 2 {two[0]:.2f} s (peak {two[1]:.0f} MB); speed-up {one[0] / two[0]:.2f}x "
          f"on {os.cpu_count()} cores")
    unchanged = cold(base, max(repeat, 5))
    catalogue = load_catalogue()
    options = BuildOptions(out=out / "ten")
    in_process = median_time(lambda: build_lessons([lessons_dir], catalogue, options),
                             max(repeat, 5))
    startup = cold(MLT + ["--version"], max(repeat, 5))
    print(f"no-change rebuild of ten lessons: {unchanged[0]:.2f} s as a cold process (of which "
          f"`mlt --version` startup {startup[0]:.2f} s), {in_process * 1000:.0f} ms in-process")


def main() -> None:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="only the cold-process figures of the seed lesson")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mlt-bench-") as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the commands inherit it
        seed_spec = seed_lesson(work)
        catalogue = load_catalogue()
        cold_seed(seed_spec, work, args.repeat)
        if args.quick:
            return
        lessons = load_lessons([ROOT / "lessons", seed_spec], catalogue)
        per_lesson(lessons, args.repeat)
        jobs_and_rebuild(ten_lessons(work / "ten-lessons", seed_spec), work,
                         max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
