"""English blind set 1 (benchmarks/data/blind-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from fetched mirrors of two public repositories. Without a mirror the loader
says what to fetch; with both, every text matches its fingerprint and every span lies inside it.
The set is scored by benchmarks/suggest_quality.py, never here, so that no test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
HAVE_MIRRORS = all(path.exists() for path in blind_en.MIRRORS.values())
NO_MIRRORS = "no mirror of " + " / ".join(
    f"{repo} (fetch github:{repo})" for repo, path in blind_en.MIRRORS.items()
    if not path.exists())


def records():
    return [json.loads(line)
            for line in blind_en.ANNOTATION.read_text(encoding="utf-8").splitlines()]


def test_the_annotation_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["doc_id"].startswith("blinden-")
        assert record["fingerprint"].startswith("sha256:")
        assert record["repo"] in blind_en.SOURCES
        assert record["commit"] == blind_en.SOURCES[record["repo"]].commit
        assert {label for _, _, label in record["label"]} <= FIVE


def test_ten_ordinary_bbc_articles_and_ten_sensational_gossip_articles():
    kinds = {}
    for record in records():
        kinds.setdefault(record["repo"], []).append(record["kind"])
    assert kinds == {"DokahlSoZoor/DieNeueKrone": ["ordinary"] * 10,
                     "pmacinec/fake-news-datasets": ["sensational"] * 10}
    assert len({r["path"] for r in records()}) == 20


def test_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_clean_keeps_the_headline_and_puts_blank_lines_between_paragraphs():
    raw = "Headline here \n\nFirst paragraph.\n  Second line.  \n\n\nThird, kept as is?\n"
    assert blind_en.clean(raw) == ("Headline here\n\nFirst paragraph.\n\nSecond line.\n\n"
                                   "Third, kept as is?")


def test_without_the_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load()
    assert "fetch github:DokahlSoZoor/DieNeueKrone" in str(stopped.value)
    assert "BLIND_EN_BBC_MIRROR" in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRRORS, reason=NO_MIRRORS)
def test_with_the_mirrors_every_text_matches_and_every_span_is_inside_it():
    loaded = blind_en.load()
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert blind_en.MIN_CHARS <= len(text) <= blind_en.MAX_CHARS
        for start, end, label in record["label"]:
            covered = text[start:end]
            assert covered == covered.strip() and covered, (record["doc_id"], start)
            if label == "UNVERIFIED_HEADLINE":
                assert (start, end) == (0, text.index("\n\n")), record["doc_id"]
            if label == "RHETORICAL_QUESTION":
                assert covered.endswith("?"), (record["doc_id"], covered)


@pytest.mark.skipif(not HAVE_MIRRORS, reason=NO_MIRRORS)
def test_the_annotated_articles_are_the_seeded_selection():
    chosen = blind_en.selected()
    assert [(r["doc_id"], r["path"], r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r["fingerprint"]) for r in records()]


@pytest.mark.skipif(not HAVE_MIRRORS, reason=NO_MIRRORS)
def test_a_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load()
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind-en.jsonl:1" in str(stopped.value)
