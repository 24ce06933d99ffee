"""`mlt import text` on hostile input: Big5 and UTF-16 named right, non-UTF-8 file names, long
lines in linear time, and an `-o` that must not be overwritten."""

from __future__ import annotations

import codecs
import itertools
import os
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.errors import FormatError
from toolkit.formats import text as text_format
from toolkit.formats.text import import_text

runner = CliRunner()
EXAMPLES = "(examples: utf-8, gb18030, big5, utf-16)"
TRADITIONAL = "標題：新規定下月實施\n\n政府表示，這是為了保護消費者。記者報導，價格將上漲。\n"
SIMPLIFIED = "标题：新规出台\n\n记者报道，新规将于下月实施。\nPrices rise 5%.\n"


def mlt(*args: str | Path):
    from toolkit.cli import app

    return runner.invoke(app, [str(a) for a in args])


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["big5", "cp950"])
def test_big5_is_detected_not_read_as_gb18030(tmp_path: Path, codec: str) -> None:
    [doc] = import_text(write(tmp_path, "tw.txt", TRADITIONAL.encode(codec)))
    assert doc.text == TRADITIONAL and doc.meta["encoding"] == "big5"


def test_gb18030_stays_gb18030(tmp_path: Path) -> None:
    [doc] = import_text(write(tmp_path, "cn.txt", SIMPLIFIED.encode("gb18030")))
    assert doc.text == SIMPLIFIED and doc.meta["encoding"] == "gb18030"


def test_traditional_text_in_gbk_stays_gb18030(tmp_path: Path) -> None:
    [doc] = import_text(write(tmp_path, "gbk.txt", TRADITIONAL.encode("gbk")))
    assert doc.text == TRADITIONAL and doc.meta["encoding"] == "gb18030"


def test_gb_or_big5_undecidable_asks_for_the_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.txt", "新聞報導".encode("big5") + "我们".encode("gb18030"))
    with pytest.raises(FormatError) as info:
        import_text(path)
    assert str(info.value) == (
        f"{path}: cannot tell the text encoding: the bytes decode as gb18030 (33% of the "
        "characters uncommon) and as big5 (17% uncommon); pass --encoding gb18030 or "
        "--encoding big5")
    [doc] = import_text(path, encoding="big5")
    assert doc.meta["encoding"] == "big5"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_bom_is_named_utf16(tmp_path: Path, codec: str) -> None:
    for name, text in (("lines.txt", SIMPLIFIED), ("one-line.txt", "中文测试，这是一段新闻。")):
        [doc] = import_text(write(tmp_path, name, text.encode(codec)))
        assert doc.text == text and doc.meta["encoding"] == codec


@pytest.mark.parametrize("data", [
    "Title\n\nSome text here.\n".encode("utf-16-le")[:-1],
    SIMPLIFIED.encode("utf-16-le")[:-1],
], ids=["ascii", "chinese"])
def test_utf16_cut_short_is_named_utf16(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "cut.txt", data)
    with pytest.raises(FormatError) as info:
        import_text(path)
    assert str(info.value) == (
        f"{path}: cannot detect the text encoding (the bytes look like utf-16-le but are not "
        f"valid: an odd number of bytes, cut short?); pass --encoding {EXAMPLES}")


