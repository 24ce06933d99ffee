"""Train a model from gold documents, and use it: one CRF tagger per device.

A device's tagger marks each token as inside (`I`) or outside (`O`) a span of that device, so
spans of different devices may overlap, as they do in gold. Devices whose spans are clauses
(the median training span has at least `sentence_min_tokens` tokens) get a tagger over the
sentences of an article instead: a sentence is `I` when a span of the device overlaps it, and a
predicted span is the whole sentence, scored by its probability of `I` (at least
`sentence_threshold`, or the threshold tuned for the device). Which unit a device gets is
decided from the training spans alone, and so are tuned thresholds: each sentence tagger is
first trained on three quarters of the training articles (lexicon included) and scores the
remaining quarter; each device takes the threshold with the best overlap F1 of its own, then
the thresholds are revised together for the best overall overlap F1 on that quarter; then the
taggers are trained on all of them. The articles a model is evaluated on never take part. Sentences without a span of the
device are sampled (`negative_share` of them, chosen by a hash of the document and the
sentence, so a run is repeatable): on a few hundred articles this trains about four times
faster and finds more spans than training on every sentence (docs/model.md has the figures).
A predicted span is a run of tokens whose probability of `I` is at least `threshold`; its
score is the mean probability over its tokens. With `bags` above 1 a device has several
sentence taggers, each trained on a resample of the training articles (`bag_copies`), and a
sentence's probability is their mean (`Averaged`), in tuning as in prediction.
"""

from __future__ import annotations

import math
import os
import statistics
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..corpus import Document
from ..errors import ToolkitError
from ..progress import Progress, silent
from . import crf, linear
from .features import Lexicon, covered_share, inside_tokens, sentence_features, token_features
from .tokens import Sentence, Tokenised, Tokeniser

INSIDE, OUTSIDE = "I", "O"
TOKEN, SENTENCE, PAIRED = "token", "sentence", "sentence+word"
UNITS = (TOKEN, SENTENCE, PAIRED)
#: `mlt train --unit`: the settings each choice stands for (the first is the default).
UNIT_CHOICES: dict[str, dict[str, int]] = {
    "sentence+word": {"sentence_min_tokens": 0, "pair_below": 12},
    "sentence": {"sentence_min_tokens": 0, "pair_below": 0},
    "auto": {"sentence_min_tokens": 12, "pair_below": 0},
    "token": {"sentence_min_tokens": 1_000_000, "pair_below": 0},
}


@dataclass(frozen=True)
class Settings:
    """Everything a training run is configured by (recorded in the model's manifest)."""

    c1: float = 0.05                 # L1 regularisation
    c2: float = 0.01                 # L2 regularisation
    iterations: int = 50             # L-BFGS iterations per device
    negative_share: float = 0.25     # share of sentences without the device that are trained on
    min_spans: int = 3               # devices with fewer training spans get no tagger
    lexicon_min_count: int = 3
    lexicon_min_share: float = 0.1
    threshold: float = 0.5           # a token is inside when P(I) >= threshold
    sentence_min_tokens: int = 0     # devices whose median span has at least this many tokens
                                     # are tagged by sentence (0: all; the best on PTC)
    sentence_threshold: float = 0.3  # a sentence is suggested when P(I) >= this, unless tuned:
    tune_share: float = 0.25         # sentence devices: this share of the training articles
                                     # picks each device's threshold (0: no tuning)
    tune_rounds: int = 4             # how many disjoint shares do so, each scored by taggers
                                     # trained on the rest, their counts added up (4: every
                                     # training article is scored once)
    tune_jointly: int = 1            # 1: the thresholds are revised together for the best
                                     # overall overlap F1; 0: each device for its own F1
    pair_below: int = 12             # sentence devices whose median span has fewer tokens
                                     # also get a word tagger, used where tuning finds it helps
                                     # (unit sentence+word; 0: none)
    bags: int = 1                    # sentence taggers per device: 1, trained on every training
                                     # article; more: each on a resample of them (a Poisson
                                     # bootstrap by a hash), their probabilities averaged
    min_freq: float = 0              # features seen fewer times in a tagger's training
                                     # sentences are left out of it (crfsuite feature.minfreq)
    linear_l2: float = 1e-4          # above 0: sentence devices also get a linear classifier
                                     # (this L2 strength), blended with the CRF tagger by a
                                     # weight tuned with the thresholds (0: none)
    linear_min_tokens: int = 0       # only sentence devices whose median span has at least this
                                     # many tokens get the linear classifier

    #: What a manifest written before a setting existed meant by leaving it out.
    LEGACY = {"pair_below": 0, "tune_rounds": 1, "bags": 1, "min_freq": 0, "linear_l2": 0,
              "linear_min_tokens": 0}

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any, where: str) -> Settings:
        known = {f.name: f.type for f in fields(cls)}
        if not isinstance(data, dict):
            raise ToolkitError(f"{where}: field \"settings\" must be an object of "
                               f"{', '.join(known)}")
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ToolkitError(f"{where}: field \"settings\" has unknown key(s) "
                               f"{', '.join(unknown)} (allowed: {', '.join(known)})")
        defaults = cls()
        values = {}
        for name in known:
            value = data.get(name, cls.LEGACY.get(name, getattr(defaults, name)))
            expected = type(getattr(defaults, name))
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ToolkitError(f"{where}: settings.{name} must be a number, got {value!r}")
            values[name] = expected(value)
        return cls(**values)


