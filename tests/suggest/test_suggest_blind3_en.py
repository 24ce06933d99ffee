"""English blind set 3 (benchmarks/data/blind3-en.jsonl): only offsets and fingerprints are in the
tree; the texts come from fetched mirrors of two public repositories (the BuzzFeed-Webis corpus
and a 2019 political-news scrape). Without a mirror the loader says what to fetch; with them,
every text matches its fingerprint and every span lies inside it. The set is scored by
benchmarks/suggest_quality.py, never here, so that no test is tuned to it."""

from __future__ import annotations

import json

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}
WEBIS = "ruedigerhass/FakeNews_detector"
POLNEWS = blind_en.POLNEWS
MAINSTREAM = {"abc", "cnn", "politico"}
LEFT = {"addicting-info", "occupy-democrats", "the-other-98"}
RIGHT = {"eagle-rising", "freedom-daily", "right-wing-news"}


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRRORS_3 = not _missing(blind_en.SET_3)
NO_MIRRORS_3 = _no_mirrors(blind_en.SET_3)
EVERY = tuple(dict.fromkeys(blind_en.SET_1 + blind_en.SET_2 + blind_en.SET_3))
HAVE_ALL = not _missing(EVERY)
NO_ALL = _no_mirrors(EVERY)


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION_3
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def test_set_3_holds_no_text_and_only_the_five_devices():
    for record in records():
        assert "text" not in record
        assert record["doc_id"].startswith("blinden3-")
        assert record["fingerprint"].startswith("sha256:")
        assert record["repo"] in blind_en.SET_3
        assert record["commit"] == blind_en.SOURCES[record["repo"]].commit
        if record["repo"] == POLNEWS:
            assert record["record"].startswith("http")
            assert record["path"].startswith("Data/candidate/" + record["outlet"] + "/")
        else:
            assert "record" not in record
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_3_is_fifteen_webis_articles_by_orientation_and_five_of_five_outlets():
    webis = [r for r in records() if r["repo"] == WEBIS]
    portals = [r["outlet"] for r in webis]
    assert sum(p in MAINSTREAM for p in portals) == 8
    assert sum(p in LEFT for p in portals) == 3
    assert sum(p in RIGHT for p in portals) == 4
    assert max(portals.count(p) for p in portals) <= blind_en.PER_PORTAL_3
    for record in webis:
        assert record["kind"] == ("ordinary" if record["outlet"] in MAINSTREAM else "partisan")
    polnews = [r for r in records() if r["repo"] == POLNEWS]
    assert sorted(r["outlet"] for r in polnews) == sorted(blind_en.OUTLETS_3)
    for record in polnews:
        assert record["kind"] == blind_en.KIND_3[record["outlet"]]
    assert len({(r["path"], r.get("record")) for r in records()}) == 20
    assert len({r["doc_id"] for r in records()}) == 20


def test_set_3_shares_no_article_with_sets_1_and_2():
    earlier = records(blind_en.ANNOTATION) + records(blind_en.ANNOTATION_2)
    assert not {r["fingerprint"] for r in earlier} & {r["fingerprint"] for r in records()}
    assert not {r["repo"] for r in earlier} & {r["repo"] for r in records()}


def test_set_3_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_a_webis_article_gets_its_paragraph_breaks_back_only_where_one_space_parts_them():
    main = "First one. Second one.Third, joined."
    xml = ("<article><title>A title</title><mainText>" + main + "</mainText>"
           "<paragraph><end>10</end><start>0</start></paragraph>"
           "<paragraph><end>22</end><start>11</start></paragraph>"
           "<paragraph><end>36</end><start>22</start></paragraph>"
           "<portal>cnn</portal><orientation>mainstream</orientation></article>")
    text, portal, orientation = blind_en.webis_article(xml.encode("utf-8"))
    assert text == "A title\n\nFirst one.\n\nSecond one.Third, joined."
    assert (portal, orientation) == ("cnn", "mainstream")


def test_a_json_article_is_the_first_with_content_at_its_url():
    data = json.dumps({"articles": [
        {"title": "Empty", "url": "https://x/1", "content": "   "},
        {"title": "Kept", "url": "https://x/1", "content": " Body one.  "},
        {"title": "Other", "url": "https://x/2", "content": "Body two."}]}).encode("utf-8")
    assert blind_en.json_article(data, "https://x/1") == "Kept\n\nBody one."
    with pytest.raises(SystemExit):
        blind_en.json_article(data, "https://x/3")


def test_set_3_without_the_mirrors_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_3)
    assert f"fetch github:{WEBIS}" in str(stopped.value)
    assert "BLIND_EN_WEBIS_MIRROR" in str(stopped.value)
    lines = [line for line in blind_en.ANNOTATION_3.read_text(encoding="utf-8").splitlines()
             if f'"{POLNEWS}"' in line][:1]
    only = tmp_path / "one.jsonl"
    only.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(only)
    assert f"fetch github:{POLNEWS}" in str(stopped.value)
    assert "BLIND_EN_POLNEWS_MIRROR" in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRRORS_3, reason=NO_MIRRORS_3)
def test_set_3_with_the_mirrors_every_text_matches_and_every_span_is_inside_it(spans_well_placed):
    loaded = blind_en.load(blind_en.ANNOTATION_3)
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert blind_en.MIN_WORDS_3 <= len(text.split()) <= blind_en.MAX_WORDS_3
        spans_well_placed(record, one_line=True)


@pytest.mark.skipif(not HAVE_ALL, reason=NO_ALL)
def test_set_3_is_the_seeded_selection_and_leaves_out_what_was_seen_before_it():
    chosen = blind_en.selected_3()
    assert [(r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in records()]
    looked = blind_en.looked_at_3()
    for repo, seen in blind_en.SEEN_BEFORE_3.items():
        assert not {key for pair in looked[repo] for key in pair} & seen
    for record in records():
        assert (record["path"], record.get("record")) in looked[record["repo"]]


@pytest.mark.skipif(not HAVE_MIRRORS_3, reason=NO_MIRRORS_3)
def test_a_set_3_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_3)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind3-en.jsonl:1" in str(stopped.value)
