"""Plain-text article import: decode, normalise newlines, split body / page furniture / comments.

Only newlines change (`\\r\\n` and lone `\\r` become `\\n`), so offsets into the normalised file
text stay valid for the body, which is always a prefix of it. Page furniture (reposting notices,
source URLs, "related" lists, reader comments) is recognised by generic zh/en markers, and only
where it can follow a body: comment headers after the first third of the text, other furniture in
the last third of what precedes the comments.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..corpus import Document
from ..errors import FormatError

ENCODING_EXAMPLES = "utf-8, gb18030, utf-16"
BYLINE_LINES = 5
COMMENTS_AFTER = 1 / 3    # a comments header counts after this share of the text
FURNITURE_AFTER = 2 / 3   # other furniture counts after this share of the text before comments
MAX_AUTHOR = 40
_X = re.IGNORECASE

DATE = re.compile(r"(?<!\d)(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?!\d)")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”，。、]+")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
COUNT_LINE = re.compile(r"^\d[\d,.]*\s*(?:次?阅读|浏览|赞|views?|likes?|reads?)?$", _X)
DISCLAIMER = re.compile(
    r"^(?:本文|此文|文章)?(?:系|为)?转载|转载.{0,30}(?:注明|联系|出处|目的|授权)|^版权(?:所有|声明|归)"
    r"|^免责声明|侵权.{0,30}(?:删除|联系)|all rights reserved"
    r"|^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*\d{4}|^copyright\s*(?:©|\(c\))"
    r"|^originally (?:published|appeared)|^this (?:article|story) (?:was|is|first) "
    r"(?:originally |first )?(?:published|appeared)", _X)
RELATED = re.compile(
    r"^(?:相关阅读|相关推荐|相关文章|相关新闻|延伸阅读|推荐阅读|随机主题|热门推荐|热门文章|猜你喜欢"
    r"|related (?:articles|stories|posts|coverage|reading)|read more|more stories"
    r"|you may also like|recommended(?: for you)?|trending now)\s*[:：]?$", _X)
COMMENTS_HEADER = re.compile(
    r"^(?:(?:最新回复|网友评论|全部评论|热门评论|最新评论|读者评论|评论|comments?|reader comments)"
    r"\s*(?:[(（]\s*\d+\s*[)）])?|(?:回复|留言|responses?|replies)\s*[(（]\s*\d+\s*[)）]"
    r"|\d[\d,]*\s*(?:comments?|responses?|replies|条评论|条回复|条留言))\s*[:：]?$", _X)
TIME = (r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
        r"|\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
        r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前"
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
        r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?")
COMMENT_HEAD = re.compile(
    rf"^(?P<bullet>[•·●▪◦*\-–]\s*)?(?P<author>.*?)[\s·•|,@—–-]*[(（\[]?(?P<time>{TIME})[)）\]]?"
    r"\s*(?:[:：]\s*(?P<rest>.*))?$", _X)
NOISE = re.compile(r"^(?:(?:(?:引用|回复|举报|点赞|赞|顶|踩|quote|reply|report|like|share|flag)"
                   r"\s*\d*|\d+\s*(?:likes?|赞|replies|回复))\s*)+$", _X)


@dataclass(frozen=True)
class Comment:
    """One reader comment: who, when (as printed) and the words, verbatim."""

    author: str
    time: str
    text: str


@dataclass(frozen=True)
class Layout:
    """Where a page copy's body ends, its furniture text, and its reader comments."""

    body_end: int
    furniture: str = ""
    comments_header: str = ""
    comments: tuple[Comment, ...] = ()