def settings_for_unit(unit: str) -> Settings:
    """The default settings with the unit `mlt train --unit` names."""
    if unit not in UNIT_CHOICES:
        raise ToolkitError(f"unknown --unit {unit!r} (allowed: {', '.join(UNIT_CHOICES)})")
    return Settings(**UNIT_CHOICES[unit])


def keep_negative(document: Document, start: int, share: float) -> bool:
    """Is the sentence starting at `start` among the sampled sentences without the device?"""
    if share >= 1:
        return True
    return zlib.crc32(f"{document.fingerprint}:{start}".encode()) % 10_000 < share * 10_000


def bag_copies(document: Document, bag: int, bags: int) -> int:
    """How many times `document` is in resample `bag` (1-based) of `bags`: once in the only
    one; else a Poisson(1) draw by a hash of its text and the bag, so a document's draws do
    not depend on the other documents and a run is repeatable."""
    if bags <= 1:
        return 1
    u = zlib.crc32(f"{document.fingerprint}:bag{bag}".encode()) / 2**32
    copies, term, total = 0, math.exp(-1), math.exp(-1)
    while u >= total and copies < 20:
        copies += 1
        term /= copies
        total += term
    return copies


def _train(sequences: Iterable[tuple[list[list[str]], list[str]]], path: Path,
           settings: Settings) -> None:
    crf.train(sequences, path, settings.c1, settings.c2, settings.iterations, settings.min_freq)


def train_sentence_taggers(prepared: Prepared, lexicon: Lexicon, device: str,
                           settings: Settings, folder: Path, stem: str) -> list[Path]:
    """A device's sentence taggers, `settings.bags` of them (files `stem`, then
    `stem` with `.bag2`, `.bag3`, … before the suffix), each on its resample of `prepared`."""
    paths = []
    for bag in range(1, max(1, settings.bags) + 1):
        path = folder / bag_file(stem, bag)
        indexes = [i for i, item in enumerate(prepared.items)
                   for _ in range(bag_copies(item.document, bag, settings.bags))]
        _train(_sentence_sequences(prepared.subset(indexes), lexicon, device), path, settings)
        paths.append(path)
    return paths


def bag_file(stem: str, bag: int) -> str:
    """`X.crfsuite` for bag 1, `X.bag2.crfsuite` for bag 2 (a stem without a suffix too)."""
    if bag == 1:
        return stem
    base, dot, suffix = stem.rpartition(".")
    return f"{base}.bag{bag}.{suffix}" if dot else f"{stem}.bag{bag}"


