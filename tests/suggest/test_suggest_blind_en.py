"""English blind sets 1 and 2 (benchmarks/data/blind-en.jsonl, blind2-en.jsonl): only offsets and
fingerprints are in the tree; the texts come from fetched mirrors of public repositories (two for
set 1, three for set 2). Without a mirror the loader says what to fetch; with them, every text
matches its fingerprint and every span lies inside it. The sets are scored by
benchmarks/suggest_quality.py, never here, so that no test is tuned to them."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from benchmarks import _blind_en as blind_en

FIVE = {"ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
        "SLOGAN"}


def _missing(repos):
    return [repo for repo in repos if not blind_en.MIRRORS[repo].exists()]


def _no_mirrors(repos):
    return "no mirror of " + " / ".join(f"{repo} (fetch github:{repo})"
                                        for repo in _missing(repos))


HAVE_MIRRORS = not _missing(blind_en.SET_1)
NO_MIRRORS = _no_mirrors(blind_en.SET_1)
HAVE_MIRRORS_2 = not _missing(blind_en.SET_2)
NO_MIRRORS_2 = _no_mirrors(blind_en.SET_2)


def records(annotation=None):
    annotation = annotation or blind_en.ANNOTATION
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def records_2():
    return records(blind_en.ANNOTATION_2)


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
def test_with_the_mirrors_every_text_matches_and_every_span_is_inside_it(spans_well_placed):
    loaded = blind_en.load()
    assert len(loaded) == len(records()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert blind_en.MIN_CHARS <= len(text) <= blind_en.MAX_CHARS
        spans_well_placed(record)


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


# --- set 2 -------------------------------------------------------------------------------------


def test_set_2_holds_no_text_and_only_the_five_devices():
    for record in records_2():
        assert "text" not in record
        assert record["doc_id"].startswith("blinden2-")
        assert record["fingerprint"].startswith("sha256:")
        assert record["repo"] in blind_en.SET_2
        source = blind_en.SOURCES[record["repo"]]
        assert record["commit"] == source.commit
        assert record["kind"] == source.kind
        if source.archive:
            assert record["path"] == source.archive
            assert record["record"].startswith(source.folder)
        else:
            assert "record" not in record
        assert {label for _, _, label in record["label"]} <= FIVE


def test_set_2_is_five_bbc_from_five_sections_five_gossip_and_ten_partisan_articles():
    kinds = {}
    for record in records_2():
        kinds.setdefault(record["repo"], []).append(record["kind"])
    assert kinds == {"DokahlSoZoor/DieNeueKrone": ["ordinary"] * 5,
                     "pmacinec/fake-news-datasets": ["sensational"] * 5,
                     "BenjaminDHorne/fakenewsdata1": ["partisan"] * 10}
    sections = [r["path"].split("/")[-2] for r in records_2()
                if r["repo"] == "DokahlSoZoor/DieNeueKrone"]
    assert sorted(sections) == ["business", "entertainment", "politics", "sport", "tech"]
    assert len({(r["path"], r.get("record")) for r in records_2()}) == 20
    assert len({r["doc_id"] for r in records_2()}) == 20


def test_set_2_shares_no_article_with_set_1():
    first = {(r["repo"], r["path"]) for r in records()}
    assert not first & {(r["repo"], r["path"]) for r in records_2()}
    assert not {r["fingerprint"] for r in records()} & {r["fingerprint"] for r in records_2()}


def test_set_2_spans_are_sorted_do_not_overlap_and_fit_the_recorded_length():
    for record in records_2():
        spans = record["label"]
        assert spans == sorted(spans), record["doc_id"]
        assert all(0 <= s < e <= record["chars"] for s, e, _ in spans), record["doc_id"]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["doc_id"]


def test_a_zip_article_is_its_title_line_then_its_body_read_as_windows_1252_if_not_utf8():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        body = "First \x93line\x94.\r\n\r\nSecond\x81 one.\r\n"
        archive.writestr("Public Data/X/Fake/7.txt", body.encode("latin-1"))
        archive.writestr("Public Data/X/Fake_titles/7.txt", "A title\n".encode("utf-8"))
    text = blind_en.article_from_zip(buffer.getvalue(), "Public Data/X/Fake/7.txt")
    assert text == "A title\n\nFirst \u201cline\u201d.\n\nSecond\x81 one."
    assert blind_en.decode("caf\u00e9 \u2019".encode("utf-8")) == "caf\u00e9 \u2019"


def test_set_2_without_the_mirrors_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in blind_en.MIRRORS:
        monkeypatch.setitem(blind_en.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_2)
    assert "fetch github:DokahlSoZoor/DieNeueKrone" in str(stopped.value)
    partisan = [line for line in blind_en.ANNOTATION_2.read_text(encoding="utf-8").splitlines()
                if '"BenjaminDHorne/fakenewsdata1"' in line][:1]
    only = tmp_path / "one.jsonl"
    only.write_text("\n".join(partisan) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(only)
    assert "fetch github:BenjaminDHorne/fakenewsdata1" in str(stopped.value)
    assert "BLIND_EN_PARTISAN_MIRROR" in str(stopped.value)


@pytest.mark.skipif(not HAVE_MIRRORS_2, reason=NO_MIRRORS_2)
def test_set_2_with_the_mirrors_every_text_matches_and_every_span_is_inside_it(
        spans_well_placed):
    loaded = blind_en.load(blind_en.ANNOTATION_2)
    assert len(loaded) == len(records_2()) == 20
    for record in loaded:
        text = record["text"]
        assert record["chars"] == len(text)
        assert blind_en.MIN_CHARS <= len(text) <= blind_en.MAX_CHARS
        spans_well_placed(record)


@pytest.mark.skipif(not HAVE_MIRRORS_2, reason=NO_MIRRORS_2)
def test_set_2_is_the_seeded_selection_and_skips_all_that_set_1_read():
    chosen = blind_en.selected_2()
    assert [(r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in chosen] == [
        (r["doc_id"], r["path"], r.get("record"), r["fingerprint"]) for r in records_2()]
    looked = blind_en.looked_at_1()
    assert {r["path"] for r in records()} <= set().union(*looked.values())
    for record in chosen:
        assert record["path"] not in looked.get(record["repo"], set()), record["doc_id"]


@pytest.mark.skipif(not HAVE_MIRRORS_2, reason=NO_MIRRORS_2)
def test_a_set_2_text_that_changed_is_refused_not_scored(monkeypatch):
    cleaned = blind_en.clean
    monkeypatch.setattr(blind_en, "clean", lambda raw: cleaned(raw) + ".")
    with pytest.raises(SystemExit) as stopped:
        blind_en.load(blind_en.ANNOTATION_2)
    assert "fingerprint mismatch" in str(stopped.value)
    assert "blind2-en.jsonl:1" in str(stopped.value)
