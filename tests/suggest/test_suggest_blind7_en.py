"""English blind set 7 (benchmarks/data/blind7-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from a fetched mirror of one public repository (Webhose news feeds of
Australian sites, kept as a news-reader app's sample data). Without the mirror the loader says
what to fetch; with it, every text matches its fingerprint and every span lies inside it. The set
is scored by benchmarks/suggest_quality.py, never here, so that no test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
SET_7 = (blind_en.WEBHOSE,)


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRROR_7 = not _missing(SET_7)
NO_MIRROR_7 = _no_mirrors(SET_7)
EVERY = tuple(dict.fromkeys(blind_en.SET_1 + blind_en.SET_2 + blind_en.SET_3
                            + (blind_en.FNN, blind_en.UKPRESS, blind_en.ISOT,
                               blind_en.NEWSDATA, blind_en.FNC) + SET_7))
HAVE_ALL = not _missing(EVERY)
NO_ALL = _no_mirrors(EVERY)


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION_7
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def pool(record):
    """The set-7 pool of a record, from its kind (au-news: ordinary, au-magazine: magazine)."""
    return next(name for name, (_sites, kind, _count) in blind_en.POOLS_7.items()
                if record["kind"] == kind)


def test_set_7_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        assert record["repo"] == blind_en.WEBHOSE
        assert record["commit"] == blind_en.COMMIT_7
        assert record["path"] in blind_en.FILES_7
        assert record["record"].isdigit()
        feed = record["path"].rsplit("/", 1)[1].split("News")[0]
        assert record["doc_id"] == f"blinden7-{feed}-{int(record['record']):03d}"
        assert record["outlet"] in blind_en.POOLS_7[pool(record)][0]
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_7_is_twelve_news_reports_and_eight_magazine_pieces_at_most_two_a_site():
    pools = [pool(r) for r in records()]
    assert {name: pools.count(name) for name in blind_en.POOLS_7} == {
        name: count for name, (_sites, _kind, count) in blind_en.POOLS_7.items()}
    assert len({(r["path"], r["record"]) for r in records()}) == 20
    assert len({r["doc_id"] for r in records()}) == 20
    outlets = [r["outlet"] for r in records()]
    assert max(outlets.count(o) for o in outlets) <= blind_en.PER_OUTLET_7


def test_the_set_7_pools_share_no_site():
    news, magazine = (set(sites) for sites, _kind, _count in blind_en.POOLS_7.values())
    assert not news & magazine


def test_set_7_shares_no_article_or_repository_with_sets_1_to_6():
    earlier = (records(blind_en.ANNOTATION) + records(blind_en.ANNOTATION_2)
               + records(blind_en.ANNOTATION_3) + records(blind_en.ANNOTATION_4)
               + records(blind_en.ANNOTATION_5) + records(blind_en.ANNOTATION_6))
    assert not {r["fingerprint"] for r in earlier} & {r["fingerprint"] for r in records()}
    assert not {r["repo"] for r in earlier} & {r["repo"] for r in records()}


def test_set_7_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_a_javascript_feed_module_reads_as_its_json():
    module = ("export default {\n  posts: [\n    {\n      title: \"A \\\"quoted\\\" one\",\n"
              "      text:\n        'It\\'s here,\\nline two',\n      thread: { site: \"x.au\", },\n"
              "      tags: [\"a\", \"b\",],\n      rating: null,\n    },\n  ],\n};\n")
    posts = blind_en.js_posts(module.encode("utf-8"))
    assert posts == [{"title": 'A "quoted" one', "text": "It's here,\nline two",
                      "thread": {"site": "x.au"}, "tags": ["a", "b"], "rating": None}]
    assert blind_en.webhose_article(module.encode("utf-8"), "0") == \
        'A "quoted" one\n\nIt\'s here,\n\nline two'
    as_json = json.dumps([{"posts": posts}]).encode("utf-8")
    assert blind_en.js_posts(as_json) == posts


def test_set_7_without_the_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    blind_en._ARCHIVES.clear()
    line = blind_en.ANNOTATION_7.read_text(encoding="utf-8").splitlines()[0]
    only = tmp_path / "one.jsonl"
    only.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(only)
    assert f"fetch github:{blind_en.WEBHOSE}" in str(stopped.value)
    assert "BLIND_EN_WEBHOSE_MIRROR" in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRROR_7, reason=NO_MIRROR_7)
def test_set_7_with_the_mirror_every_text_matches_and_every_span_is_inside_it():
    blind_en._ARCHIVES.clear()
    loaded = blind_en.load(blind_en.ANNOTATION_7)
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert record["words"] == len(text.split())
        assert blind_en.MIN_WORDS_7 <= len(text.split()) <= blind_en.MAX_WORDS_7
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
def test_set_7_is_the_seeded_selection_and_skips_what_earlier_draws_read():
    blind_en._ARCHIVES.clear()
    chosen = blind_en.selected_7()
    assert [(r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r["record"], r["fingerprint"]) for r in records()]
    looked = blind_en.looked_at_7()
    for name in blind_en.POOLS_7:
        assert not set(looked[name]) & blind_en.SEEN_BEFORE_7[name]
    for record in records():
        assert (record["path"], record["record"]) in looked[pool(record)]
    heads = blind_en.earlier_headlines_7()
    for record in blind_en.load(blind_en.ANNOTATION_7):
        assert blind_en._head(record["text"]) not in heads


@pytest.mark.skipif(not HAVE_MIRROR_7, reason=NO_MIRROR_7)
def test_a_set_7_text_that_changed_is_refused_not_scored(monkeypatch):
    blind_en._ARCHIVES.clear()
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_7)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind7-en.jsonl:1" in str(stopped.value)
