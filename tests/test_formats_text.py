"""Plain-text import: encodings, newlines, body / furniture / comments on real and own articles."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from toolkit.corpus import Document
from toolkit.errors import FormatError, UnreadableFileError
from toolkit.formats.text import import_text, normalise_newlines

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = CORPUS / "seed" / "chip-ban-article.zh.txt"
DATA = Path(__file__).resolve().parent / "data" / "text"


def _full(path: Path) -> str:
    return normalise_newlines(path.read_text(encoding="utf-8-sig"))


def _check_comments(doc: Document, expected: list[tuple[str, str, str]]) -> None:
    """Every comment's record matches, and its range in the text holds exactly its words."""
    records = doc.meta["comments"]
    assert [(c["author"], c["time"], c["text"]) for c in records] == expected
    for record in records:
        assert doc.text[record["start"]:record["end"]] == record["text"]


# --- the seed article (shared corpus) -----------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> list[Document]:
    return import_text([SEED])


def test_seed_body_ends_with_last_paragraph_and_is_a_prefix(seed: list[Document]) -> None:
    body = seed[0]
    assert body.doc_id == "chip-ban-article-zh"
    assert body.text.endswith("书写属于自己的辉煌篇章。")
    assert _full(SEED).startswith(body.text)
    assert "转载" not in body.text and "随机主题" not in body.text


def test_seed_meta(seed: list[Document]) -> None:
    meta = seed[0].meta
    assert meta["title"] == "英伟达正式宣布: 停止接受中国订单! 中国AI产业迎来“生死劫”?"
    assert meta["date"] == "2024-10-23"
    assert meta["section"] == "body" and meta["language"] == "zh"
    assert meta["source_file"] == "chip-ban-article.zh.txt" and meta["encoding"] == "utf-8"
    assert meta["url"] == "https://www.414w.com/read/1403028.html"
    assert meta["furniture"].startswith("转载此文是出于传递更多信息目的")
    assert "https://www.414w.com/read/1403028.html" in meta["furniture"]
    assert "随机主题" in meta["furniture"] and "最新回复" not in meta["furniture"]


def test_seed_comments_kept_verbatim(seed: list[Document]) -> None:
    assert len(seed) == 2
    comments = seed[1]
    assert comments.doc_id == "chip-ban-article-zh-comments"
    assert comments.meta["section"] == "comments"
    assert comments.meta["parent"] == "chip-ban-article-zh"
    _check_comments(comments, [
        ("科技拆解全解", "2024-10-24 17:18", "大国与大国之间还有互利共赢?你太天真了,兄dei"),
        ("体坛小二哥", "2024-10-23 20:59", "中国早就自立门户了,原本可以互利共赢的,现在却只能你死我活!"),
    ])
    assert [(c["start"], c["end"]) for c in comments.meta["comments"]] == [(27, 51), (78, 108)]
    assert comments.text.splitlines()[1] == (
        "体坛小二哥 (2024-10-23 20:59): 中国早就自立门户了,原本可以互利共赢的,现在却只能你死我活!")


# --- our own articles with other markers --------------------------------------------------

def test_chinese_article_with_copyright_related_list_and_comments() -> None:
    path = DATA / "health-tea.zh.txt"
    body, comments = import_text([path])
    assert body.doc_id == "health-tea-zh"
    assert body.text.endswith("科学才是最好的养生之道。")
    assert _full(path).startswith(body.text)
    assert body.meta["date"] == "2023-06-01" and body.meta["language"] == "zh"
    assert body.meta["furniture"].startswith("版权声明")
    assert "相关阅读" in body.meta["furniture"] and "url" not in body.meta
    assert comments.meta["comments_header"] == "网友评论（3）"
    _check_comments(comments, [
        ("山城老李", "2023年6月2日 08:15", "说得太对了，这种“神药”早该查了！"),
        ("小雨点", "2023-06-02 09:40", "我外婆也买过，花了好几千，一点用都没有。"),
        ("江南布衣", "3小时前", "谁知道真假，别被带节奏。"),
    ])
    assert "赞12" not in comments.text and "举报" not in comments.text