def import_text(paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
                encoding: str | None = None, split_sections: bool = True) -> list[Document]:
    """Import plain-text articles in the order given: a body document per file, plus a
    `<id>-comments` document when the page copy has reader comments."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if encoding is not None:
        _check_encoding(encoding)
    used: set[str] = set()
    documents: list[Document] = []
    for given in paths:
        documents.extend(_import_file(Path(given), encoding, split_sections, used))
    return documents


def _check_encoding(encoding: str) -> None:
    try:  # decoding a sample also rejects codecs that are not text encodings (hex, rot13)
        b"\x00\x00".decode(encoding)
    except LookupError:
        raise FormatError(f"unknown encoding {encoding!r} "
                          f"(examples: {ENCODING_EXAMPLES})") from None
    except UnicodeError:
        pass


def decode_bytes(data: bytes, path: str | os.PathLike[str],
                 encoding: str | None = None) -> tuple[str, str]:
    """The text of a file's bytes and the encoding used (given, or detected from BOM/content)."""
    if encoding is not None:
        _check_encoding(encoding)
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise FormatError(f"{path}: cannot decode as {encoding}: byte 0x{data[exc.start]:02x} "
                              f"at offset {exc.start} is invalid; pass the file's real encoding "
                              f"(examples: {ENCODING_EXAMPLES})") from None
    detected = _detect_bom(data) or _detect_utf16(data)
    for candidate in [detected] if detected else ["utf-8", "gb18030"]:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    what = (f"look like {detected} but are not valid" if detected
            else "are neither UTF-8 nor GB18030")
    raise FormatError(f"{path}: cannot detect the text encoding (the bytes {what}); "
                      f"pass --encoding (examples: {ENCODING_EXAMPLES})")