class Averaged:
    """Several CRF taggers of one device whose probabilities are averaged."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._taggers = [crf.Tagger(path) for path in paths]

    def marginals(self, items: Sequence[Sequence[str]], label: str) -> list[float]:
        if len(self._taggers) == 1:  # the default: no averaging on the prediction path
            return self._taggers[0].marginals(items, label)
        each = [tagger.marginals(items, label) for tagger in self._taggers]
        return [sum(values) / len(values) for values in zip(*each)]


class Prepared:
    """Training documents tokenised once, with their token features (shared by all devices)."""

    def __init__(self, documents: Sequence[Document], progress: Progress = silent) -> None:
        tokeniser = Tokeniser()
        self.items: list[Tokenised] = []
        self.features: list[list[list[list[str]]]] = []
        self.sentence_features: list[list[list[str]]] = []
        for done, document in enumerate(documents, start=1):
            item = tokeniser(document)
            self.items.append(item)
            self.features.append(token_features(item))
            self.sentence_features.append(sentence_features(item))
            progress("reading articles", done, len(documents))
        self._linear: list[list[linear.Row]] | None = None

    @property
    def linear_rows(self) -> list[list[linear.Row]]:
        """Per document, its sentences as the linear classifier's rows (made when first asked)."""
        if self._linear is None:
            self._linear = [linear.sentence_rows(item) for item in self.items]
        return self._linear

    def sentence_matrix(self, idf: Any) -> linear.Matrix:
        """Every sentence of every document, in order, as one matrix."""
        return linear.Matrix([row for rows in self.linear_rows for row in rows], idf)

    def learn_idf(self) -> Any:
        return linear.learn_idf([row for rows in self.linear_rows for row in rows])

    def subset(self, indexes: Sequence[int]) -> Prepared:
        """The same preparation for some of the documents (cross-validation folds)."""
        part = Prepared.__new__(Prepared)
        part.items = [self.items[i] for i in indexes]
        part.features = [self.features[i] for i in indexes]
        part.sentence_features = [self.sentence_features[i] for i in indexes]
        part._linear = None if self._linear is None else [self._linear[i] for i in indexes]
        return part


def _sequences(prepared: Prepared, lexicon: Lexicon, device: str, share: float,
               ) -> Iterator[tuple[list[list[str]], list[str]]]:
    for item, sentences in zip(prepared.items, prepared.features):
        ranges = [(s.start, s.end) for s in item.document.spans if s.label == device]
        for sentence, rows in zip(item.sentences, sentences):
            inside = inside_tokens(sentence, ranges)
            if not any(inside) and not keep_negative(item.document, sentence.start, share):
                continue
            marks = lexicon.token_marks(device, item.lang, sentence)
            yield ([row + mark for row, mark in zip(rows, marks)],
                   [INSIDE if flag else OUTSIDE for flag in inside])


def _sentence_sequences(prepared: Prepared, lexicon: Lexicon, device: str,
                        ) -> Iterator[tuple[list[list[str]], list[str]]]:
    for item, rows in zip(prepared.items, prepared.sentence_features):
        ranges = [(s.start, s.end) for s in item.document.spans if s.label == device]
        yield ([row + lexicon.sentence_marks(device, item.lang, sentence)
                for sentence, row in zip(item.sentences, rows)],
               [INSIDE if covered_share(sentence, ranges) > 0 else OUTSIDE
                for sentence in item.sentences])


def sentence_labels(prepared: Prepared, device: str) -> list[bool]:
    """Is each sentence (of every document, in order) overlapped by a span of `device`?"""
    labels = []
    for item in prepared.items:
        ranges = [(s.start, s.end) for s in item.document.spans if s.label == device]
        labels.extend(covered_share(sentence, ranges) > 0 for sentence in item.sentences)
    return labels


def train_linear(prepared: Prepared, devices: Sequence[str], settings: Settings,
                 folder: Path) -> None:
    """The linear classifiers of `devices` (and the idf they share), trained on every
    prepared document, written into `folder`."""
    if not devices:
        return
    idf = prepared.learn_idf()
    matrix = prepared.sentence_matrix(idf)
    linear.save(folder / linear.IDF_FILE, idf)
    for device in devices:
        linear.save(folder / linear.weights_file(device),
                    linear.fit(matrix, sentence_labels(prepared, device), settings.linear_l2))


def median_tokens(prepared: Prepared, device: str) -> float:
    """The median number of tokens a training span of `device` covers."""
    sizes = []
    for item in prepared.items:
        starts = [t[0] for sentence in item.sentences for t in sentence.tokens]
        ends = [t[1] for sentence in item.sentences for t in sentence.tokens]
        for span in item.document.spans:
            if span.label == device:
                sizes.append(max(1, bisect_left(starts, span.end) - bisect_right(ends, span.start)))
    return statistics.median(sizes) if sizes else 0.0