def test_english_article_with_originally_published_related_and_n_comments() -> None:
    path = DATA / "leaf-blower.en.txt"
    body, comments = import_text([path])
    assert body.text.endswith("the argument is only getting louder.")
    assert _full(path).startswith(body.text)
    assert body.meta["title"].startswith("Town Council Bans Gas Leaf Blowers")
    assert body.meta["date"] == "2023-09-14" and body.meta["language"] == "en"
    assert body.meta["url"] == "https://ledger.example.org/news/2023/09/leaf-blower-ban"
    assert "Related articles" in body.meta["furniture"]
    assert comments.doc_id == "leaf-blower-en-comments"
    assert comments.meta["comments_header"] == "3 comments"
    _check_comments(comments, [
        ("Mark T.", "2 hours ago",
         "Another hit piece on common sense.\nNext they will ban barbecues."),
        ("Sue P.", "1 hour ago",
         "My kids can finally nap on Saturday mornings. Thank you, council!"),
        ("Jay R.", "September 14, 2023 at 6:02 pm", "The study question deserves a real answer."),
    ])


def test_article_without_furniture_is_untouched() -> None:
    path = DATA / "library-hours.en.txt"
    [doc] = import_text([path])
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.meta == {"title": "Library Extends Weekend Opening Hours", "encoding": "utf-8",
                        "source_file": "library-hours.en.txt", "section": "body",
                        "language": "en"}


def test_marker_early_in_the_text_does_not_cut(tmp_path: Path) -> None:
    text = ("Headline\n\nRelated articles\n\n" + "A sentence of the body.\n\n" * 12
            + "The end.\n")
    path = tmp_path / "early.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = import_text([path])
    assert doc.text == text and "furniture" not in doc.meta


def test_split_sections_off_keeps_everything(tmp_path: Path) -> None:
    [doc] = import_text([SEED], split_sections=False)
    assert doc.text == _full(SEED) and doc.meta["section"] == "full"


