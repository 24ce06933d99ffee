"""Agreement over 30 annotators × 50 documents: time and peak memory of `mlt agree`'s report,
against the baseline of only reading the files (the same run, same data)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.agreement.adjudicate import adjudicate  # noqa: E402
from toolkit.collection import load_collection  # noqa: E402
from toolkit.agreement.report import build_report  # noqa: E402
from toolkit.corpus import Document, write_jsonl  # noqa: E402
from toolkit.devices import load_catalogue  # noqa: E402
from toolkit.spans import Span  # noqa: E402

ANNOTATORS, DOCUMENTS, LENGTH, SPANS = 30, 50, 3000, 25


def generate(folder: Path, catalogue) -> None:
    """Annotators who mostly agree on a shared key, with jittered bounds, misses and extras."""
    rng = random.Random(7)
    texts = ["".join(rng.choice("中国芯片产业的未来掌握在自己手中。") for _ in range(LENGTH))
             for _ in range(DOCUMENTS)]
    keys = []
    for _ in texts:
        starts = sorted(rng.sample(range(LENGTH - 60), SPANS))
        keys.append([Span(s, s + rng.randint(4, 50), rng.choice(catalogue.ids)) for s in starts])
    for a in range(ANNOTATORS):
        docs = []
        for d, (text, key) in enumerate(zip(texts, keys)):
            spans = [Span(max(0, s.start + rng.randint(-3, 3)), s.end + rng.randint(0, 3), s.label)
                     for s in key if rng.random() < 0.8]
            spans += [Span(x, x + 10, rng.choice(catalogue.ids))
                      for x in rng.sample(range(LENGTH - 20), 3)]
            docs.append(Document.create(text, spans, doc_id=f"doc{d}"))
        write_jsonl(folder / f"annotator{a:02d}.jsonl", docs)


def timed(func, repeat: int = 3) -> tuple[float, int]:
    """Median seconds over `repeat` runs and the peak traced memory of one run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> None:
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, catalogue)
        read_s, read_mem = timed(lambda: load_collection(folder, catalogue.unknown_label_message))
        collection = load_collection(folder)
        report_s, report_mem = timed(lambda: build_report(collection, catalogue))
        adj_s, _ = timed(lambda: adjudicate(collection))
    print(f"{ANNOTATORS} annotators x {DOCUMENTS} documents ({LENGTH} chars, ~{SPANS} spans each)")
    print(f"  read files (baseline)   median {read_s:6.2f} s  peak {read_mem / 1e6:6.1f} MB")
    print(f"  agreement report        median {report_s:6.2f} s  peak {report_mem / 1e6:6.1f} MB"
          f"  ({report_s / read_s:.1f}x reading)")
    print(f"  adjudicate (majority)   median {adj_s:6.2f} s  ({adj_s / read_s:.1f}x reading)")


if __name__ == "__main__":
    main()