def device_counts(documents: Sequence[Document]) -> Counter[str]:
    """How many spans of each device the documents hold."""
    return Counter(span.label for document in documents for span in document.spans)


#: A paired device's word thresholds: a run of its word tagger at least this likely replaces
#: a suggested sentence it lies in (None: the sentence is suggested whole); a run this likely
#: in a sentence not suggested is suggested on its own (None: never).
WordThresholds = tuple[float | None, float | None]


@dataclass(frozen=True)
class Trained:
    """What `train_taggers` learnt, besides the tagger files."""

    lexicon: Lexicon
    devices: dict[str, int]              # device -> its training spans
    units: dict[str, str]                # device -> token, sentence or sentence+word
    thresholds: dict[str, float]         # device -> token or sentence threshold
    words: dict[str, WordThresholds]     # sentence+word devices -> their word thresholds
    weights: dict[str, float] = field(default_factory=dict)  # blended devices -> the
                                         # CRF's weight (below 1)


def train_taggers(prepared: Prepared, settings: Settings, folder: Path,
                  progress: Progress = silent) -> Trained:
    """Learn the lexicon and the taggers of each device (files `folder/<DEVICE>.crfsuite`, and
    `<DEVICE>.words.crfsuite` for a sentence+word device) from the prepared training documents
    only."""
    counts = device_counts([item.document for item in prepared.items])
    devices = sorted(d for d, n in counts.items() if n >= settings.min_spans)
    lexicon = Lexicon.learn(prepared.items, devices, settings.lexicon_min_count,
                            settings.lexicon_min_share)
    medians = {d: median_tokens(prepared, d) for d in devices}
    units = {d: SENTENCE if medians[d] >= settings.sentence_min_tokens else TOKEN
             for d in devices}
    thresholds = {d: settings.sentence_threshold if units[d] == SENTENCE else settings.threshold
                  for d in devices}
    paired = [d for d in devices if units[d] == SENTENCE and medians[d] < settings.pair_below]
    blended = [d for d in devices if units[d] == SENTENCE and settings.linear_l2 > 0
               and medians[d] >= settings.linear_min_tokens]
    tuned, words, weights = tune_thresholds(prepared, devices,
                                            [d for d in devices if units[d] == SENTENCE],
                                            paired, settings, folder, progress, blended)
    thresholds.update(tuned)
    weights = {d: w for d, w in weights.items() if w < 1}
    if weights:
        progress("training the linear classifiers", 0, len(weights))
        train_linear(prepared, sorted(weights), settings, folder)
    words = {d: w for d, w in words.items() if w != (None, None)}
    units.update({d: PAIRED for d in words})
    for done, device in enumerate(devices):
        progress(f"training {device}", done, len(devices))
        if units[device] in (SENTENCE, PAIRED):
            train_sentence_taggers(prepared, lexicon, device, settings, folder,
                                   tagger_file(device))
        if units[device] in (TOKEN, PAIRED):
            _train(_sequences(prepared, lexicon, device, settings.negative_share),
                   folder / tagger_file(device, words=units[device] == PAIRED), settings)
    progress("trained", len(devices), len(devices))
    return Trained(lexicon, {device: counts[device] for device in devices}, units, thresholds,
                   words, weights)


GRID = tuple(round(0.05 * n, 2) for n in range(1, 13))  # 0.05 … 0.6
WORD_INSIDE = (0.2, 0.3, 0.4, 0.5, None)   # a paired device's word thresholds tried
WORD_OUTSIDE = (0.5, 0.6, 0.7, 0.8, None)
BLEND = (1.0, 0.75, 0.5, 0.25, 0.0)        # the CRF's weights tried beside a linear classifier


@dataclass(frozen=True)
class Mix:
    """A tuning key with the CRF's blend weight beside a linear classifier."""

    weight: float
    key: Any

#: Overlap counts of one device's suggestions on the tuning articles, per threshold (or per
#: sentence and word thresholds): (suggested, suggested that overlap a gold span, gold spans
#: overlapped, gold spans).
Counts = tuple[int, int, int, int]
Key = Any  # a sentence threshold, or (sentence threshold, *WordThresholds)


