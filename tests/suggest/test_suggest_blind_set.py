"""The blind sets' annotations (benchmarks/data/blind-zh.jsonl, blind2-zh.jsonl, blind3-zh.jsonl,
blind4-zh.jsonl, and blind3-zh.second.jsonl, set 3 annotated a second time) are only offsets and
fingerprints; their texts come from a fetched mirror. Without the mirror the benchmark says what
to fetch instead of failing with a traceback; with it, every text matches its fingerprint and
every span lies inside its text. The sets themselves are scored by
benchmarks/suggest_quality.py, never here, so that no test is tuned to them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks import _blind_zh as blind_zh

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}


ANNOTATIONS = (blind_zh.ANNOTATION, blind_zh.ANNOTATION_2, blind_zh.ANNOTATION_3,
               blind_zh.ANNOTATION_4)
#: Every annotation file, the second annotation of set 3 too (it shares set 3's articles).
ALL_ANNOTATIONS = ANNOTATIONS + tuple(p for p in (blind_zh.ANNOTATION_3_SECOND,) if p.exists())


def records(annotation=blind_zh.ANNOTATION):
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("annotation", ALL_ANNOTATIONS, ids=lambda p: p.name)
def test_the_annotation_holds_no_text_and_only_the_five_devices(annotation):
    for record in records(annotation):
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        assert {label for _, _, label in record["label"]} <= FIVE


def test_the_blind_sets_share_no_article_and_none_of_zh_dev():
    sets = [{r["path"] for r in records(annotation)} for annotation in ANNOTATIONS]
    assert all(sets)
    assert sum(map(len, sets)) == len(set().union(*sets))
    assert not set().union(*sets) & blind_zh.zh_dev_paths()


@pytest.mark.parametrize("annotation", (blind_zh.ANNOTATION_3, blind_zh.ANNOTATION_4),
                         ids=lambda p: p.name)
def test_sets_3_and_4_are_ten_ordinary_and_ten_sensational_pages(annotation):
    kinds = [r["kind"] for r in records(annotation)]
    assert sorted(kinds) == ["ordinary"] * 10 + ["sensational"] * 10


def test_without_the_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    monkeypatch.setitem(blind_zh.MIRRORS, "ourhimalayas/txt", tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load()
    assert "fetch github:ourhimalayas/txt" in str(stopped.value)


@pytest.mark.skipif(not blind_zh.MIRRORS["ourhimalayas/txt"].exists(),
                    reason="no mirror of ourhimalayas/txt fetched")
@pytest.mark.parametrize("annotation", ALL_ANNOTATIONS, ids=lambda p: p.name)
def test_with_the_mirror_every_text_matches_and_every_span_is_inside_it(annotation):
    loaded = blind_zh.load(annotation)
    assert len(loaded) == len(records(annotation))
    for record in loaded:
        spans = sorted(record["label"])
        assert all(0 <= s < e <= len(record["text"]) for s, e, _ in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]
        assert record["chars"] == len(record["text"])


@pytest.mark.skipif(not blind_zh.MIRRORS["ourhimalayas/txt"].exists(),
                    reason="no mirror of ourhimalayas/txt fetched")
def test_a_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_zh.clean
    monkeypatch.setattr(blind_zh, "clean", lambda raw: cleaned(raw) + "。")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load()
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind-zh.jsonl:1" in str(stopped.value)


@pytest.mark.skipif(not blind_zh.ROOT.joinpath("..", "shared", "corpus", "seed").exists(),
                    reason="shared corpus not present")
def test_the_benchmark_writes_a_sets_gold_for_mlt_train(tmp_path):
    from benchmarks.suggest_quality import load_set
    from toolkit.corpus import read_jsonl

    out = tmp_path / "gold.jsonl"
    subprocess.run([sys.executable, str(blind_zh.ROOT / "benchmarks" / "suggest_quality.py"),
                    "--set", "seed", "--write-gold", str(out)], check=True, capture_output=True)
    written, = read_jsonl(out)
    seed, = load_set("seed")
    assert (written.text, written.spans) == (seed.text, seed.spans)
    assert written.meta["language"] == "zh"


@pytest.mark.skipif(not blind_zh.MIRRORS["ourhimalayas/txt"].exists(),
                    reason="no mirror of ourhimalayas/txt fetched")
def test_the_second_annotation_of_set_3_is_of_the_same_texts_for_mlt_agree():
    from benchmarks.suggest_quality import load_set

    first, second = load_set("blind3"), load_set("blind3/second")
    assert [(d.doc_id, d.text) for d in first] == [(d.doc_id, d.text) for d in second]
    assert len(first) == 20