def _detect_bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _detect_utf16(data: bytes) -> str | None:
    """utf-16-le/-be when NUL bytes crowd the odd/even positions (UTF-16 with much ASCII)."""
    pairs = len(data) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slugify(stem: str) -> str:
    """An ASCII-safe id from a file stem (`chip-ban-article.zh` becomes `chip-ban-article-zh`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "text-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]


def detect_language(text: str) -> str:
    """"zh" when CJK characters dominate the letters of `text`, else "en"."""
    cjk = len(CJK.findall(text))
    return "zh" if cjk and cjk * 2 >= len(LATIN.findall(text)) else "en"


def find_date(text: str) -> str | None:
    """The first valid date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日) in the first lines."""
    head = [line for line in text.split("\n") if line.strip()][:BYLINE_LINES]
    for match in DATE.finditer("\n".join(head)):
        year, month, day = (int(g) for g in match.groups() if g is not None)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def find_sections(text: str) -> Layout:
    """Find where the body of a normalised page copy ends, its furniture and its comments."""
    lines = _lines(text)
    header = _first(lines, lambda i, s: lines[i][0] >= len(text) * COMMENTS_AFTER
                    and bool(COMMENTS_HEADER.match(s)))
    region_end = lines[header][0] if header is not None else len(text)
    stop = header if header is not None else len(lines)
    marker = _first(lines[:stop], lambda i, s: lines[i][0] >= region_end * FURNITURE_AFTER
                    and _is_furniture(lines, i, s))
    cut = lines[marker][0] if marker is not None else region_end
    if cut == len(text) or not text[:cut].strip():
        return Layout(len(text))
    comments = _parse_comments(lines[header + 1:]) if header is not None else ()
    furniture_end = region_end if comments else len(text)
    return Layout(len(text[:cut].rstrip()), text[cut:furniture_end].strip(),
                  lines[header][1].strip() if comments else "", comments)


def _lines(text: str) -> list[tuple[int, str]]:
    result, offset = [], 0
    for line in text.split("\n"):
        result.append((offset, line))
        offset += len(line) + 1
    return result


def _first(lines: list[tuple[int, str]], test: Callable[[int, str], bool]) -> int | None:
    return next((i for i, (_, line) in enumerate(lines) if test(i, line.strip())), None)


def _is_furniture(lines: list[tuple[int, str]], index: int, stripped: str) -> bool:
    if DISCLAIMER.search(stripped) or RELATED.match(stripped):
        return True
    if not URL_LINE.match(stripped):
        return False
    # A bare URL line is furniture when only furniture (or nothing) follows it.
    after = next((line.strip() for _, line in lines[index + 1:] if line.strip()), None)
    return after is None or bool(DISCLAIMER.search(after)) or any(
        pattern.match(after) for pattern in (COUNT_LINE, URL_LINE, RELATED, COMMENTS_HEADER))


def _parse_comments(lines: list[tuple[int, str]]) -> tuple[Comment, ...]:
    rows = [line.strip() for _, line in lines]
    if not any(_comment_head(row) for row in rows):
        blocks = "\n".join(row for row in rows if not NOISE.match(row)).split("\n\n")
        return tuple(Comment("", "", block.strip()) for block in blocks if block.strip())
    comments: list[tuple[str, str, list[str]]] = []
    for row in rows:
        head = _comment_head(row)
        if head:
            comments.append((head[0], head[1], [head[2]] if head[2] else []))
        elif row and not NOISE.match(row):
            if not comments:
                comments.append(("", "", []))
            comments[-1][2].append(row)
    return tuple(Comment(a, t, "\n".join(words)) for a, t, words in comments if words)


def _comment_head(row: str) -> tuple[str, str, str] | None:
    match = COMMENT_HEAD.match(row)
    if not match:
        return None
    author = match["author"].strip()
    if len(author) > MAX_AUTHOR or not (author or match["bullet"]):
        return None
    return author, match["time"].strip(), (match["rest"] or "").strip()


def layout_comments(comments: tuple[Comment, ...]) -> tuple[str, list[dict[str, Any]]]:
    """Comments laid out one per line as `author (time): text`; returns the text and, per comment,
    author, time, text and the code-point range [start, end) of its text."""
    parts: list[str] = []
    records: list[dict[str, Any]] = []
    offset = 0
    for comment in comments:
        head = ("\n" if parts else "") + _head_text(comment)
        start = offset + len(head)
        parts.extend((head, comment.text))
        offset = start + len(comment.text)
        records.append({"author": comment.author, "time": comment.time, "text": comment.text,
                        "start": start, "end": offset})
    return "".join(parts), records


def _head_text(comment: Comment) -> str:
    if comment.author and comment.time:
        return f"{comment.author} ({comment.time}): "
    return f"{comment.author or comment.time}: " if comment.author or comment.time else ""


def _unique(candidate: str, used: set[str]) -> str:
    doc_id, number = candidate, 1
    while doc_id in used:
        number += 1
        doc_id = f"{candidate}-{number}"
    used.add(doc_id)
    return doc_id


def _import_file(path: Path, encoding: str | None, split: bool, used: set[str]) -> list[Document]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"{path}: cannot read the file: {exc.strerror}") from None
    raw, used_encoding = decode_bytes(data, path, encoding)
    full = normalise_newlines(raw)
    if not full.strip():
        raise FormatError(f"{path}: the file has no text (it is empty or only whitespace)")
    doc_id = _unique(slugify(path.stem), used)
    title = next(line for line in full.split("\n") if line.strip()).strip().lstrip("\ufeff")
    meta: dict[str, Any] = {"title": title, "source_file": path.name, "encoding": used_encoding}
    if not split:
        return [Document.create(full, doc_id=doc_id, section="full",
                                language=detect_language(full), **meta)]
    layout = find_sections(full)
    body = full[:layout.body_end]
    meta.update(section="body", language=detect_language(body))
    optional = {"source_url": _first_url(layout.furniture), "date": find_date(body),
                "furniture": layout.furniture}
    meta.update({key: value for key, value in optional.items() if value})
    documents = [Document.create(body, doc_id=doc_id, **meta)]
    if layout.comments:
        text, records = layout_comments(layout.comments)
        documents.append(Document.create(
            text, doc_id=_unique(f"{doc_id}-comments", used), section="comments",
            parent=doc_id, title=title, source_file=path.name, encoding=used_encoding,
            language=detect_language(text), comments_header=layout.comments_header,
            comments=records))
    return documents


def _first_url(text: str) -> str | None:
    match = URL.search(text)
    return match.group(0).rstrip(".,;:!?)]）】") if match else None