def overlap_f1(counts: Sequence[Counts]) -> float:
    """The overlap F1 of the pooled counts (as `mlt evaluate` computes its overall row)."""
    predicted, correct, found, total = (sum(c[k] for c in counts) for k in range(4))
    precision = correct / predicted if predicted else 0.0
    recall = found / total if total else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def tune_thresholds(prepared: Prepared, lexicon_devices: Sequence[str], devices: Sequence[str],
                    paired: Sequence[str], settings: Settings, folder: Path,
                    progress: Progress = silent, blended: Sequence[str] = (),
                    ) -> tuple[dict[str, float], dict[str, WordThresholds], dict[str, float]]:
    """Sentence thresholds for `devices`, and word thresholds for those of them `paired` with a
    word tagger, chosen on a share (`tune_share`) of the training articles with taggers (and a
    lexicon of `lexicon_devices`) trained on the others: each device's thresholds with the best
    overlap F1 of its own; then, with `tune_jointly`, revised one device at a time, for as long
    as that raises the overall overlap F1 of all the tuned devices together (the figure
    `mlt evaluate` reports). A device without spans on both sides keeps the setting's sentence
    threshold and no word thresholds (it is not returned). For the devices `blended`, the CRF's
    weight beside a linear classifier (`linear_l2`) is chosen with them (returned for each of
    them that is tuned; 1: the CRF alone)."""
    if settings.tune_share <= 0 or not devices:
        return {}, {}, {}
    tables: dict[str, dict[Key, Counts]] = {}
    rounds = max(1, min(settings.tune_rounds, int(1 / settings.tune_share + 1e-9)))
    for number in range(rounds):
        low, high = number * settings.tune_share, (number + 1) * settings.tune_share
        held = [i for i, item in enumerate(prepared.items)
                if low <= _bucket(item.document) < high]
        rest = [i for i in range(len(prepared.items)) if i not in set(held)]
        if not held or not rest:
            continue
        for device, table in _tuning_tables(prepared.subset(held), prepared.subset(rest),
                                            lexicon_devices, devices, paired, blended, settings,
                                            folder, progress, f" ({number + 1}/{rounds})"
                                            if rounds > 1 else "").items():
            into = tables.setdefault(device, {})
            for key, counts in table.items():
                into[key] = tuple(a + b for a, b in zip(into.get(key, (0, 0, 0, 0)), counts))
    chosen = choose_thresholds(tables, bool(settings.tune_jointly))
    weights = {d: k.weight for d, k in chosen.items() if isinstance(k, Mix)}
    chosen = {d: k.key if isinstance(k, Mix) else k for d, k in chosen.items()}
    return ({d: k[0] if isinstance(k, tuple) else k for d, k in chosen.items()},
            {d: (k[1], k[2]) if isinstance(k, tuple) else (None, None)
             for d, k in chosen.items() if d in paired}, weights)


def _bucket(document: Document) -> float:
    """Where a document falls in [0, 1) for choosing tuning articles (by a hash of its text;
    `keep_negative(document, -1, share)` is `_bucket(document) < share`)."""
    return zlib.crc32(f"{document.fingerprint}:-1".encode()) % 10_000 / 10_000


