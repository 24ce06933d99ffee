"""Benchmark the typesetter (toolkit/render/typeset.py) against the layout of the measuring page
it replaces, in one run, on real articles.

    python benchmarks/typeset.py [--ptc N] [--repeat N]

For every zh-dev article (../shared/corpus/zh-dev) and the first N PTC articles, each with every
span marked (`marks: all`), and for the seed lesson:
- time: `Renderer.typeset` (a probe page laid out, then Pango widths and greedy breaking) against
  `Renderer.lines` (WeasyPrint lays the whole measuring page out), warm in one process, median
  of `--repeat` runs each, alternating; the median of the per-article ratios;
- agreement: articles whose lines are the layout's exactly; line starts both share; articles
  where the typesetter needs fewer lines (the layout broke a line early);
- fit: the three handouts rendered on the typeset lines, with the final render's check of every
  line (`Renderer.pdf(..., lines="line")`): how many handouts have a line past the measure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.build import median_time  # noqa: E402
from toolkit.corpus import Document, write_jsonl  # noqa: E402
from toolkit.devices import load_catalogue  # noqa: E402
from toolkit.formats.ptc import import_ptc  # noqa: E402
from toolkit.handouts import BuildOptions, load_lessons  # noqa: E402
from toolkit.handouts.build import _process_tools, printed_lines, render_handout  # noqa: E402
from toolkit.handouts.render import KINDS, lesson_marks  # noqa: E402
from toolkit.spans import Span  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def articles(ptc: int) -> list[tuple[str, Document]]:
    found = []
    with (SHARED / "zh-dev" / "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            found.append(("zh", Document.create(record["text"],
                                                [Span(*s) for s in record["label"]],
                                                doc_id=record["doc_id"])))
    catalogue = load_catalogue()
    documents = import_ptc(SHARED / "ptc" / "articles", SHARED / "ptc" / "labels", catalogue)
    return found + [("en", d) for d in documents[:ptc]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=int, default=40, help="PTC articles (default 40)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per median (default 3)")
    args = parser.parse_args()
    catalogue = load_catalogue()
    templates, renderer = _process_tools()
    options = BuildOptions(formats=("pdf",))
    rows = {"zh": [], "en": []}
    with tempfile.TemporaryDirectory(prefix="mlt-typeset-") as tmp:
        for index, (lang, document) in enumerate(articles(args.ptc)):
            folder = Path(tmp) / f"a{index}"
            folder.mkdir()
            write_jsonl(folder / "a.jsonl", [document])
            (folder / "a.yaml").write_text(f"title: t\nlanguage: {lang}\nannotations: a.jsonl\n"
                                           "line_numbers: 1\nmarks: all\n", encoding="utf-8")
            [lesson] = load_lessons([folder / "a.yaml"], catalogue)
            html = templates.measure_html(lesson, lesson_marks(lesson), "a4")
            typeset, laid = renderer.typeset(html), renderer.lines(html)
            if typeset is None:
                raise SystemExit(f"{document.doc_id}: the typesetter could not read the page")
            ours = median_time(lambda: renderer.typeset(html), args.repeat)
            theirs = median_time(lambda: renderer.lines(html), args.repeat)
            lines = printed_lines(lesson)
            overfull = sum(bool(render_handout(lesson, kind, options, lines).overfull)
                           for kind in KINDS)
            starts, layout = [x.start for x in typeset], [x.start for x in laid]
            rows[lang].append({"same": starts == layout, "shared": len(set(starts) & set(layout)),
                               "lines": len(layout), "fewer": len(starts) < len(layout),
                               "more": len(starts) > len(layout), "ratio": ours / theirs,
                               "ours": ours, "theirs": theirs, "overfull": overfull})
    for lang, found in rows.items():
        if not found:
            continue
        print(f"{lang}: {len(found)} articles, every span marked; lines identical to the layout's "
              f"in {sum(r['same'] for r in found)}; line starts shared "
              f"{sum(r['shared'] for r in found)}/{sum(r['lines'] for r in found)}; fewer lines "
              f"in {sum(r['fewer'] for r in found)}, more in {sum(r['more'] for r in found)}; "
              f"handouts with a line past the measure {sum(r['overfull'] for r in found)}"
              f"/{len(found) * len(KINDS)}")
        print(f"    time (warm, median per article): typeset "
              f"{statistics.median(r['ours'] for r in found) * 1000:.0f} ms, layout "
              f"{statistics.median(r['theirs'] for r in found) * 1000:.0f} ms; median ratio "
              f"{statistics.median(r['ratio'] for r in found):.2f}")


if __name__ == "__main__":
    main()
