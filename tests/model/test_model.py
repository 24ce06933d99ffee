"""`mlt train`, `mlt suggest --model` and `mlt evaluate --cv` on small real data: a dozen PTC
articles and a few zh-dev articles, read from the shared corpus by path. The CRF really trains."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import read_jsonl, write_jsonl
from toolkit.devices import load_catalogue
from toolkit.evaluation import evaluate_documents
from toolkit.formats.ptc import import_ptc
from toolkit.model import FORMAT, ModelError, Settings, cross_validate, load, train
from toolkit.model.crf import Tagger
from toolkit.model.features import sentence_features
from toolkit.model import linear
from toolkit.model.learn import BLEND, Found, Mix, bag_copies, choose_thresholds, overlap_f1
from toolkit.spans import Span

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def gold(tmp_path_factory) -> Path:
    """A collection folder: 12 PTC articles (English) and 4 zh-dev articles in gold.jsonl."""
    ptc = import_ptc(CORPUS / "ptc" / "articles", CORPUS / "ptc" / "labels", load_catalogue())
    zh = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")
    folder = tmp_path_factory.mktemp("week") / "week3"
    folder.mkdir()
    write_jsonl(folder / "gold.jsonl", [*ptc[:12], *zh[8:12]])
    write_jsonl(folder / "alice.jsonl", ptc[:2])  # a student's file: never trained on
    return folder


@pytest.fixture(scope="module")
def model_dir(gold: Path) -> Path:
    out = gold.parent / "models" / "week3"
    result = run("train", gold, "-o", out)
    assert result.exit_code == 0, result.output
    assert "trained on 16 document(s) from 1 gold file(s) (en, zh)" in result.stdout
    return out


def test_train_writes_a_folder_with_a_manifest_that_loads(gold: Path, model_dir: Path) -> None:
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    documents = read_jsonl(gold / "gold.jsonl")
    assert manifest["kind"] == "mlt-model" and manifest["format"] == FORMAT
    assert manifest["learner"]["name"] == "python-crfsuite" and manifest["learner"]["version"]
    assert manifest["languages"] == ["en", "zh"]
    assert manifest["documents"] == [d.fingerprint for d in documents]
    assert {"LOADED_LANGUAGE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION"} <= set(
        manifest["devices"])
    assert set(manifest["units"]) == set(manifest["thresholds"]) == set(manifest["devices"])
    assert manifest["settings"]["negative_share"] == 0.25 and manifest["toolkit_version"]
    size = sum(p.stat().st_size for p in model_dir.iterdir())
    assert size < 50 * 2**20
    assert [p.name for p in model_dir.parent.iterdir()] == ["week3"]  # no temporary folder left
    model = load(model_dir)
    # on the articles it learnt from, the model finds most of their gold spans again, and a
    # good share of what it suggests is right (the default tuning trades precision for recall)
    predicted = [d.with_spans(Span(f.start, f.end, f.label) for f in model.predict(d))
                 for d in documents]
    overall = evaluate_documents(documents, predicted, "overlap").overall
    assert overall.found > 0.5 * overall.gold and overall.correct > 0.3 * overall.predicted


def test_train_refuses_to_replace_a_model_without_force(gold: Path, model_dir: Path,
                                                        tmp_path: Path) -> None:
    copy = tmp_path / "m"
    shutil.copytree(model_dir, copy)
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    result = run("train", gold, "-o", copy)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {copy} already holds a model; use --force to replace it, "
                             "or -o another folder\n")
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == before
    zh_only = tmp_path / "zh.jsonl"
    write_jsonl(zh_only, read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")[:3])
    result = run("train", zh_only, "-o", copy, "--force")
    assert result.exit_code == 0, result.output
    assert load(copy).manifest.languages == ("zh",)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m", "zh.jsonl"]


def test_suggest_with_model_records_origin_and_score(gold: Path, model_dir: Path,
                                                     tmp_path: Path) -> None:
    zh = CORPUS / "zh-dev" / "dev.jsonl"
    out = tmp_path / "suggested.jsonl"
    result = run("suggest", zh, "--model", model_dir, "-o", out)
    assert result.exit_code == 0, result.output
    documents = read_jsonl(out)
    entries = [e for d in documents for e in d.meta["suggestions"]]
    model_entries = [e for e in entries if e["rule"] == "model:week3"]
    rule_entries = [e for e in entries if e["rule"] != "model:week3"]
    assert model_entries and rule_entries
    assert all(0 < e["score"] <= 1 and e["label"] in load(model_dir).manifest.devices
               for e in model_entries)
    assert all(set(e) == {"start", "end", "label", "rule", "reason"} for e in rule_entries)
    for document in documents:  # every suggestion, rule's or model's, is a span of the document
        spans = set(document.spans)
        assert {Span(e["start"], e["end"], e["label"])
                for e in document.meta["suggestions"]} == spans


def test_cross_validation_never_trains_on_its_test_fold(gold: Path) -> None:
    documents = read_jsonl(gold / "gold.jsonl")
    result = cross_validate(documents, 2)
    everything = {d.fingerprint for d in documents}
    assert len(result.folds) == 2
    for fold in result.folds:
        assert fold.tested_on and not fold.trained_on & fold.tested_on
        assert fold.trained_on == everything - fold.tested_on
    assert set().union(*(f.tested_on for f in result.folds)) == everything
    assert [d.fingerprint for d in result.predictions] == [d.fingerprint for d in result.gold]


#: The default path, the one before the blend and four tuning rounds (a word tagger paired),
#: bagged taggers with rare features dropped, and a blend chosen on one tuning quarter.
BEFORE_BLEND = Settings(linear_l2=0, tune_rounds=1)


@pytest.mark.parametrize("data, settings", [("mixed", Settings()), ("zh-dev", BEFORE_BLEND),
                                            ("zh-dev", Settings(bags=2, min_freq=2, linear_l2=0,
                                                                tune_rounds=1)),
                                            ("zh-dev", Settings(tune_rounds=1))])
def test_a_folds_model_never_learns_from_its_test_folds_gold(gold: Path, data: str,
                                                             settings: Settings) -> None:
    """Lexicon, thresholds (word thresholds included) and taggers of a fold come from the other
    folds: giving the test fold's documents other gold (every span relabelled as one device, so
    the other fold still has a model) leaves that fold's predictions as they were. On the 24
    zh-dev articles the first fold's model pairs a word tagger with a sentence tagger (with the
    settings before the blend); the third case bags its sentence taggers and drops rare
    features, and the last blends linear classifiers (idf and weights from the training folds)
    with them. The first has the defaults (four tuning rounds, the blend)."""
    documents = (read_jsonl(gold / "gold.jsonl") if data == "mixed"
                 else read_jsonl(CORPUS / "zh-dev" / "dev.jsonl"))
    first = cross_validate(documents, 2, settings)
    if data == "zh-dev" and settings == BEFORE_BLEND:
        assert "sentence+word" in dict(first.folds[0].units).values()
    if data == "zh-dev":
        assert bool(first.folds[0].weights) == (settings.linear_l2 > 0)
    test = first.folds[0].tested_on
    other = [d.with_spans([Span(s.start, s.end, "LOADED_LANGUAGE") for s in d.spans])
             if d.fingerprint in test else d for d in documents]
    assert other != documents
    second = cross_validate(other, 2, settings)
    assert second.folds[0].tested_on == test and second.folds[0].trained_on == (
        first.folds[0].trained_on)

    def predicted(result) -> dict[str, tuple[Span, ...]]:  # type: ignore[no-untyped-def]
        return {d.fingerprint: tuple(d.spans) for d in result.predictions
                if d.fingerprint in test}

    assert predicted(first) == predicted(second) and any(predicted(first).values())


def test_thresholds_chosen_jointly_raise_the_pooled_overlap_f1() -> None:
    """Per device, the threshold with the best F1 of its own; jointly, a device whose
    suggestions are mostly wrong is held back when that raises the F1 of all devices together."""
    tables = {  # threshold -> (suggested, correct, gold found, gold)
        "STRONG": {0.2: (30, 20, 20, 30), 0.4: (20, 16, 15, 30), 0.6: (8, 7, 6, 30)},
        "WEAK": {0.2: (40, 8, 9, 20), 0.4: (12, 3, 3, 20), 0.6: (2, 1, 1, 20)},
    }
    alone = choose_thresholds(tables, jointly=False)
    together = choose_thresholds(tables, jointly=True)
    for device, table in tables.items():
        assert overlap_f1([table[alone[device]]]) == max(overlap_f1([c]) for c in table.values())

    def pooled(chosen: dict[str, float]) -> float:
        return overlap_f1([tables[d][t] for d, t in chosen.items()])

    best = max(pooled({"STRONG": a, "WEAK": b}) for a in tables["STRONG"]
               for b in tables["WEAK"])
    assert pooled(together) == best > pooled(alone)
    assert together["WEAK"] > alone["WEAK"]


@pytest.fixture(scope="module")
def zh_paired(tmp_path_factory) -> Path:
    """A model of the 24 zh-dev articles (the default unit, sentence+word)."""
    out = tmp_path_factory.mktemp("zh") / "zh"
    result = run("train", CORPUS / "zh-dev" / "dev.jsonl", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_sentence_and_word_unit_suggests_words_inside_sentences(zh_paired: Path,
                                                                tmp_path: Path) -> None:
    """A device whose tuning found the word tagger helps gets unit sentence+word, its word
    thresholds and a second tagger file; some of its suggestions are word runs shorter than
    the sentence they lie in. `--unit sentence` trains sentence taggers only."""
    manifest = json.loads((zh_paired / "manifest.json").read_text(encoding="utf-8"))
    paired = sorted(d for d, u in manifest["units"].items() if u == "sentence+word")
    assert paired and sorted(manifest["word_thresholds"]) == paired
    assert manifest["settings"]["pair_below"] == 12
    for device in paired:
        words = manifest["word_thresholds"][device]
        assert set(words) == {"inside", "outside"} and words != {"inside": None,
                                                                "outside": None}
        assert (zh_paired / f"{device}.words.crfsuite").is_file()
    assert sorted(p.name for p in zh_paired.glob("*.words.crfsuite")) == [
        f"{d}.words.crfsuite" for d in paired]
    model = load(zh_paired)
    documents = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")
    sentences = {}
    for document in documents:
        item = model.taggers._tokeniser(document)
        sentences[document.fingerprint] = [(s.start, s.end) for s in item.sentences]
    shorter = [f for d in documents for f in model.predict(d) if f.label in paired
               and (f.start, f.end) not in sentences[d.fingerprint]]
    assert shorter and all(0 < f.score <= 1 for f in shorter)
    plain = tmp_path / "plain"
    result = run("train", CORPUS / "zh-dev" / "dev.jsonl", "-o", plain, "--unit", "sentence")
    assert result.exit_code == 0, result.output
    assert set(load(plain).manifest.units.values()) == {"sentence"}
    assert not list(plain.glob("*.words.crfsuite"))


def test_format_1_model_folders_still_load(model_dir: Path, zh_paired: Path,
                                           tmp_path: Path) -> None:
    """A folder written before sentence+word (format 1: no word_thresholds, no pair_below)
    loads and predicts as before; a format-1 manifest naming the new unit is refused."""
    old = tmp_path / "old"
    shutil.copytree(model_dir, old)
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 1
    del manifest["word_thresholds"], manifest["settings"]["pair_below"]
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    model = load(old)
    assert model.manifest.settings.pair_below == 0 and not model.manifest.words
    article = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")[9]
    assert model.predict(article) == load(model_dir).predict(article)
    wrong = tmp_path / "wrong"
    shutil.copytree(zh_paired, wrong)
    manifest = json.loads((wrong / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 1
    (wrong / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match=r"field \"units\" must give each device .* "
                                         r"\(token, sentence\)"):
        load(wrong)
    damaged = tmp_path / "damaged"
    shutil.copytree(zh_paired, damaged)
    manifest = json.loads((damaged / "manifest.json").read_text(encoding="utf-8"))
    manifest["word_thresholds"] = {}
    (damaged / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match="field \"word_thresholds\" must give each "
                                         "sentence\\+word device"):
        load(damaged)
    two = tmp_path / "format2"  # before bags and min_freq: one sentence tagger, every feature
    shutil.copytree(model_dir, two)
    manifest = json.loads((two / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 2
    del manifest["settings"]["bags"], manifest["settings"]["min_freq"]
    (two / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    model = load(two)
    assert (model.manifest.settings.bags, model.manifest.settings.min_freq) == (1, 0)
    assert model.predict(article) == load(model_dir).predict(article)
    missing = tmp_path / "missing"
    shutil.copytree(zh_paired, missing)
    next(missing.glob("*.words.crfsuite")).unlink()
    with pytest.raises(ModelError, match=r"\.words\.crfsuite: missing"):
        load(missing)


def test_bagged_sentence_taggers_are_averaged(gold: Path, tmp_path: Path) -> None:
    """`bags: 3` trains three sentence taggers per device, each on its own resample of the
    articles (some left out, some twice), and a sentence's score is the mean of their
    probabilities; the settings are in the manifest, and a missing bag is a one-line error."""
    documents = read_jsonl(gold / "gold.jsonl")
    copies = [[bag_copies(d, bag, 3) for d in documents] for bag in (1, 2, 3)]
    assert len({tuple(c) for c in copies}) == 3 and 0 in copies[0] and max(copies[0]) >= 2
    assert all(bag_copies(d, 1, 1) == 1 for d in documents)
    zh = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")
    out = tmp_path / "bagged"
    model = train(zh, out, Settings(bags=3, min_freq=2))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["settings"]["bags"], manifest["settings"]["min_freq"]) == (3, 2)
    device = next(d for d, u in model.manifest.units.items() if u != "token")
    files = [out / f"{device}.crfsuite", out / f"{device}.bag2.crfsuite",
             out / f"{device}.bag3.crfsuite"]
    assert all(f.is_file() for f in files)
    item = model.taggers._tokeniser(zh[0])
    rows = [row + model.taggers.lexicon.sentence_marks(device, item.lang, sentence)
            for sentence, row in zip(item.sentences, sentence_features(item))]
    each = [Tagger(f).marginals(rows, "I") for f in files]
    assert len({tuple(e) for e in each}) == 3  # different resamples, different taggers
    mean = [sum(v) / 3 for v in zip(*each)]
    assert model.taggers._taggers[device].marginals(rows, "I") == pytest.approx(mean)
    files[2].unlink()
    with pytest.raises(ModelError, match=rf"{device}\.bag3\.crfsuite: missing"):
        load(out)


def test_evaluate_cv_prints_the_evaluate_table(gold: Path) -> None:
    result = run("evaluate", "--gold", gold, "--cv", "2", "--match", "overlap")
    assert result.exit_code == 0, result.output
    assert "overlap match, 16 document(s)" in result.stdout
    assert "LOADED_LANGUAGE" in result.stdout and "(overall)" in result.stdout
    as_json = run("evaluate", "--gold", gold / "gold.jsonl", "--cv", "2", "--format", "json")
    data = json.loads(as_json.stdout)
    assert [r["match"] for r in data["results"]] == ["exact", "overlap"]
    assert data["results"][1]["overall"]["gold"] == sum(
        len(d.spans) for d in read_jsonl(gold / "gold.jsonl"))


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr
    assert "Traceback" not in result.output


def test_bad_training_inputs_give_one_line_errors(tmp_path: Path, gold: Path) -> None:
    students = tmp_path / "students"
    students.mkdir()
    shutil.copy(gold / "alice.jsonl", students / "alice.jsonl")
    one_line_error(run("train", students, "-o", tmp_path / "m"),
                   f"{students}: no gold file (the gold file is gold.jsonl")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "gold.jsonl").write_text("", encoding="utf-8")
    one_line_error(run("train", empty, "-o", tmp_path / "m"),
                   f"{empty / 'gold.jsonl'}: no documents (an empty gold file)")
    one_line_error(run("train", tmp_path / "nowhere", "-o", tmp_path / "m"),
                   "no such file or folder")
    not_model = tmp_path / "notes"
    not_model.mkdir()
    (not_model / "keep.txt").write_text("mine", encoding="utf-8")
    one_line_error(run("train", gold, "-o", not_model), "holds no model (manifest.json missing)")
    assert (not_model / "keep.txt").read_text(encoding="utf-8") == "mine"
    unlabelled = tmp_path / "plain.jsonl"
    write_jsonl(unlabelled, [d.with_spans([]) for d in read_jsonl(gold / "gold.jsonl")[:3]])
    one_line_error(run("train", unlabelled, "-o", tmp_path / "m2"),
                   "no device has 3 or more gold spans")
    assert not (tmp_path / "m2").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    result = run("train", gold, "-o", tmp_path / "m3", "--unit", "words")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "'words' (allowed: sentence+word, sentence, auto, token)" in result.stderr
    for wrong in (("--cv", "1"), (), ("--cv", "2", "--pred", gold / "gold.jsonl")):
        result = run("evaluate", "--gold", gold, *wrong)  # the command line alone is wrong
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert result.stderr.strip().splitlines()[-1].startswith("Error:"), result.stderr


def test_damaged_or_newer_model_folders_give_one_line_errors(model_dir: Path,
                                                             tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("据知情人士透露，这是真的吗？", encoding="utf-8")

    def suggest_with(folder: Path):
        return run("suggest", article, "--model", folder, "-o", tmp_path / "out.jsonl",
                   "--force")

    newer = tmp_path / "newer"
    shutil.copytree(model_dir, newer)
    manifest = json.loads((newer / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = FORMAT + 1
    (newer / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    one_line_error(suggest_with(newer), f"field \"format\" is {FORMAT + 1}, from a newer toolkit")
    corrupt = tmp_path / "corrupt"
    shutil.copytree(model_dir, corrupt)
    (corrupt / "manifest.json").write_text('{"kind": "mlt-model", "format": 1,\n  "devi',
                                           encoding="utf-8")
    one_line_error(suggest_with(corrupt), f"{corrupt / 'manifest.json'}:2: the manifest is not "
                                          "valid JSON")
    missing = tmp_path / "missing"
    shutil.copytree(model_dir, missing)
    (missing / "LOADED_LANGUAGE.crfsuite").unlink()
    one_line_error(suggest_with(missing), "LOADED_LANGUAGE.crfsuite: missing")
    one_line_error(suggest_with(tmp_path), "manifest.json: missing")
    assert not (tmp_path / "out.jsonl").exists()


@pytest.fixture(scope="module")
def zh_blended(tmp_path_factory) -> Path:
    """A model of the 24 zh-dev articles with linear classifiers beside the sentence taggers."""
    out = tmp_path_factory.mktemp("zh") / "blended"
    train(read_jsonl(CORPUS / "zh-dev" / "dev.jsonl"), out, Settings(linear_l2=1e-4))
    return out


def test_a_blended_device_mixes_the_crf_and_the_linear_probability(zh_blended: Path) -> None:
    """With `linear_l2`, tuning chooses per sentence device the CRF's weight beside a linear
    classifier; a device whose weight is below 1 has its weights file (and all share the idf),
    and a sentence's score is the weighted mean of the two probabilities."""
    model = load(zh_blended)
    manifest = json.loads((zh_blended / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == FORMAT == 4 and manifest["settings"]["linear_l2"] == 1e-4
    weights = manifest["blend_weights"]
    assert weights and all(0 <= w < 1 for w in weights.values())
    assert set(weights) <= {d for d, u in manifest["units"].items() if u != "token"}
    assert sorted(p.name for p in zh_blended.glob("*.npy")) == sorted(
        ["linear.idf.npy", *(f"{d}.linear.npy" for d in weights)])
    idf = np.load(zh_blended / "linear.idf.npy", allow_pickle=False)
    article = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")[0]
    item = model.taggers._tokeniser(article)
    matrix = linear.Matrix(linear.sentence_rows(item), idf)
    device = next(d for d in sorted(weights) if manifest["units"][d] == "sentence")
    rows = [row + model.taggers.lexicon.sentence_marks(device, item.lang, sentence)
            for sentence, row in zip(item.sentences, sentence_features(item))]
    crf_p = Tagger(zh_blended / f"{device}.crfsuite").marginals(rows, "I")
    lin_p = linear.probabilities(matrix, np.load(zh_blended / f"{device}.linear.npy"))
    mixed = [weights[device] * a + (1 - weights[device]) * b for a, b in zip(crf_p, lin_p)]
    expected = [Found(s.start, s.end, device, round(p, 3)) for s, p in zip(item.sentences, mixed)
                if p >= manifest["thresholds"][device]]
    assert [f for f in model.predict(article) if f.label == device] == expected
    assert any(abs(a - b) > 0.01 for a, b in zip(crf_p, mixed))  # the blend changed something


def test_damaged_linear_weights_are_a_one_line_error(zh_blended: Path, tmp_path: Path) -> None:
    """A missing, truncated or pickled weights file is refused naming the file (a pickle is
    never unpickled); a weight of 1 or for a token device is refused in the manifest, and a
    format-3 manifest (before the blend) loads with no blended device."""
    device = sorted(json.loads((zh_blended / "manifest.json").read_text())["blend_weights"])[0]

    def copy(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(zh_blended, folder)
        return folder

    missing = copy("missing")
    (missing / f"{device}.linear.npy").unlink()
    with pytest.raises(ModelError, match=rf"{device}\.linear\.npy: missing; the folder is "):
        load(missing)
    cut = copy("cut")
    (cut / "linear.idf.npy").write_bytes((cut / "linear.idf.npy").read_bytes()[:200])
    with pytest.raises(ModelError, match=r"linear\.idf\.npy: not a weights file"):
        load(cut)
    pickled = copy("pickled")
    np.save(pickled / f"{device}.linear.npy", np.array([{"x": 1}], dtype=object),
            allow_pickle=True)
    with pytest.raises(ModelError, match=rf"{device}\.linear\.npy: not a weights file"):
        load(pickled)
    short = copy("short")
    np.save(short / f"{device}.linear.npy", np.zeros(10, dtype=np.float32))
    with pytest.raises(ModelError, match=r"holds float32 numbers of shape \(10,\)"):
        load(short)
    for name, value in (("one", {device: 1.0}), ("token", {"LOADED_LANGUAGE": 0.5})):
        wrong = copy(name)
        manifest = json.loads((wrong / "manifest.json").read_text(encoding="utf-8"))
        manifest["blend_weights"] = value
        (wrong / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        with pytest.raises(ModelError, match="field \"blend_weights\" must give sentence "
                                             "devices"):
            load(wrong)
    three = copy("three")
    manifest = json.loads((three / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 3
    del manifest["settings"]["linear_l2"]
    (three / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    model = load(three)
    assert model.manifest.settings.linear_l2 == 0 and not model.manifest.weights


def test_a_tie_keeps_the_crf_alone_and_a_better_blend_wins() -> None:
    """Blended tuning keys: among equal F1 the CRF alone (weight 1) is the plainest; a blend
    that raises the device's F1 is chosen."""
    same = {Mix(w, 0.3): (10, 5, 5, 10) for w in BLEND}
    assert choose_thresholds({"D": same}, jointly=True) == {"D": Mix(1.0, 0.3)}
    better = dict(same)
    better[Mix(0.5, 0.2)] = (10, 8, 8, 10)
    assert choose_thresholds({"D": better}, jointly=True) == {"D": Mix(0.5, 0.2)}


@pytest.mark.parametrize("min_tokens", [0, 12])
def test_every_sentence_device_long_enough_is_tuned_with_a_blend(monkeypatch, tmp_path: Path,
                                                                 min_tokens: int) -> None:
    """Each sentence device whose median training span has at least `linear_min_tokens` tokens
    is tuned over blend weights (every key of its tuning table carries one), the others over
    thresholds alone."""
    from toolkit.model import learn

    seen: dict[str, set[bool]] = {}
    choose = learn.choose_thresholds

    def spy(tables, jointly):  # type: ignore[no-untyped-def]
        for device, table in tables.items():
            seen[device] = {isinstance(key, Mix) for key in table}
        return choose(tables, jointly)

    monkeypatch.setattr(learn, "choose_thresholds", spy)
    zh = read_jsonl(CORPUS / "zh-dev" / "dev.jsonl")
    prepared = learn.Prepared(zh)
    learn.train_taggers(prepared, Settings(linear_l2=1e-4, linear_min_tokens=min_tokens),
                        tmp_path)
    long_enough = {d for d in seen if learn.median_tokens(prepared, d) >= min_tokens}
    assert len(seen) >= 4 and 0 < len(long_enough) <= len(seen)
    assert all(seen[d] == {d in long_enough} for d in seen)
