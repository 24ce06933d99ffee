"""English blind set 6 (benchmarks/data/blind6-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from fetched mirrors of two public repositories (a March 2023 scrape of US
news sites, and the sample of the Fake News Corpus). Without the mirrors the loader says what to
fetch; with them, every text matches its fingerprint and every span lies inside it. The set is
scored by benchmarks/suggest_quality.py, never here, so that no test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
SET_6 = (blind_en.NEWSDATA, blind_en.FNC)
SET_4 = (blind_en.FNN, blind_en.UKPRESS)


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRROR_6 = not _missing(SET_6)
NO_MIRROR_6 = _no_mirrors(SET_6)
EVERY = tuple(dict.fromkeys(blind_en.SET_1 + blind_en.SET_2 + blind_en.SET_3 + SET_4
                            + (blind_en.ISOT,) + SET_6))
HAVE_ALL = not _missing(EVERY)
NO_ALL = _no_mirrors(EVERY)


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION_6
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def pool(record):
    """The set-6 pool of a record, from its doc id (blinden6-newsdata-..., blinden6-fnc-...)."""
    return next(name for name in blind_en.POOLS_6
                if record["doc_id"].startswith(f"blinden6-{name}-"))


def test_set_6_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        name = pool(record)
        repo, where, kind, _count = blind_en.POOLS_6[name]
        assert record["repo"] == repo
        assert record["commit"] == blind_en.COMMIT_6[name]
        assert record["kind"] == kind
        assert record["path"] == where
        assert record["record"].isdigit()
        assert record["doc_id"] == f"blinden6-{name}-{int(record['record']):03d}"
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_6_is_twelve_news_reports_and_eight_partisan_pieces_at_most_two_an_outlet():
    pools = [pool(r) for r in records()]
    assert {name: pools.count(name) for name in blind_en.POOLS_6} == {
        name: count for name, (_repo, _where, _kind, count) in blind_en.POOLS_6.items()}
    kinds = [r["kind"] for r in records()]
    assert kinds.count("ordinary") == 12
    assert kinds.count("partisan") == 8
    assert len({(r["path"], r["record"]) for r in records()}) == 20
    assert len({r["doc_id"] for r in records()}) == 20
    outlets = [r["outlet"] for r in records()]
    assert max(outlets.count(o) for o in outlets) <= blind_en.PER_OUTLET_6
    for record in records():
        if pool(record) == "newsdata":
            assert record["outlet"] in blind_en.OUTLETS_6
            assert record["section"] in blind_en.CATEGORIES_6
        else:
            assert record["section"] in blind_en.TYPES_6


def test_set_6_shares_no_article_or_repository_with_sets_1_to_5():
    earlier = (records(blind_en.ANNOTATION) + records(blind_en.ANNOTATION_2)
               + records(blind_en.ANNOTATION_3) + records(blind_en.ANNOTATION_4)
               + records(blind_en.ANNOTATION_5))
    assert not {r["fingerprint"] for r in earlier} & {r["fingerprint"] for r in records()}
    assert not {r["repo"] for r in earlier} & {r["repo"] for r in records()}


def test_set_6_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_a_set_6_article_is_its_row_s_title_then_its_body():
    news = ('download_date,published_date_gmt,title,url,category,raw_text\n'
            '2023-03-22,x,"Zero",https://a.example/0,Politics,"Body zero."\n'
            '2023-03-22,x," One, with a comma ",https://b.example/1,Health,'
            '"First line.\n\nSecond, line. "\n').encode("utf-8")
    assert len(blind_en.csv_records(news)) == 2
    assert blind_en.newsdata_article(news, "1") == \
        "One, with a comma\n\nFirst line.\n\nSecond, line."
    fnc = (',id,domain,type,url,content,title\n'
           '0,7,x.example,fake,https://x.example/a,"Body.\nMore.","A title"\n').encode("utf-8")
    assert blind_en.fnc_article(fnc, "0") == "A title\n\nBody.\n\nMore."


def test_set_6_without_the_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    blind_en._ARCHIVES.clear()
    lines = blind_en.ANNOTATION_6.read_text(encoding="utf-8").splitlines()
    for repo, env in ((blind_en.NEWSDATA, "BLIND_EN_NEWSDATA_MIRROR"),
                      (blind_en.FNC, "BLIND_EN_FNC_MIRROR")):
        line = next(l for l in lines if json.loads(l)["repo"] == repo)
        only = tmp_path / "one.jsonl"
        only.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(SystemExit) as stopped:
            blind_en.load(only)
        assert f"fetch github:{repo}" in str(stopped.value)
        assert env in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRROR_6, reason=NO_MIRROR_6)
def test_set_6_with_the_mirrors_every_text_matches_and_every_span_is_inside_it():
    loaded = blind_en.load(blind_en.ANNOTATION_6)
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert record["words"] == len(text.split())
        assert blind_en.MIN_WORDS_6 <= len(text.split()) <= blind_en.MAX_WORDS_6
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
def test_set_6_is_the_seeded_selection_and_skips_what_earlier_draws_read():
    chosen = blind_en.selected_6()
    assert [(r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in records()]
    looked = blind_en.looked_at_6()
    for name in blind_en.POOLS_6:
        assert not set(looked[name]) & blind_en.SEEN_BEFORE_6[name]
    for record in records():
        assert (record["path"], record["record"]) in looked[pool(record)]
    heads = blind_en.earlier_headlines_6()
    for record in blind_en.load(blind_en.ANNOTATION_6):
        assert blind_en._head(record["text"]) not in heads


@pytest.mark.skipif(not HAVE_MIRROR_6, reason=NO_MIRROR_6)
def test_a_set_6_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_6)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind6-en.jsonl:1" in str(stopped.value)
