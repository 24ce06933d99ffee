"""Benchmark `mlt suggest` against bare spaCy tokenisation of the same texts, in the same run.

Chinese: the seed article body, repeated (char segmenter; `--jieba` adds the jieba segmenter).
English: the PTC articles. For each language: documents/s and characters/s of bare tokenisation
(`nlp.make_doc`) and of suggesting (pipeline + every rule + widening), as medians of several
rounds, their ratio, and the peak memory of one suggesting round (tracemalloc). The suggester
makes its Doc itself (`Suggester.tokenise`: for Chinese the same Doc as `nlp.make_doc`, built in
linear time), so that is timed too, and what the rules cost beyond it is given as a share of
bare tokenisation: (suggest - the suggester's tokenising) / bare. `--profile`
then runs one more suggesting round under cProfile and prints where the time goes, so that the
cost of the rules can be told from the cost of tokenising.

    python benchmarks/suggest.py [--rounds 5] [--copies 300] [--jieba] [--profile [N]]
                                 [--compare-rules DIR] [--model DIR]

`--compare-rules DIR` also times suggesting with the pattern files of DIR (e.g. another checkout's
toolkit/suggest/patterns) in the same interleaved rounds, so that a change of rules can be told
from the machine's noise. `--model DIR` (a folder `mlt train` wrote) also times the model's
prediction on the same texts in the same rounds, for each language it was trained on: its
characters/s, its cost per bare tokenising, the cost of `mlt suggest --model` (rules and
model) per bare tokenising, the peak Python memory of one prediction round and the process's
peak RSS (the CRF's own memory is there). Times are the process's CPU time (`time.process_time`): on a shared
machine other programs' load changes wall-clock times far more than it changes our CPU time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from toolkit.corpus import Document  # noqa: E402
from toolkit.suggest import Suggester, load_rules  # noqa: E402


def chinese_texts(copies: int) -> list[str]:
    """The seed article's body, `copies` times (each copy is its own document)."""
    from toolkit.formats.text import import_text

    body = import_text([CORPUS / "seed" / "chip-ban-article.zh.txt"])[0].text
    return [body] * copies


def english_texts() -> list[str]:
    """Every PTC article, as written."""
    folder = CORPUS / "ptc" / "articles"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def timed(func, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds to run `func` on every text."""
    start = time.process_time()
    for text in texts:
        func(text)
    return time.process_time() - start


def profile(suggester: Suggester, texts: list[str], lines: int) -> None:
    """Print the `lines` functions with the most own time in one suggesting round."""
    profiler = cProfile.Profile()
    profiler.runcall(timed, suggester.suggest, texts)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(lines)


def measure(name: str, suggester: Suggester, texts: list[str], rounds: int,
            profile_lines: int = 0, other: Suggester | None = None,
            model: Any = None) -> None:
    """Print the medians, ratio and peak memory for one language and segmenter (and for
    `model`'s prediction, when it was trained on the language)."""
    chars = sum(map(len, texts))
    make_doc, suggest = suggester.nlp.make_doc, suggester.suggest
    suggest(texts[0])  # warm caches
    if other is not None:
        other.suggest(texts[0])
    lang = suggester.lang
    if model is not None and lang not in model.manifest.languages:
        model = None
    documents = {text: Document.create(text, [], doc_id=str(i)) for i, text in enumerate(texts)}

    def predict(text: str) -> None:
        model.predict(documents[text], lang)

    if model is not None:
        predict(texts[0])
    bare, own, full, compared, predicted = [], [], [], [], []
    for _ in range(rounds):  # interleave so that machine noise hits all alike
        bare.append(timed(make_doc, texts))
        own.append(timed(suggester.tokenise, texts))
        full.append(timed(suggest, texts))
        if other is not None:
            compared.append(timed(other.suggest, texts))
        if model is not None:
            predicted.append(timed(predict, texts))
    tracemalloc.start()
    timed(suggest, texts)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    b, o, f = statistics.median(bare), statistics.median(own), statistics.median(full)
    print(f"{name}: {len(texts)} docs, {chars:,} chars, {rounds} rounds (medians)")
    print(f"  bare tokenisation  {len(texts) / b:9.0f} docs/s  {chars / b / 1e6:6.2f} M chars/s")
    print(f"  suggester's tokens {len(texts) / o:9.0f} docs/s  {chars / o / 1e6:6.2f} M chars/s")
    print(f"  suggest            {len(texts) / f:9.0f} docs/s  {chars / f / 1e6:6.2f} M chars/s")
    print(f"  ratio suggest/bare {f / b:6.2f}x   (min {min(full) / min(bare):.2f}x)   "
          f"peak memory of one suggest round {peak / 1e6:.1f} MB")
    print(f"  rules beyond the suggester's tokenising, per bare tokenising {(f - o) / b:6.2f}x")
    if compared:
        c = statistics.median(compared)
        print(f"  compared rules     {len(texts) / c:9.0f} docs/s  {chars / c / 1e6:6.2f} M chars/s"
              f"   ratio to bare {c / b:.2f}x")
    if predicted:
        m = statistics.median(predicted)
        tracemalloc.start()
        timed(predict, texts)
        model_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  model {model.name}: {len(texts) / m:9.0f} docs/s  {chars / m / 1e3:8.1f} k chars/s"
              f"   ratio to bare {m / b:.2f}x; rules and model {(f + m) / b:.2f}x; peak memory "
              f"of one prediction round {model_peak / 1e6:.1f} MB; process peak RSS {rss:.0f} MB")
    if profile_lines:
        profile(suggester, texts, profile_lines)


def main() -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--jieba", action="store_true", help="also time the jieba segmenter")
    parser.add_argument("--profile", type=int, nargs="?", const=25, default=0, metavar="N",
                        help="profile one more suggesting round; print the N costliest functions")
    parser.add_argument("--compare-rules", metavar="DIR", type=Path,
                        help="also time the pattern files of DIR in the same rounds")
    parser.add_argument("--model", metavar="DIR", type=Path,
                        help="also time the prediction of the model `mlt train` wrote in DIR")
    args = parser.parse_args()
    model = None
    if args.model is not None:
        from toolkit.model import ModelError, load

        try:
            model = load(args.model)
        except ModelError as exc:
            raise SystemExit(f"--model: {exc}") from None
    rules = load_rules()
    others = load_rules(sorted(args.compare_rules.glob("*.yaml"))) if args.compare_rules else None

    def other(lang: str) -> Suggester | None:
        return Suggester(others, lang) if others is not None else None

    measure("zh (char segmenter)", Suggester(rules, "zh"), chinese_texts(args.copies), args.rounds,
            args.profile, other("zh"), model)
    if args.jieba:
        measure("zh (jieba)", Suggester(rules, "zh", "jieba"), chinese_texts(args.copies // 5),
                args.rounds, args.profile)
    measure("en (sentencizer)", Suggester(rules, "en"), english_texts(), args.rounds,
            args.profile, other("en"), model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