def _tuning_tables(tuning: Prepared, learning: Prepared, lexicon_devices: Sequence[str],
                   devices: Sequence[str], paired: Sequence[str], blended: Sequence[str],
                   settings: Settings, folder: Path, progress: Progress, label: str,
                   ) -> dict[str, dict[Key, Counts]]:
    """One tuning round: taggers trained on `learning` score `tuning`; per device, the counts
    each threshold (or sentence and word thresholds, and for the devices `blended` each blend
    weight) would give."""
    both = (device_counts([item.document for item in tuning.items]),
            device_counts([item.document for item in learning.items]))
    tuned = [d for d in devices if all(c.get(d) for c in both)]
    lexicon = Lexicon.learn(learning.items, lexicon_devices, settings.lexicon_min_count,
                            settings.lexicon_min_share)
    tables: dict[str, dict[Key, Counts]] = {}
    if set(blended) & set(tuned):
        progress(f"reading sentences for the linear classifiers{label}", 0, len(tuned))
        idf = learning.learn_idf()
        learning_matrix = learning.sentence_matrix(idf)
        tuning_matrix = tuning.sentence_matrix(idf)
    for done, device in enumerate(tuned):
        progress(f"tuning {device}{label}", done, len(tuned))
        path = folder / f".{device}.tuning"
        bagged = train_sentence_taggers(learning, lexicon, device, settings, folder, path.name)
        tagger = Averaged(bagged)
        words = None
        if device in paired:
            _train(_sequences(learning, lexicon, device, settings.negative_share),
                   path.with_suffix(".words"), settings)
            words = crf.Tagger(path.with_suffix(".words"))
        scored = []  # per article: (sentence ranges, probabilities, gold ranges)
        sentences: list[_Scored] = []  # paired: every sentence of the tuning articles
        gold_total = 0
        for (items, _), item, token_rows in zip(_sentence_sequences(tuning, lexicon, device),
                                                tuning.items, tuning.features):
            gold = sorted({(s.start, s.end) for s in item.document.spans if s.label == device})
            probs = tagger.marginals(items, INSIDE)
            scored.append(([(x.start, x.end) for x in item.sentences], probs, gold))
            if words is not None:
                ids = {g: gold_total + n for n, g in enumerate(gold)}
                gold_total += len(gold)
                for sentence, rows, p in zip(item.sentences, token_rows, probs):
                    marks = lexicon.token_marks(device, item.lang, sentence)
                    sentences.append(_Scored.of(sentence, p, words.marginals(
                        [r + m for r, m in zip(rows, marks)], INSIDE), ids))
        for leftover in (*bagged, path.with_suffix(".words")):
            leftover.unlink(missing_ok=True)
        if device not in blended:
            tables[device] = _table(scored, sentences, gold_total, words is not None)
            continue
        lin = linear.probabilities(tuning_matrix, linear.fit(
            learning_matrix, sentence_labels(learning, device), settings.linear_l2))
        tables[device] = {}
        for weight in BLEND:
            mixed, place, at = [], 0, 0
            for ranges, probs, gold in scored:
                mixed.append((ranges, linear.blend(probs, lin[place:place + len(probs)],
                                                   weight), gold))
                place += len(probs)
            rescored = []
            for _, probs, _ in mixed:
                rescored += [replace(s, p=p) for s, p in zip(sentences[at:at + len(probs)],
                                                               probs)]
                at += len(probs)
            tables[device].update({Mix(weight, k): c for k, c in _table(
                mixed, rescored, gold_total, words is not None).items()})
    return tables


def _table(scored: Sequence[tuple[list[tuple[int, int]], list[float], list[tuple[int, int]]]],
           sentences: Sequence[_Scored], gold_total: int, paired: bool) -> dict[Key, Counts]:
    """A device's counts at each sentence threshold (and word thresholds, `paired`)."""
    table: dict[Key, Counts] = {t: _counts(scored, t) for t in GRID}
    if paired:
        table.update({(t, inside, outside): _paired_counts(
            sentences, t, inside, outside, gold_total) for t in GRID
            for inside in WORD_INSIDE for outside in WORD_OUTSIDE
            if (inside, outside) != (None, None)})
    return table


def _plain(key: Key) -> tuple[float, ...]:
    """Among keys of equal F1, the larger this the plainer: no word tagger, then lower
    thresholds (the order the sentence-only tuning always used); blended keys, the CRF alone
    first, then the larger its weight."""
    if isinstance(key, Mix):
        return (key.weight, *_plain(key.key))
    if not isinstance(key, tuple):
        return (1.0, -key)
    return (0.0, -key[0], *(-(t if t is not None else 1.0) for t in key[1:]))


def _distance(a: Key, b: Key) -> float:
    """How far apart two keys are (a missing or None word threshold counts as 1; blended
    keys add the difference of their weights)."""
    if isinstance(a, Mix) and isinstance(b, Mix):
        return abs(a.weight - b.weight) + _distance(a.key, b.key)

    def parts(key: Key) -> list[float]:
        values = list(key) if isinstance(key, tuple) else [key]
        values += [None] * (3 - len(values))
        return [1.0 if v is None else v for v in values]
    return sum(abs(x - y) for x, y in zip(parts(a), parts(b)))


