"""English blind set 4 (benchmarks/data/blind4-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from fetched mirrors of two public repositories (a FakeNewsNet copy with
crawled news content, and a project's Sun and Guardian coverage of the 2022 World Cup). Without a
mirror the loader says what to fetch; with them, every text matches its fingerprint and every
span lies inside it. The set is scored by benchmarks/suggest_quality.py, never here, so that no
test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
FNN = blind_en.FNN
UKPRESS = blind_en.UKPRESS
SET_4 = (FNN, UKPRESS)


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRRORS_4 = not _missing(SET_4)
NO_MIRRORS_4 = _no_mirrors(SET_4)
EVERY = tuple(dict.fromkeys(blind_en.SET_1 + blind_en.SET_2 + blind_en.SET_3 + SET_4))
HAVE_ALL = not _missing(EVERY)
NO_ALL = _no_mirrors(EVERY)


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION_4
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def pool(record):
    """The set-4 pool of a record, from its doc id (blinden4-POOL-...)."""
    return next(name for name in blind_en.POOLS_4
                if record["doc_id"].startswith(f"blinden4-{name}-"))


def test_set_4_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        name = pool(record)
        repo, where, kind, _count = blind_en.POOLS_4[name]
        assert record["repo"] == repo
        assert record["commit"] == blind_en.COMMIT_4[name]
        assert record["kind"] == kind
        assert record["path"].startswith(where)
        if repo == FNN:
            assert "record" not in record
            assert record["path"].endswith("/news content.json")
        else:
            assert record["record"]
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_4_is_twelve_news_reports_and_eight_tabloid_partisan_or_gossip_pieces():
    pools = [pool(r) for r in records()]
    assert {name: pools.count(name) for name in blind_en.POOLS_4} == {
        name: count for name, (_repo, _where, _kind, count) in blind_en.POOLS_4.items()}
    kinds = [r["kind"] for r in records()]
    assert kinds.count("ordinary") == 12
    assert len(kinds) - kinds.count("ordinary") == 8
    assert len({(r["path"], r.get("record")) for r in records()}) == 20
    assert len({r["doc_id"] for r in records()}) == 20


def test_set_4_shares_no_article_or_repository_with_sets_1_to_3():
    earlier = (records(blind_en.ANNOTATION) + records(blind_en.ANNOTATION_2)
               + records(blind_en.ANNOTATION_3))
    assert not {r["fingerprint"] for r in earlier} & {r["fingerprint"] for r in records()}
    assert not {r["repo"] for r in earlier} & {r["repo"] for r in records()}


def test_set_4_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_a_fakenewsnet_article_is_its_title_then_its_text():
    data = json.dumps({"url": "https://x/1", "title": " A title ",
                       "text": "First.\n\n\nSecond.  \n"}).encode("utf-8")
    assert blind_en.fnn_article(data) == "A title\n\nFirst.\n\nSecond."


def test_a_dh_article_is_a_sun_record_by_index_or_a_guardian_result_by_id():
    sun = json.dumps([{"title": "Zero", "content": "Body zero."},
                      {"title": "One", "date": "1 Dec 2022", "content": " Body one. "}])
    assert blind_en.dh_article(sun.encode("utf-8"), "sun_articles.json", "1") == \
        "One\n\nBody one."
    page = json.dumps({"response": {"results": [
        {"id": "world/a", "webTitle": "A", "fields": {"body": "Body a."}},
        {"id": "world/b", "webTitle": "B", "fields": {"body": "Body b."}}]}})
    path = "crawler/guardian_articles/Guardian_page_1.json"
    assert blind_en.dh_article(page.encode("utf-8"), path, "world/b") == "B\n\nBody b."
    with pytest.raises(SystemExit):
        blind_en.dh_article(page.encode("utf-8"), path, "world/c")


def test_set_4_without_the_mirrors_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    for repo, env in ((FNN, "BLIND_EN_FNN_MIRROR"), (UKPRESS, "BLIND_EN_UKPRESS_MIRROR")):
        lines = [line for line in blind_en.ANNOTATION_4.read_text(encoding="utf-8").splitlines()
                 if f'"repo": "{repo}"' in line][:1]
        only = tmp_path / "one.jsonl"
        only.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(SystemExit) as stopped:
            blind_en.load(only)
        assert f"fetch github:{repo}" in str(stopped.value)
        assert env in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRRORS_4, reason=NO_MIRRORS_4)
def test_set_4_with_the_mirrors_every_text_matches_and_every_span_is_inside_it(spans_well_placed):
    loaded = blind_en.load(blind_en.ANNOTATION_4)
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert record["words"] == len(text.split())
        assert blind_en.MIN_WORDS_4 <= len(text.split()) <= blind_en.MAX_WORDS_4
        spans_well_placed(record, one_line=True)


@pytest.mark.skipif(not HAVE_ALL, reason=NO_ALL)
def test_set_4_is_the_seeded_selection_and_leaves_out_what_was_seen_before_it():
    chosen = blind_en.selected_4()
    assert [(r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in records()]
    looked = blind_en.looked_at_4()
    for name in blind_en.POOLS_4:
        assert not set(looked[name]) & blind_en._seen_4(name)
    for record in records():
        assert (record["path"], record.get("record")) in looked[pool(record)]
    heads = blind_en.earlier_headlines_4()
    for record in blind_en.load(blind_en.ANNOTATION_4):
        assert blind_en._head(record["text"]) not in heads


@pytest.mark.skipif(not HAVE_MIRRORS_4, reason=NO_MIRRORS_4)
def test_a_set_4_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_4)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind4-en.jsonl:1" in str(stopped.value)
