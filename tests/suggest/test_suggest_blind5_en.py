"""English blind set 5 (benchmarks/data/blind5-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from a fetched mirror of one public repository (a classifier project that
carries the first rows of the ISOT fake-news data: Reuters wire stories and hyper-partisan
"fake" articles of late 2017). Without the mirror the loader says what to fetch; with it, every
text matches its fingerprint and every span lies inside it. The set is scored by
benchmarks/suggest_quality.py, never here, so that no test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
ISOT = blind_en.ISOT
SET_4 = (blind_en.FNN, blind_en.UKPRESS)


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRROR_5 = not _missing((ISOT,))
NO_MIRROR_5 = _no_mirrors((ISOT,))
EVERY = tuple(dict.fromkeys(blind_en.SET_1 + blind_en.SET_2 + blind_en.SET_3 + SET_4 + (ISOT,)))
HAVE_ALL = not _missing(EVERY)
NO_ALL = _no_mirrors(EVERY)
SHORT = {"reuters": "reuters", "isot-fake": "isotfake"}


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION_5
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def pool(record):
    """The set-5 pool of a record, from its doc id (blinden5-reuters-..., blinden5-isotfake-...)."""
    return next(name for name, short in SHORT.items()
                if record["doc_id"].startswith(f"blinden5-{short}-"))


def test_set_5_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        name = pool(record)
        repo, where, kind, _count = blind_en.POOLS_5[name]
        assert record["repo"] == repo == ISOT
        assert record["commit"] == blind_en.COMMIT_5
        assert record["kind"] == kind
        assert record["path"] == where
        assert record["record"].isdigit()
        assert record["doc_id"] == f"blinden5-{SHORT[name]}-{int(record['record']):03d}"
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_5_is_twelve_wire_reports_and_eight_partisan_pieces():
    pools = [pool(r) for r in records()]
    assert {name: pools.count(name) for name in blind_en.POOLS_5} == {
        name: count for name, (_repo, _where, _kind, count) in blind_en.POOLS_5.items()}
    kinds = [r["kind"] for r in records()]
    assert kinds.count("ordinary") == 12
    assert kinds.count("partisan") == 8
    assert len({(r["path"], r["record"]) for r in records()}) == 20
    assert len({r["doc_id"] for r in records()}) == 20


def test_set_5_shares_no_article_or_repository_with_sets_1_to_4():
    earlier = (records(blind_en.ANNOTATION) + records(blind_en.ANNOTATION_2)
               + records(blind_en.ANNOTATION_3) + records(blind_en.ANNOTATION_4))
    assert not {r["fingerprint"] for r in earlier} & {r["fingerprint"] for r in records()}
    assert not {r["repo"] for r in earlier} & {r["repo"] for r in records()}


def test_set_5_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_an_isot_article_is_its_row_s_title_then_its_text():
    data = ('title,text,subject,date\n'
            '"Zero","Body zero.",politicsNews,"December 1, 2017 "\n'
            '" One, with a comma ","WASHINGTON (Reuters) - Body, one. ",politicsNews,x\n'
            ).encode("utf-8")
    assert len(blind_en.isot_rows(data)) == 2
    assert blind_en.isot_article(data, "1") == \
        "One, with a comma\n\nWASHINGTON (Reuters) - Body, one."


def test_set_5_without_the_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    blind_en._ARCHIVES.clear()
    line = blind_en.ANNOTATION_5.read_text(encoding="utf-8").splitlines()[0]
    only = tmp_path / "one.jsonl"
    only.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(only)
    assert f"fetch github:{ISOT}" in str(stopped.value)
    assert "BLIND_EN_ISOT_MIRROR" in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRROR_5, reason=NO_MIRROR_5)
def test_set_5_with_the_mirror_every_text_matches_and_every_span_is_inside_it():
    loaded = blind_en.load(blind_en.ANNOTATION_5)
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert record["words"] == len(text.split())
        assert blind_en.MIN_WORDS_5 <= len(text.split()) <= blind_en.MAX_WORDS_5
        headline_end = text.index("\n\n")
        labels = {label for _, _, label in record["label"]}
        for start, end, label in record["label"]:
            covered = text[start:end]
            assert covered == covered.strip() and covered, (record["doc_id"], start)
            assert "\n" not in covered, (record["doc_id"], start)
            if label == "UNVERIFIED_HEADLINE":
                assert (start, end) == (0, headline_end), record["doc_id"]
            elif "UNVERIFIED_HEADLINE" in labels:
                assert start >= headline_end, record["doc_id"]
            if label == "RHETORICAL_QUESTION":
                assert covered.endswith("?"), (record["doc_id"], covered)


@pytest.mark.skipif(not HAVE_ALL, reason=NO_ALL)
def test_set_5_is_the_seeded_selection_and_skips_what_earlier_draws_read():
    chosen = blind_en.selected_5()
    assert [(r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in records()]
    looked = blind_en.looked_at_5()
    for name in blind_en.POOLS_5:
        assert not set(looked[name]) & blind_en.SEEN_BEFORE_5[name]
    for record in records():
        assert (record["path"], record["record"]) in looked[pool(record)]
    heads = blind_en.earlier_headlines_5()
    for record in blind_en.load(blind_en.ANNOTATION_5):
        assert blind_en._head(record["text"]) not in heads


@pytest.mark.skipif(not HAVE_MIRROR_5, reason=NO_MIRROR_5)
def test_a_set_5_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_5)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind5-en.jsonl:1" in str(stopped.value)