def choose_thresholds(tables: dict[str, dict[Key, Counts]], jointly: bool) -> dict[str, Key]:
    """Each device's threshold (a key of its table) with the best overlap F1 of its own (the
    plainest of equals: the lowest threshold, no word tagger); then, `jointly`, revised one
    device at a time while that raises the overlap F1 of all the devices' counts pooled (a
    device keeps its threshold on a tie)."""
    chosen = {d: max(table, key=lambda t, table=table: (overlap_f1([table[t]]), _plain(t)))
              for d, table in tables.items()}
    if not jointly:
        return chosen
    for _ in range(10):  # each pass can only raise the pooled F1; it settles in a few
        before = dict(chosen)
        for device, table in tables.items():
            def pooled(t: Key, device: str = device) -> tuple[float, float]:
                counts = [tables[d][t if d == device else chosen[d]] for d in tables]
                return (round(overlap_f1(counts), 9), -_distance(t, chosen[device]))
            chosen[device] = max(table, key=pooled)
        if chosen == before:
            break
    return chosen


def _counts(scored: Sequence[tuple[list[tuple[int, int]], list[float], list[tuple[int, int]]]],
            threshold: float) -> Counts:
    predicted = correct = found = total = 0
    for ranges, probs, gold in scored:
        picked = [r for r, p in zip(ranges, probs) if p >= threshold]
        predicted += len(picked)
        correct += sum(any(a < g2 and g1 < b for g1, g2 in gold) for a, b in picked)
        found += sum(any(a < g2 and g1 < b for a, b in picked) for g1, g2 in gold)
        total += len(gold)
    return predicted, correct, found, total


#: What suggesting some spans scores: (how many, how many overlap gold, the gold ids found).
Hits = tuple[int, int, frozenset[int]]


@dataclass(frozen=True)
class _Scored:
    """A tuning sentence of a paired device: its probability, what suggesting it whole hits,
    and what the word tagger's runs at each word threshold would hit."""

    p: float
    whole: Hits
    runs: dict[float, Hits]

    @classmethod
    def of(cls, sentence: Sentence, p: float, probs: Sequence[float],
           gold: dict[tuple[int, int], int]) -> _Scored:
        def hits(ranges: Sequence[tuple[int, int]]) -> Hits:
            found = [frozenset(n for (g1, g2), n in gold.items() if a < g2 and g1 < b)
                     for a, b in ranges]
            return len(ranges), sum(1 for f in found if f), frozenset().union(*found)
        levels = {t for t in (*WORD_INSIDE, *WORD_OUTSIDE) if t is not None}
        return cls(p, hits([(sentence.start, sentence.end)]),
                   {t: hits([(f.start, f.end) for f in _runs(sentence.tokens, probs, "", t)])
                    for t in levels})


def _paired_counts(sentences: Sequence[_Scored], threshold: float, inside: float | None,
                   outside: float | None, total: int) -> Counts:
    predicted = correct = 0
    found: set[int] = set()
    for sentence in sentences:
        if sentence.p >= threshold:
            hits = sentence.runs[inside] if inside is not None else sentence.whole
            if not hits[0]:
                hits = sentence.whole
        elif outside is not None:
            hits = sentence.runs[outside]
        else:
            continue
        predicted += hits[0]
        correct += hits[1]
        found |= hits[2]
    return predicted, correct, len(found), total


def sentence_files(device: str, settings: Settings) -> list[str]:
    """The file names of a device's sentence taggers (one per bag)."""
    return [bag_file(tagger_file(device), bag) for bag in range(1, max(1, settings.bags) + 1)]


def tagger_file(device: str, words: bool = False) -> str:
    """The file name of a device's tagger inside a model folder (`words`: the word tagger of a
    sentence+word device)."""
    return f"{device}.words.crfsuite" if words else f"{device}.crfsuite"


@dataclass(frozen=True, order=True)
class Found:
    """A span the model predicts, with its score (mean P(inside) over its tokens, or the
    sentence's P(inside))."""

    start: int
    end: int
    label: str
    score: float


