"""Benchmark `mlt train` on the shared PTC articles: cross-validated quality, training time,
model size, and prediction speed against bare spaCy tokenisation in the same run.

- `cv`: K-fold cross-validation by document (`toolkit.model.cross_validate`: each fold's model,
  lexicon included, learns from the other folds only); the overlap and exact tables of
  `mlt evaluate`, per technique.
- `train`: one model trained on every article: wall time, folder size.
- `speed`: with the model of `train`, characters/s of its prediction and of bare tokenisation (`nlp.make_doc`) over
  the same texts, medians of `--rounds` rounds, their ratio, and the peak Python memory of one
  round of each (tracemalloc; the CRF's own C memory is in the process's peak RSS, printed too).
- `curve`: a learning curve: models trained on the first N articles of the training folds of
  fold 1, all scored on fold 1's held-out articles.

    python benchmarks/model.py [--parts cv,train,speed] [--folds 5] [--rounds 3]
                               [--curve 25,50,100,200] [--negative-share 0.25]
                               [--unit sentence+word] [--sentence-min-tokens N]
                               [--pair-below N] [--tune-share 0.25] [--tune-rounds 1]
                               [--iterations 50]
                               [--tune-jointly 1] [--bags 1] [--min-freq 0]
                               [--linear-l2 0] [--linear-min-tokens 0]

`--unit` takes the settings `mlt train --unit` gives (default: its default);
`--sentence-min-tokens` and `--pair-below` override them.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from toolkit.devices import load_catalogue  # noqa: E402
from toolkit.evaluation import evaluate_documents  # noqa: E402
from toolkit.formats.ptc import import_ptc  # noqa: E402
from toolkit.model import (UNIT_CHOICES, Settings, assign_folds, cross_validate,  # noqa: E402
                           settings_for_unit, train)
from toolkit.spans import Span  # noqa: E402


def ptc_documents():  # -> list[Document]
    """The shared PTC articles with their expert labels, imported as `mlt import ptc` does."""
    return import_ptc(CORPUS / "ptc" / "articles", CORPUS / "ptc" / "labels", load_catalogue())


def rate(value: float | None) -> str:
    return "   –  " if value is None else f"{value:6.3f}"


def print_table(evaluation, title: str) -> None:  # type: ignore[no-untyped-def]
    print(f"\n{title}")
    print(f"{'technique':28} {'gold':>5} {'pred':>5}      P      R     F1")
    for score in (*evaluation.scores, evaluation.overall):
        print(f"{score.label:28} {score.gold:5} {score.predicted:5} {rate(score.precision)} "
              f"{rate(score.recall)} {rate(score.f1)}")


def part_cv(documents, settings: Settings, folds: int) -> None:  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    by_text = {d.fingerprint: d for d in documents}
    labels_all = sorted({s.label for d in documents for s in d.spans})

    def fold_done(fold, predicted) -> None:  # type: ignore[no-untyped-def]
        gold = [by_text[d.fingerprint] for d in predicted]
        overall = evaluate_documents(gold, predicted, "overlap", labels_all).overall
        paired = [d for d, u in fold.units if u == "sentence+word"]
        print(f"fold {fold.number}: {len(predicted)} test articles, overlap P "
              f"{rate(overall.precision)} R {rate(overall.recall)} F1 {rate(overall.f1)} "
              f"({time.perf_counter() - start:.0f} s since the start); sentence+word: "
              f"{', '.join(paired) or 'none'}"
              + (f"; blended (the CRF's weight): "
                 f"{', '.join(f'{d} {w:g}' for d, w in fold.weights)}" if settings.linear_l2
                 else ""), flush=True)

    result = cross_validate(documents, folds, settings, on_fold=fold_done)
    seconds = time.perf_counter() - start
    for fold in result.folds:
        assert not fold.trained_on & fold.tested_on
    labels = sorted({s.label for d in result.gold for s in d.spans},
                    key=lambda l: -sum(s.label == l for d in result.gold for s in d.spans))
    for mode in ("overlap", "exact"):
        evaluation = evaluate_documents(result.gold, result.predictions, mode, labels)
        print_table(evaluation, f"{folds}-fold cross-validation, {mode} match, "
                                f"{evaluation.documents} articles")
    print(f"\ncross-validation took {seconds / 60:.1f} min ({folds} models; "
          f"{(time.process_time() - cpu) / 60:.1f} min of CPU time)")


def part_train(documents, settings: Settings, rounds: int, speed: bool) -> None:  # type: ignore[no-untyped-def]
    from toolkit.suggest.pipeline import get_pipeline

    with tempfile.TemporaryDirectory() as work:
        start, cpu = time.perf_counter(), time.process_time()
        model = train(documents, Path(work) / "model", settings)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = sum(p.stat().st_size for p in (Path(work) / "model").iterdir())
        print(f"\ntraining on {len(documents)} articles: {seconds / 60:.1f} min "
              f"({cpu / 60:.1f} min of this process's CPU time: on a busy machine the wall "
              f"time is mostly waiting), {len(model.manifest.devices)} devices, folder "
              f"{size / 2**20:.1f} MB", flush=True)
        if not speed:
            return
        test = documents[: len(documents) // 5]
        nlp = get_pipeline("en")
        chars = sum(len(d.text) for d in test)

        def bare() -> None:
            for d in test:
                nlp.make_doc(d.text)

        def predict() -> None:
            for d in test:
                model.predict(d)

        results = {}
        for name, func in (("bare tokenisation", bare), ("model prediction", predict)):
            times = []
            for _ in range(rounds):
                begin = time.perf_counter()
                func()
                times.append(time.perf_counter() - begin)
            tracemalloc.start()
            func()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            results[name] = statistics.median(times)
            print(f"{name:18}: {chars / results[name] / 1e3:8.1f} k chars/s "
                  f"(median of {rounds}), peak Python memory {peak / 2**20:.1f} MB")
        print(f"prediction costs {results['model prediction'] / results['bare tokenisation']:.1f}"
              f"× bare tokenisation ({len(test)} articles, {chars} chars); process peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def part_curve(documents, settings: Settings, sizes: list[int], folds: int) -> None:  # type: ignore[no-untyped-def]
    split = assign_folds(documents, folds)
    test = [documents[i] for i in split[0]]
    pool = [documents[i] for f in split[1:] for i in f]
    labels = sorted({s.label for d in documents for s in d.spans})
    print(f"\nlearning curve (overlap F1 on the {len(test)} articles of fold 1)")
    with tempfile.TemporaryDirectory() as work:
        for size in [n for n in sizes if n <= len(pool)]:
            model = train(pool[:size], Path(work) / f"n{size}", settings)
            predicted = [d.with_spans(Span(f.start, f.end, f.label) for f in model.predict(d))
                         for d in test]
            overall = evaluate_documents(test, predicted, "overlap", labels).overall
            print(f"  {size:4} articles: P {rate(overall.precision)}  R {rate(overall.recall)}  "
                  f"F1 {rate(overall.f1)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="cv,train,speed")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--curve", default="25,50,100,200")
    parser.add_argument("--negative-share", type=float, default=Settings().negative_share)
    parser.add_argument("--iterations", type=int, default=Settings().iterations)
    parser.add_argument("--unit", default=next(iter(UNIT_CHOICES)), choices=UNIT_CHOICES)
    parser.add_argument("--sentence-min-tokens", type=int, default=None,
                        help="0: every device tagged by sentence; 1000000: every one by token")
    parser.add_argument("--pair-below", type=int, default=None,
                        help="sentence devices whose median span has fewer tokens get a word "
                             "tagger too (0: none)")
    parser.add_argument("--tune-share", type=float, default=Settings().tune_share,
                        help="0: fixed sentence threshold, no tuning")
    parser.add_argument("--tune-rounds", type=int, default=Settings().tune_rounds,
                        help="how many disjoint tuning shares, their counts added up")
    parser.add_argument("--tune-jointly", type=int, default=Settings().tune_jointly,
                        help="1: thresholds revised together for the overall overlap F1; "
                             "0: each device's for its own F1")
    parser.add_argument("--bags", type=int, default=Settings().bags,
                        help="sentence taggers per device, each on a resample of the training "
                             "articles, probabilities averaged (1: one, on all of them)")
    parser.add_argument("--min-freq", type=float, default=Settings().min_freq,
                        help="features seen fewer times are left out of a tagger")
    parser.add_argument("--linear-l2", type=float, default=Settings().linear_l2,
                        help="above 0: a linear sentence classifier with this L2 strength "
                             "blended with each sentence tagger, its weight tuned (0: none)")
    parser.add_argument("--linear-min-tokens", type=int, default=Settings().linear_min_tokens,
                        help="only sentence devices whose median span has at least this many "
                             "tokens are blended")
    args = parser.parse_args()
    unit = settings_for_unit(args.unit)
    settings = Settings(negative_share=args.negative_share, iterations=args.iterations,
                        sentence_min_tokens=(unit.sentence_min_tokens
                                             if args.sentence_min_tokens is None
                                             else args.sentence_min_tokens),
                        pair_below=unit.pair_below if args.pair_below is None
                        else args.pair_below,
                        tune_share=args.tune_share, tune_rounds=args.tune_rounds,
                        tune_jointly=args.tune_jointly, bags=args.bags,
                        min_freq=args.min_freq, linear_l2=args.linear_l2,
                        linear_min_tokens=args.linear_min_tokens)
    documents = ptc_documents()
    print(f"{len(documents)} PTC articles, {sum(len(d.text) for d in documents)} chars; "
          f"settings {settings.to_json()}", flush=True)
    parts = args.parts.split(",")
    if "cv" in parts:
        part_cv(documents, settings, args.folds)
    if "train" in parts or "speed" in parts:
        part_train(documents, settings, args.rounds, "speed" in parts)
    if "curve" in parts:
        part_curve(documents, settings, [int(n) for n in args.curve.split(",")], args.folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