def test_wrong_encoding_given_names_what_the_bytes_look_like(tmp_path: Path) -> None:
    path = write(tmp_path, "u16.txt", codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"))
    result = mlt("import", "text", path, "--encoding", "utf-8", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: cannot decode as utf-8: byte 0xff at offset 0 is invalid; pass the "
        "file's real encoding (the bytes look like utf-16; examples: utf-8, gb18030, big5, "
        "utf-16)\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_gbk_file_name_is_imported_and_named_readably(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = "新闻".encode("gbk")
    with open(folder + b"/" + name + b".txt", "wb") as handle:
        handle.write("标题\n\n正文。\n".encode("utf-8"))
    out = os.fsdecode(folder + b"/" + name + b".jsonl")
    result = mlt("import", "text", os.fsdecode(folder + b"/" + name + b".txt"), "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 1 document(s) to {tmp_path}/新闻.jsonl\n"
    [doc] = text_format.import_text(os.fsdecode(folder + b"/" + name + b".txt"))
    assert doc.meta["source_file"] == "新闻.txt"
    assert doc.doc_id == import_text(write(tmp_path, "新闻.txt", b"x"))[0].doc_id  # same id
    missing = os.fsdecode(folder + b"/" + name + b"x.txt")
    result = mlt("import", "text", missing, "-o", tmp_path / "x.jsonl")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f"Error: {tmp_path}/新闻x.txt: no such file (expected a plain-text "
                             "article)\n")


# --- page furniture and comments in linear time -------------------------------------------

BODY = "这是正文。\n" * 2000


@pytest.mark.parametrize("line", [
    " -" * 6000,                      # was 64 s: the comment-head regex backtracked
    "-" + " " * 12000 + "x",          # was cubic
    "赞 1 " * 3000 + "x",             # the button-row regex was exponential
    "张三 " + "1" * 12000 + "x",
], ids=["dashes", "bullet-spaces", "buttons", "digits"])
def test_a_12k_line_of_comments_is_fast(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, "long.txt", (BODY + "\n评论\n" + line + "\n").encode("utf-8"))
    started = time.perf_counter()
    body, comments = import_text(path)
    assert time.perf_counter() - started < 2.0
    assert comments.meta["comments"][0]["text"].endswith(line.strip()[-20:])
    assert body.text == BODY.rstrip()


OLD_NOISE = re.compile(r"^(?:(?:(?:引用|回复|举报|点赞|赞|顶|踩|quote|reply|report|like|share|flag)"
                       r"\s*\d*|\d+\s*(?:likes?|赞|replies|回复))\s*)+$", re.IGNORECASE)


def test_button_rows_are_the_rows_the_old_pattern_matched() -> None:
    """The linear recogniser accepts exactly what the old regex did (checked here on every
    string of up to four pieces; 17.9 million strings of up to six when it was written)."""
    pieces = ["赞", "回复", "1", "2", " ", "like", "s", "x", "replies", "LIKE", "\u3000", "顶"]
    for count in range(1, 5):
        for combo in itertools.product(pieces, repeat=count):
            row = "".join(combo)
            assert text_format._is_noise(row) == bool(OLD_NOISE.match(row)), row


# --- -o must not destroy annotations ------------------------------------------------------

def test_import_text_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    article = write(tmp_path, "a.txt", "Title\n\nBody.\n".encode("utf-8"))
    gold = write(tmp_path, "gold.jsonl", b'{"text": "teacher", "label": [[0, 3, "SLOGAN"]]}\n')
    before = gold.read_bytes()
    result = mlt("import", "text", article, "-o", gold)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {gold} exists; it may hold annotations. Use --force to "
                             "overwrite it, or -o another file\n")
    assert gold.read_bytes() == before
    result = mlt("import", "text", article, "-o", gold, "--force")
    assert result.exit_code == 0 and result.stdout == f"wrote 1 document(s) to {gold}\n"


def test_a_device_is_refused_not_read_forever(tmp_path: Path) -> None:
    result = mlt("import", "text", "/dev/zero", "-o", tmp_path / "x.jsonl")
    assert result.exit_code == 1
    assert result.stderr == ("Error: /dev/zero: is a device, not a file (expected a plain-text "
                             "article)\n")


def test_import_text_output_folder_or_under_a_file(tmp_path: Path) -> None:
    article = write(tmp_path, "a.txt", "Title\n\nBody.\n".encode("utf-8"))
    result = mlt("import", "text", article, "-o", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: -o {tmp_path} is a folder; give the file to write, e.g. "
                             f"-o {tmp_path / 'articles.jsonl'}\n")
    result = mlt("import", "text", article, "-o", article / "x.jsonl")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {article / 'x.jsonl'}: {article} is a file, "
                             "not a folder\n")
    assert article.read_bytes() == b"Title\n\nBody.\n"
