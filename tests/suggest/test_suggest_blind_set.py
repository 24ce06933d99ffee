"""The blind sets' annotations (benchmarks/data/blind-zh.jsonl, blind2-zh.jsonl, blind3-zh.jsonl,
blind4-zh.jsonl, blind5-zh.jsonl, blind6-zh.jsonl, blind7-zh.jsonl, blind8-zh.jsonl,
blind9-zh.jsonl, and blind3-zh.second.jsonl, set 3 annotated a second time) are only offsets and
fingerprints; their texts come from a fetched mirror (set 5's from two: WeChat backups and Citizen
News; set 6's from those and an RSS archive; set 7's from the Terminus2049 archive and the RSS
archive; set 8's from a China Digital Times archive; set 9's from a backup of CDT's feed and an
opinion archive). Without the mirror the benchmark says what to fetch instead of failing with a
traceback; with it, every text matches its fingerprint and every span lies inside its text. The sets themselves are scored by
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
               blind_zh.ANNOTATION_4, blind_zh.ANNOTATION_5, blind_zh.ANNOTATION_6,
               blind_zh.ANNOTATION_7, blind_zh.ANNOTATION_8, blind_zh.ANNOTATION_9)
#: Every annotation file, the second annotation of set 3 too (it shares set 3's articles).
ALL_ANNOTATIONS = ANNOTATIONS + tuple(p for p in (blind_zh.ANNOTATION_3_SECOND,) if p.exists())


def records(annotation=blind_zh.ANNOTATION):
    return [json.loads(line) for line in annotation.read_text(encoding="utf-8").splitlines()]


def absent_mirrors(annotation):
    """The source repositories of an annotation whose mirror is not fetched."""
    return sorted({r["repo"] for r in records(annotation)
                   if not blind_zh.MIRRORS[r["repo"]].exists()})


def with_mirrors(annotations):
    """The annotations as test parameters, each skipped when a mirror it needs is absent."""
    return [pytest.param(a, id=a.name, marks=pytest.mark.skipif(
        bool(absent_mirrors(a)), reason=f"no mirror of {', '.join(absent_mirrors(a))} fetched"))
        for a in annotations]


@pytest.mark.parametrize("annotation", ALL_ANNOTATIONS, ids=lambda p: p.name)
def test_the_annotation_holds_no_text_and_only_the_five_devices(annotation):
    for record in records(annotation):
        assert "text" not in record
        assert record["fingerprint"].startswith("sha256:")
        assert {label for _, _, label in record["label"]} <= FIVE


def test_the_blind_sets_share_no_article_and_none_of_zh_dev():
    sets = [{(r["repo"], r["path"]) for r in records(annotation)} for annotation in ANNOTATIONS]
    assert all(sets)
    assert sum(map(len, sets)) == len(set().union(*sets))
    assert not set().union(*sets) & blind_zh.zh_dev_sources()
    assert not {p for _, p in set().union(*sets)} & blind_zh.zh_dev_paths()


def test_set_5_is_ten_wechat_articles_and_ten_citizen_news_pages():
    rows = records(blind_zh.ANNOTATION_5)
    wechat = [r for r in rows if r["repo"] == blind_zh.LAZY13]
    news = [r for r in rows if r["repo"] == blind_zh.HKCNEWS]
    assert (len(wechat), len(news)) == (10, 10)
    assert {r["commit"] for r in wechat} == {blind_zh.COMMIT_LAZY13}
    assert {r["commit"] for r in news} == {blind_zh.COMMIT_HKCNEWS}
    accounts = [r["path"].split("/")[2] for r in wechat]
    assert all(r["kind"] == blind_zh.KIND_5[a] for r, a in zip(wechat, accounts))
    merged = [blind_zh.ACCOUNT_5.get(a, a) for a in accounts]
    assert max(merged.count(a) for a in merged) <= blind_zh.PER_ACCOUNT_5
    assert not set(accounts) & set(blind_zh.SKIPPED_ACCOUNTS_5)
    assert {r["kind"] for r in news} == {"ordinary"}
    assert all(800 <= r["chars"] <= 2500 for r in rows)
    assert len({r["doc_id"] for r in rows}) == 20


def test_set_6_is_ten_archive_articles_five_wechat_articles_and_five_citizen_news_pages():
    rows = records(blind_zh.ANNOTATION_6)
    picker = [r for r in rows if r["repo"] == blind_zh.PICKER]
    wechat = [r for r in rows if r["repo"] == blind_zh.LAZY13]
    news = [r for r in rows if r["repo"] == blind_zh.HKCNEWS]
    assert (len(picker), len(wechat), len(news)) == (10, 5, 5)
    assert {r["commit"] for r in picker} == {blind_zh.COMMIT_PICKER}
    assert {r["commit"] for r in wechat} == {blind_zh.COMMIT_LAZY13}
    assert {r["commit"] for r in news} == {blind_zh.COMMIT_HKCNEWS}
    feeds = [blind_zh.picker_feed(r["path"]) for r in picker]
    assert all(feed in blind_zh.KIND_6 for feed in feeds)
    assert all(r["kind"] == blind_zh.KIND_6[f] for r, f in zip(picker, feeds))
    sites = [blind_zh.SITE_6.get(f, f) for f in feeds]
    assert max(sites.count(s) for s in sites) <= blind_zh.PER_SITE_6
    assert not set(feeds) & set(blind_zh.SKIPPED_FEEDS_6)
    assert not {r["path"] for r in picker} & set(blind_zh.LAYOUT_LOOKED_AT_6)
    accounts = [r["path"].split("/")[2] for r in wechat]
    assert all(r["kind"] == blind_zh.KIND_5[a] for r, a in zip(wechat, accounts))
    merged = [blind_zh.ACCOUNT_5.get(a, a) for a in accounts]
    assert len(set(merged)) == len(merged) == 5
    assert {r["kind"] for r in news} == {"ordinary"}
    assert all(800 <= r["chars"] <= 2500 for r in rows)
    assert len({r["doc_id"] for r in rows}) == 20


def test_set_7_is_twelve_terminus_pages_and_eight_archive_articles():
    rows = records(blind_zh.ANNOTATION_7)
    terminus = [r for r in rows if r["repo"] == blind_zh.TERMINUS]
    picker = [r for r in rows if r["repo"] == blind_zh.PICKER]
    assert (len(terminus), len(picker)) == (12, 8)
    assert {r["commit"] for r in terminus} == {blind_zh.COMMIT_TERMINUS}
    assert {r["commit"] for r in picker} == {blind_zh.COMMIT_PICKER}
    assert sorted(r["kind"] for r in terminus) == ["ordinary"] * 8 + ["sensational"] * 4
    assert not {r["path"] for r in terminus} & set(blind_zh.LAYOUT_LOOKED_AT_7 + blind_zh.ABSENT_7)
    feeds = [blind_zh.picker_feed(r["path"]) for r in picker]
    assert all(r["kind"] == blind_zh.KIND_6[f] for r, f in zip(picker, feeds))
    sites = [blind_zh.SITE_6.get(f, f) for f in feeds]
    assert max(sites.count(s) for s in sites) <= blind_zh.PER_SITE_7
    assert not set(sites) & set(blind_zh.SITES_6)
    assert not {r["path"] for r in picker} & set(blind_zh.LAYOUT_LOOKED_AT_6)
    assert all(800 <= r["chars"] <= 3000 for r in rows)
    assert len({r["doc_id"] for r in rows}) == 20


def test_set_6s_sites_are_the_sites_set_7_leaves_out():
    feeds = {blind_zh.picker_feed(r["path"]) for r in records(blind_zh.ANNOTATION_6)
             if r["repo"] == blind_zh.PICKER}
    assert {blind_zh.SITE_6.get(f, f) for f in feeds} == set(blind_zh.SITES_6)


def test_a_terminus_page_is_cleaned_to_its_headline_and_article():
    raw = ("---\nlayout: post\ntitle:  \"一篇“文章”\"\ncategories: Archive\n---\n\n"
           "原文来自「财新网」：~~[一篇文章](https://example.com/a\nb)~~\n\n作者：某某\n\n---\n\n"
           "![](https://example.com/x.jpg)\n\n第一段**正文**，见[链接](https://example.com)。\n"
           "同一段的第二行。\n\n<figcaption>图注文字</figcaption>\n\n---\n\n"
           "> 第二段 \\- 引文，邮箱 <a@b.org>。\n\n图片来源：某网\n\n"
           "-扫码赞赏，支持我们-\n\n不要的页脚。\n")
    assert blind_zh.clean_terminus(raw) == (
        "一篇“文章”\n\n第一段正文，见链接。\n同一段的第二行。\n\n图注文字\n\n第二段 - 引文，邮箱 a@b.org。")
    assert blind_zh.terminus_kind(raw) == "ordinary"
    assert blind_zh.terminus_kind(raw.replace("财新网", "某公号")) == "sensational"
    titled = raw.replace("原文来自「财新网」：~~[一篇文章]", "原文来自「某公号」：~~[财新网的一篇很长很长的文章标题]")
    assert blind_zh.terminus_kind(titled) == "sensational"


def test_set_8_is_twelve_news_reposts_and_eight_commentary_posts_of_the_cdt_archive():
    rows = records(blind_zh.ANNOTATION_8)
    assert {r["repo"] for r in rows} == {blind_zh.CDT}
    assert {r["commit"] for r in rows} == {blind_zh.COMMIT_CDT}
    assert sorted(r["kind"] for r in rows) == ["ordinary"] * 12 + ["sensational"] * 8
    assert all(r["kind"] == blind_zh.cdt_kind(r["path"]) for r in rows)
    tags = {kind: [blind_zh.OUTLET_8.get(t, t) for t in (blind_zh.cdt_tag(r["path"])
                                                         for r in rows if r["kind"] == kind)]
            for kind in ("ordinary", "sensational")}
    assert max(tags["ordinary"].count(t) for t in tags["ordinary"]) <= blind_zh.PER_OUTLET_8
    assert max(tags["sensational"].count(t) for t in tags["sensational"]) <= blind_zh.PER_ACCOUNT_8
    assert not {r["path"] for r in rows} & set(blind_zh.LAYOUT_LOOKED_AT_8)
    assert all(800 <= r["chars"] <= 3000 for r in rows)
    assert len({r["doc_id"] for r in rows}) == 20


def test_a_cdt_title_tag_gives_the_kind():
    assert blind_zh.cdt_tag("articles/1_德国之声｜某事.md") == "德国之声"
    assert blind_zh.cdt_kind("articles/1_德国之声 | 某事.md") == "ordinary"
    assert blind_zh.cdt_kind("articles/2_某公号｜评论.md") == "sensational"
    assert blind_zh.cdt_kind("articles/3_【中国哭墙】某事.md") is None
    assert blind_zh.cdt_kind("articles/4_某人：某事.md") is None
    assert blind_zh.cdt_kind("articles/5_维权网 | 某事.md") is None


def test_a_cdt_post_is_cleaned_to_its_headline_and_article():
    raw = ("[某报｜一个&#8220;标题&#8221;](https://example.com/a)\n------\n日期：Mon, 29 Jun 2020\n\n"
           "<p>作者：某某</p>"
           '<div class="wp-caption"><img src="x.png" /><p class="wp-caption-text">图注</p></div>'
           "<p><strong>第一段</strong>，见<a href=\"https://example.com\">链接</a>"
           "&#8230;<br/>同一段第二行。</p><p>&nbsp;</p>"
           '<blockquote class="wp-embedded-content"><p>不要的卡片</p></blockquote>'
           "<blockquote><p>引文段落。</p></blockquote><p>相关阅读：</p><p>不要的链接</p>"
           "<hr /><p><small>&copy; 页脚</small></p>")
    assert blind_zh.clean_cdt(raw) == (
        "某报｜一个“标题”\n\n图注\n\n第一段，见链接…\n同一段第二行。\n\n引文段落。")


def test_a_feed_is_read_from_the_archive_file_name():
    assert blind_zh.picker_feed("archive/2024/01/02/daily/安全客_标题.md") == "安全客"
    assert (blind_zh.picker_feed("archive/2024/01/02/daily/安全客-有思想的安全新媒体_标题.md")
            == "安全客-有思想的安全新媒体")
    assert blind_zh.picker_feed("archive/2024/01/02/daily/Doonsec's feed_标题.md") is None
    assert blind_zh.picker_feed(
        "archive/2024/01/02/daily/嘶吼 RoarTalk – 网络安全行业综合服务平台,4hou.com_标题.md") in \
        blind_zh.KIND_6


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


@pytest.mark.parametrize("repo", (blind_zh.LAZY13, blind_zh.HKCNEWS))
def test_without_a_set_5_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path, repo):
    for other in (blind_zh.LAZY13, blind_zh.HKCNEWS):
        if other != repo and not blind_zh.MIRRORS[other].exists():
            pytest.skip(f"no mirror of {other} fetched")
    monkeypatch.setitem(blind_zh.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(blind_zh.ANNOTATION_5)
    assert f"fetch github:{repo}" in str(stopped.value)
    assert blind_zh.MIRROR_ENV[repo] in str(stopped.value)


@pytest.mark.parametrize("repo", (blind_zh.PICKER, blind_zh.LAZY13, blind_zh.HKCNEWS))
def test_without_a_set_6_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path, repo):
    for other in (blind_zh.PICKER, blind_zh.LAZY13, blind_zh.HKCNEWS):
        if other != repo and not blind_zh.MIRRORS[other].exists():
            pytest.skip(f"no mirror of {other} fetched")
    monkeypatch.setitem(blind_zh.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(blind_zh.ANNOTATION_6)
    assert f"fetch github:{repo}" in str(stopped.value)
    assert blind_zh.MIRROR_ENV[repo] in str(stopped.value)


@pytest.mark.parametrize("repo", (blind_zh.TERMINUS, blind_zh.PICKER))
def test_without_a_set_7_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path, repo):
    for other in (blind_zh.TERMINUS, blind_zh.PICKER):
        if other != repo and not blind_zh.MIRRORS[other].exists():
            pytest.skip(f"no mirror of {other} fetched")
    monkeypatch.setitem(blind_zh.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(blind_zh.ANNOTATION_7)
    assert f"fetch github:{repo}" in str(stopped.value)
    assert blind_zh.MIRROR_ENV[repo] in str(stopped.value)


def test_without_a_set_8_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    monkeypatch.setitem(blind_zh.MIRRORS, blind_zh.CDT, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(blind_zh.ANNOTATION_8)
    assert f"fetch github:{blind_zh.CDT}" in str(stopped.value)
    assert blind_zh.MIRROR_ENV[blind_zh.CDT] in str(stopped.value)


@pytest.mark.parametrize("annotation", with_mirrors(ALL_ANNOTATIONS))
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


@pytest.mark.parametrize("annotation, cleaner, line", (
    (blind_zh.ANNOTATION_5, "clean_gzh", 1), (blind_zh.ANNOTATION_5, "clean_hkcnews", 11),
    (blind_zh.ANNOTATION_6, "clean_picker", 1), (blind_zh.ANNOTATION_6, "clean_gzh", 11),
    (blind_zh.ANNOTATION_6, "clean_hkcnews", 16), (blind_zh.ANNOTATION_7, "clean_terminus", 1),
    (blind_zh.ANNOTATION_7, "clean_picker", 13), (blind_zh.ANNOTATION_8, "clean_cdt", 1),
    (blind_zh.ANNOTATION_9, "clean_cdtfeed", 1), (blind_zh.ANNOTATION_9, "clean_oped", 13)),
    ids=lambda v: getattr(v, "name", v))
def test_a_text_of_sets_5_to_9_that_changed_is_refused_not_scored(monkeypatch, annotation,
                                                                 cleaner, line):
    if absent_mirrors(annotation):
        pytest.skip(f"no mirror of {annotation.name}'s sources fetched")
    cleaned = getattr(blind_zh, cleaner)
    monkeypatch.setattr(blind_zh, cleaner, lambda raw: cleaned(raw) + "。")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(annotation)
    assert "fingerprint mismatch" in str(stopped.value)
    assert f"{annotation.name}:{line}" in str(stopped.value)


@pytest.mark.skipif(bool(absent_mirrors(blind_zh.ANNOTATION_5)),
                    reason="no mirror of set 5's sources fetched")
def test_set_5_is_what_its_selection_draws():
    drawn = blind_zh.selected_5()
    assert [(d["repo"], d["path"], d["kind"], d["doc_id"]) for d in drawn] == [
        (r["repo"], r["path"], r["kind"], r["doc_id"]) for r in records(blind_zh.ANNOTATION_5)]


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


@pytest.mark.skipif(bool(absent_mirrors(blind_zh.ANNOTATION_6)),
                    reason="no mirror of set 6's sources fetched")
def test_set_6_is_what_its_selection_draws_and_shares_nothing_with_set_5s_draws():
    drawn = blind_zh.selected_6()
    assert [(d["repo"], d["path"], d["kind"], d["doc_id"]) for d in drawn] == [
        (r["repo"], r["path"], r["kind"], r["doc_id"]) for r in records(blind_zh.ANNOTATION_6)]
    assert not {(d["repo"], d["path"]) for d in drawn} & blind_zh.drawn_5()


@pytest.mark.skipif(not blind_zh.MIRRORS[blind_zh.PICKER].exists(),
                    reason="no mirror of chainreactors/picker fetched")
def test_the_archive_cleaner_gives_zh_devs_text_of_its_archive_article():
    corpus = blind_zh.ROOT.parent / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
    if not corpus.exists():
        pytest.skip("zh-dev not present")
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if f"github:{blind_zh.PICKER} " in record["source"]:
            path = record["source"].split(" path=", 1)[1].split(" commit=", 1)[0]
            text = blind_zh.read_text(blind_zh.PICKER, path, blind_zh.COMMIT_PICKER)
            assert text == record["text"]


@pytest.mark.skipif(bool(absent_mirrors(blind_zh.ANNOTATION_7)),
                    reason="no mirror of set 7's sources fetched")
def test_set_7_is_what_its_selection_draws_and_shares_no_article_with_set_6():
    drawn = blind_zh.selected_7()
    assert [(d["repo"], d["path"], d["kind"], d["doc_id"]) for d in drawn] == [
        (r["repo"], r["path"], r["kind"], r["doc_id"]) for r in records(blind_zh.ANNOTATION_7)]
    assert not {(d["repo"], d["path"]) for d in drawn} & {
        (r["repo"], r["path"]) for r in records(blind_zh.ANNOTATION_6)}


@pytest.mark.skipif(bool(absent_mirrors(blind_zh.ANNOTATION_8)),
                    reason="no mirror of set 8's source fetched")
def test_set_8_is_what_its_selection_draws():
    drawn = blind_zh.selected_8()
    assert [(d["repo"], d["path"], d["kind"], d["doc_id"]) for d in drawn] == [
        (r["repo"], r["path"], r["kind"], r["doc_id"]) for r in records(blind_zh.ANNOTATION_8)]


def test_set_9_is_twelve_news_reports_of_the_feed_backup_and_eight_opinion_pages():
    rows = records(blind_zh.ANNOTATION_9)
    news = [r for r in rows if r["repo"] == blind_zh.CDTFEED]
    opinion = [r for r in rows if r["repo"] == blind_zh.OPED]
    assert len(news) == blind_zh.NEWS_9 == 12 and len(opinion) == blind_zh.OPINION_9 == 8
    assert {r["commit"] for r in news} == {blind_zh.COMMIT_CDTFEED}
    assert {r["commit"] for r in opinion} == {blind_zh.COMMIT_OPED}
    assert {r["kind"] for r in news} == {"ordinary"}
    assert {r["kind"] for r in opinion} == {"sensational"}
    outlets = [blind_zh.cdt_tag(r["path"]) for r in news]
    assert set(outlets) <= set(blind_zh.OUTLETS_9)
    assert max(outlets.count(o) for o in outlets) <= blind_zh.PER_OUTLET_9
    assert all(r["path"][:7] >= blind_zh.FIRST_MONTH_9 for r in news)
    looked = {path for paths in blind_zh.LAYOUT_LOOKED_AT_9.values() for path in paths}
    assert not {r["path"] for r in rows} & looked
    assert all(800 <= r["chars"] <= 3000 for r in rows)


def test_the_set_9_cleaners_keep_the_article_and_drop_the_chrome():
    feed = ("# 某报｜一篇报道\n\n2021-05-05\n\n[{'type': 'text/html', 'language': None, 'value': "
            "'![GitHub](https://x.org/a.png)\n\n图像来源，某社\n\n据悉，第一段&quot;正文&quot;，"
            "见[链接](https://x.org)。\n\nCDT 档案卡\n\n标题：一篇报道\n\n作者：<a href=\"https://x.org)\n\n"
            "版权说明：略。\n\n第二段，他\\'s 说。\n\nCDS档案 | 总汇'}]")
    assert blind_zh.clean_cdtfeed(feed) == (
        "某报｜一篇报道\n\n图像来源，某社\n\n据悉，第一段\"正文\"，见链接。\n\n第二段，他's 说。")
    assert blind_zh.clean_cdtfeed("没有标题的正文。") == ""
    page = ('---\nlayout: post\ntitle: "一篇评论"\nauthor: 某人\ncategories: [ 泡泡 ]\n---\n\n'
            '<h1>\n 一篇评论\n</h1>\n<div class="field field-name-body">\n <p>\n  第一段\n  <a href="/x">\n'
            '   链接\n  </a>\n  ，Tor\n  <em>\n   Browser\n  </em>\n </p>\n <p>\n  为什么？\n </p>\n'
            '</div>\n<div class="field field-name-service-links-displays-group">分享</div>')
    assert blind_zh.clean_oped(page) == "一篇评论\n\n第一段链接，Tor Browser\n\n为什么？"
    assert blind_zh.oped_meta(page) == ("泡泡", "某人")


def test_without_a_set_9_mirror_the_message_says_what_to_fetch(monkeypatch, tmp_path):
    for repo in (blind_zh.CDTFEED, blind_zh.OPED):
        monkeypatch.setitem(blind_zh.MIRRORS, repo, tmp_path / "absent")
    with pytest.raises(SystemExit) as stopped:
        blind_zh.load(blind_zh.ANNOTATION_9)
    assert f"fetch github:{blind_zh.CDTFEED}" in str(stopped.value)
    assert blind_zh.MIRROR_ENV[blind_zh.CDTFEED] in str(stopped.value)


@pytest.mark.skipif(bool(absent_mirrors(blind_zh.ANNOTATION_9)),
                    reason="no mirror of set 9's sources fetched")
def test_set_9_is_what_its_selection_draws():
    drawn = blind_zh.selected_9()
    assert [(d["repo"], d["path"], d["kind"], d["doc_id"]) for d in drawn] == [
        (r["repo"], r["path"], r["kind"], r["doc_id"]) for r in records(blind_zh.ANNOTATION_9)]