def test_duplicate_slugs_get_suffixes(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    for path in (tmp_path / "a.b.txt", tmp_path / "a-b.txt", tmp_path / "x" / "a.b.txt"):
        path.write_text("Title\n\nBody.\n", encoding="utf-8")
    docs = import_text([tmp_path / "a.b.txt", tmp_path / "a-b.txt", tmp_path / "x" / "a.b.txt"])
    assert [d.doc_id for d in docs] == ["a-b", "a-b-2", "a-b-3"]


# --- encodings and newlines ---------------------------------------------------------------

ORIGINAL = "标题：新规出台\n\n记者报道，新规将于下月实施。\nPrices rise 5%.\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (ORIGINAL.encode("gb18030"), "gb18030"),
    (codecs.BOM_UTF16_LE + ORIGINAL.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + ORIGINAL.encode("utf-16-be"), "utf-16"),
    (ORIGINAL.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le"),
    (ORIGINAL.encode("utf-16-be"), "utf-16-be"),
    (codecs.BOM_UTF8 + ORIGINAL.encode("utf-8"), "utf-8-sig"),
    (ORIGINAL.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    (ORIGINAL.replace("\n", "\r").encode("gb18030"), "gb18030"),
], ids=["gb18030", "utf16le-bom", "utf16be-bom", "utf16le-nobom-crlf", "utf16be-nobom",
        "utf8-bom", "utf8-crlf", "gb18030-cr"])
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    [doc] = import_text([path])
    assert doc.text == ORIGINAL
    assert doc.meta["encoding"] == encoding and doc.meta["title"] == "标题：新规出台"


def test_undecodable_bytes_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Title\n\nsome text \xff\xfe\xff and more\n")
    with pytest.raises(FormatError) as info:
        import_text([path])
    assert str(info.value) == (
        f"{path}: cannot detect the text encoding (the bytes are not UTF-8, GB18030, Big5 or "
        "UTF-16); pass --encoding (examples: utf-8, gb18030, big5, utf-16)")


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("標題\n\n新規定下月實施。\n".encode("big5"))
    [doc] = import_text([path], encoding="big5")
    assert doc.text == "標題\n\n新規定下月實施。\n" and doc.meta["encoding"] == "big5"


def test_override_that_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("中文".encode("gb18030"))
    with pytest.raises(FormatError) as info:
        import_text([path], encoding="utf-8")
    assert str(info.value) == (
        f"{path}: cannot decode as utf-8: byte 0xd6 at offset 0 is invalid; pass the file's "
        "real encoding (examples: utf-8, gb18030, big5, utf-16)")


@pytest.mark.parametrize("name", ["utf-9", "hex", "rot13"])
def test_unknown_encoding_name(name: str) -> None:
    with pytest.raises(FormatError) as info:
        import_text([SEED], encoding=name)
    assert str(info.value) == f"unknown encoding {name!r} (examples: utf-8, gb18030, big5, utf-16)"


def test_broken_utf16_after_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "half.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Title".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(FormatError) as info:
        import_text(path)
    assert str(info.value) == (
        f"{path}: cannot detect the text encoding (the bytes look like utf-16 but are not "
        "valid); pass --encoding (examples: utf-8, gb18030, big5, utf-16)")


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", codecs.BOM_UTF8])
def test_empty_file_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(FormatError) as info:
        import_text([path])
    assert str(info.value) == f"{path}: the file has no text (it is empty or only whitespace)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        import_text([tmp_path / "nope.txt"])
    assert str(info.value) == (f"{tmp_path / 'nope.txt'}: no such file (expected a plain-text "
                               "article)")


def test_only_newlines_change(tmp_path: Path) -> None:
    text = "Ｔｉｔｌｅ　全角\r\n\r\n  indented  \u00a0\rcafe\u0301 ，！\r\n"
    path = tmp_path / "raw.txt"
    path.write_bytes(text.encode("utf-8"))
    [doc] = import_text([path])
    assert doc.text == "Ｔｉｔｌｅ　全角\n\n  indented  \u00a0\ncafe\u0301 ，！\n"


def test_photo_credit_late_in_the_body_does_not_cut(tmp_path: Path) -> None:
    text = ("Headline\n\n" + "A sentence of the body.\n\n" * 8
            + "© Reuters Protesters outside the court on Monday\n\n"
            + "A later paragraph.\n\n" * 3 + "© 2021 Example News. All rights reserved.\n")
    path = tmp_path / "credit.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = import_text([path])
    assert doc.text.endswith("A later paragraph.")
    assert doc.meta["furniture"] == "© 2021 Example News. All rights reserved."


def test_bare_url_line_cuts_only_before_furniture(tmp_path: Path) -> None:
    body = "Headline\n\n" + "A sentence of the body.\n\n" * 8
    cited = body + "See the report:\nhttps://example.org/report\nIt says prices fell.\n"
    trailing = body + "The end.\n\nhttps://example.org/story\n1024\n"
    (tmp_path / "cited.txt").write_text(cited, encoding="utf-8")
    (tmp_path / "trailing.txt").write_text(trailing, encoding="utf-8")
    first, second = import_text([tmp_path / "cited.txt", tmp_path / "trailing.txt"])
    assert first.text == cited and "url" not in first.meta
    assert second.text.endswith("The end.")
    assert second.meta["url"] == "https://example.org/story"
    assert second.meta["furniture"] == "https://example.org/story\n1024"


def test_ptc_articles_keep_a_body_that_is_a_prefix() -> None:
    """Property over 297 real English articles: the body is a prefix and holds most of the text."""
    folder = CORPUS / "ptc" / "articles"
    paths = sorted(folder.iterdir())
    assert len(paths) == 297
    for path, doc in zip(paths, import_text(paths), strict=True):
        full = _full(path)
        assert full.startswith(doc.text), path
        assert len(doc.text) >= len(full.rstrip()) * 0.6, path
        assert doc.meta["language"] == "en" and doc.meta["section"] == "body"


def test_comments_without_author_lines_become_paragraph_comments(tmp_path: Path) -> None:
    text = ("Headline\n\n" + "A sentence of the body.\n\n" * 8 + "Comments (2)\n\n"
            + "I disagree with every word.\nReply\n\nWell argued,\nthank you.\n")
    path = tmp_path / "plain-comments.txt"
    path.write_text(text, encoding="utf-8")
    body, comments = import_text(path)
    assert body.text == ("Headline\n\n" + "A sentence of the body.\n\n" * 8).rstrip()
    assert "furniture" not in body.meta and comments.meta["comments_header"] == "Comments (2)"
    _check_comments(comments, [("", "", "I disagree with every word."),
                               ("", "", "Well argued,\nthank you.")])


# --- bylines: page data goes to meta, and no offset moves ---------------------------------

SEED_GOLD = Path(__file__).resolve().parent / "data" / "seed-gold.json"


def test_seed_byline_goes_to_meta_and_every_gold_span_keeps_its_words(
        seed: list[Document]) -> None:
    import json

    body = seed[0]
    start, end = body.meta["byline"]
    assert body.text[start:end] == "何仪聊巨大的世界2024-10-23 11:23:26\xa0 117"
    assert body.meta["author"] == "何仪聊巨大的世界"
    assert body.meta["published"] == "2024-10-23 11:23:26"
    assert body.meta["views"] == "117" and body.meta["date"] == "2024-10-23"
    # the text is not changed: the teacher's gold spans, made on the raw file, still hold
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    raw = _full(SEED)
    assert body.text == raw[:gold["body_end"]]
    for span_start, span_end, _ in gold["label"]:
        if span_end <= len(body.text):
            assert body.text[span_start:span_end] == raw[span_start:span_end]
            assert span_end <= start or span_start >= end  # no gold span in the byline


@pytest.mark.parametrize("name, line, author, published, views", [
    ("health-tea.zh.txt", "健康观察站 2023年6月1日 19:42 阅读 3521", "健康观察站",
     "2023-06-01 19:42", "3521"),
    ("leaf-blower.en.txt", "By Dana Whitfield | 2023-09-14", "Dana Whitfield", "2023-09-14",
     None),
])
def test_own_articles_bylines(name: str, line: str, author: str, published: str,
                              views: str | None) -> None:
    body = import_text([DATA / name])[0]
    start, end = body.meta["byline"]
    assert body.text[start:end] == line
    assert body.meta["author"] == author and body.meta["published"] == published
    assert body.meta.get("views") == views


@pytest.mark.parametrize("text, expected", [
    ("T\n\nBy Jane Doe, Staff Writer\n\nBody.", ("Jane Doe", None, None)),
    ("T\n\nBy Staff Reporter | The Patriot Circuit | June 2, 2025\n\nBody.",
     ("Staff Reporter", "2025-06-02", None)),
    ("T\n\nPosted by admin 2024-01-02 | 1,204 views\n\nBody.", ("admin", "2024-01-02", "1,204")),
    ("T\n\n鲸眼科技说 2025-03-14 09:41 阅读 2.3万\n\n正文。", ("鲸眼科技说", "2025-03-14", "2.3万")),
    ("T\n\nMarch 3, 2024 at 5:02 pm\n\nBody.", (None, "2024-03-03", None)),
    ("T\n\nBy the end of 2023 prices rose.\n\nBody.", None),
    ("T\n\n2024年，全球科技圈发生了一次大震动。\n\nBody.", None),
    ("T\n\n中国的AI遇到了最艰难的时刻?\n\n正文。", None),
    ("2024-01-02 is the title line\n\nBody.", None),
])
def test_byline_lines_and_sentences_that_are_not(text: str, expected: tuple | None) -> None:
    from toolkit.formats.text import find_byline

    found = find_byline(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and (found.author, found.date, found.views) == expected
        assert text[found.start:found.end] == text.split("\n")[2]