class Taggers:
    """A model's taggers and lexicon, ready to predict."""

    def __init__(self, folder: Path, units: dict[str, str], lexicon: Lexicon,
                 settings: Settings, thresholds: dict[str, float] | None = None,
                 words: dict[str, WordThresholds] | None = None,
                 blend: tuple[Any, dict[str, tuple[float, Any]]] | None = None) -> None:
        """`blend`: the linear classifiers' idf and, per blended device, the CRF's weight
        and the classifier's weights (read by the model store)."""
        self.units = dict(units)
        self.thresholds = {d: (thresholds or {}).get(
            d, settings.threshold if u == TOKEN else settings.sentence_threshold)
            for d, u in units.items()}
        self.words = {d: (words or {}).get(d, (None, None)) for d, u in units.items()
                      if u == PAIRED}
        self.devices = list(units)
        self.lexicon = lexicon
        self.settings = settings
        self._taggers = {d: crf.Tagger(folder / tagger_file(d)) if u == TOKEN
                         else Averaged([folder / f for f in sentence_files(d, settings)])
                         for d, u in units.items()}
        self._words = {d: crf.Tagger(folder / tagger_file(d, words=True)) for d in self.words}
        self._idf, self._linear = blend if blend is not None else (None, {})
        self._tokeniser = Tokeniser()

    def predict(self, document: Document, lang: str = "auto",
                devices: Sequence[str] | None = None,
                prepared: tuple[Tokenised, list[list[list[str]]], list[list[str]]] | None = None,
                ) -> list[Found]:
        """The spans the model finds in `document` (of `devices`, default all it knows);
        `prepared` may hold the document already tokenised, with its features."""
        wanted = [d for d in self.devices if devices is None or d in devices]
        if prepared is None:
            item = self._tokeniser(document, lang)
            rows_of = (token_features(item) if {TOKEN, PAIRED} & {self.units[d] for d in wanted}
                       else [])
            whole = sentence_features(item)
        else:
            item, rows_of, whole = prepared
        found: list[Found] = []
        matrix = (linear.Matrix(linear.sentence_rows(item), self._idf)
                  if any(d in self._linear for d in wanted) else None)
        for device in wanted:
            tagger = self._taggers[device]
            if self.units[device] == TOKEN:
                for sentence, rows in zip(item.sentences, rows_of):
                    found.extend(_runs(sentence.tokens, self._token_probs(
                        tagger, device, item.lang, sentence, rows), device,
                        self.thresholds[device]))
                continue
            rows = [row + self.lexicon.sentence_marks(device, item.lang, sentence)
                    for sentence, row in zip(item.sentences, whole)]
            probs = tagger.marginals(rows, INSIDE)
            if device in self._linear and matrix is not None:
                weight, weights = self._linear[device]
                probs = linear.blend(probs, linear.probabilities(matrix, weights), weight)
            if self.units[device] == SENTENCE:
                found.extend(Found(sentence.start, sentence.end, device, round(p, 3))
                             for sentence, p in zip(item.sentences, probs)
                             if p >= self.thresholds[device])
                continue
            inside, outside = self.words[device]
            for sentence, p, token_rows in zip(item.sentences, probs, rows_of):
                suggested = p >= self.thresholds[device]
                level = inside if suggested else outside
                runs = [] if level is None else list(_runs(sentence.tokens, self._token_probs(
                    self._words[device], device, item.lang, sentence, token_rows), device,
                    level))
                if suggested and not runs:
                    runs = [Found(sentence.start, sentence.end, device, round(p, 3))]
                found.extend(runs)
        return sorted(found)

    def _token_probs(self, tagger: crf.Tagger, device: str, lang: str, sentence: Sentence,
                     rows: list[list[str]]) -> list[float]:
        marks = self.lexicon.token_marks(device, lang, sentence)
        return tagger.marginals([r + m for r, m in zip(rows, marks)], INSIDE)


def _runs(tokens: Sequence[tuple[int, int, str]], probs: Sequence[float], device: str,
          threshold: float) -> Iterator[Found]:
    run: list[int] = []
    for index, p in enumerate([*probs, 0.0]):
        if index < len(probs) and p >= threshold:
            run.append(index)
            continue
        if run:
            score = sum(probs[i] for i in run) / len(run)
            yield Found(tokens[run[0]][0], tokens[run[-1]][1], device, round(score, 3))
            run = []


def folder_size(folder: str | os.PathLike[str]) -> int:
    """Bytes of all files under `folder`."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
