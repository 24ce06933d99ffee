"""Plain-text article import: decode, normalise newlines, split body / page furniture / comments.

Only newlines change (`\\r\\n` and lone `\\r` become `\\n`), so offsets into the normalised file
text stay valid for the body, which is always a prefix of it. Page furniture (reposting notices,
source URLs, "related" lists, reader comments) is recognised by generic zh/en markers, and only
where it can follow a body: comment headers after the first third of the text, other furniture in
the last third of what precedes the comments.

The page's address goes into meta `url`; a byline line near the top (author, date and time, view
count) is read into meta `author`, `date`, `published`, `views`, and its range into `byline`
([start, end)). The byline stays in the text, so no offset moves; handouts leave that range out
of the printed article and show it in the source panel.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from ..corpus import Document
from ..errors import FormatError, UnreadableFileError
from ..files import read_bytes
from ..files import readable as readable_name
from ..language import guess as guess_language
from .encoding import check_encoding, decode_bytes

BYLINE_LINES = 5
COMMENTS_AFTER = 1 / 3    # a comments header counts after this share of the text
FURNITURE_AFTER = 2 / 3   # other furniture counts after this share of the text before comments
MAX_AUTHOR = 40
_X = re.IGNORECASE

DATE = re.compile(r"(?<!\d)(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?!\d)")
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
# Linear in the line's length: the author is bounded and the runs of spaces and separators are
# possessive (a time never starts with one, so giving characters back could not help).
COMMENT_HEAD = re.compile(
    rf"^(?P<bullet>[•·●▪◦*\-–]\s*+)?(?P<author>.{{0,{MAX_AUTHOR}}}?)[\s·•|,@—–-]*+[(（\[]?"
    rf"(?P<time>{TIME})[)）\]]?"
    r"\s*(?:[:：]\s*(?P<rest>.*))?$", _X)
# A row of buttons and counts ("回复 赞 12 举报"): items `WORD [count]` or `count UNIT`, spaces
# between anything. `_is_noise` walks the reachable positions (linear) instead of matching the one
# regex `^(?:(?:WORD\s*\d*|\d+\s*UNIT)\s*)+$`, whose backtracking explodes on "赞 1 赞 1 ...".
NOISE_WORD = re.compile(r"引用|回复|举报|点赞|赞|顶|踩|quote|reply|report|like|share|flag", _X)
NOISE_UNITS = tuple(re.compile(unit, _X) for unit in ("likes", "like", "赞", "replies", "回复"))
MAX_NOISE = 200  # a longer row is never button noise: it is kept as comment text


# A byline line: an optional author (or "By NAME"), a date with an optional time, an optional view
# count ("117", "阅读 3521", "1,204 views"). Only whole lines near the top match, so no sentence
# of the article is ever taken for one.
BYLINE_DATE = (r"(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日"
               r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})"
               r"(?:\s*(?:at\s*)?(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?))?")
BYLINE = re.compile(
    rf"^(?:(?:posted\s+by|written\s+by|by|作者|文|发布者)\s*[:：/｜|]?\s*)?(?P<author>[^\d|｜·•]{{0,{MAX_AUTHOR}}}?)"
    r"[\s|｜·•,，/—–-]*+" + BYLINE_DATE +
    r"(?:[\s|｜·•,，]*+(?:(?:阅读|浏览|阅读量|views?|reads?)\s*[:：]?\s*)?(?P<views>\d[\d,]*(?:\.\d+)?[万千kKmM]?)"
    r"(?:\s*(?:次阅读|次浏览|阅读|浏览|views?|reads?))?)?\s*$", _X)
BY_NAME = re.compile(r"^[Bb]y\s+(?P<author>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))"
                     r"{0,5})\s*(?:[|｜,，]\s*(?P<rest>.{0,60}))?$")
BYLINE_MAX = 120


@dataclass(frozen=True)
class Byline:
    """Page data found on one line near the top: where it is and what it says."""

    start: int
    end: int
    author: str | None
    date: str | None
    time: str | None
    views: str | None  # as printed: "117", "1,204", "2.3万"


def find_byline(text: str, skip_first: bool = True) -> Byline | None:
    """The byline line among the first lines of a body (after the headline), or None. The line
    stays in the text (offsets of every span stay valid); its range goes into meta `byline`."""
    seen = 0
    for offset, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen == 1 and skip_first:
            continue
        if seen > BYLINE_LINES:
            break
        if len(stripped) > BYLINE_MAX:
            continue
        found = _byline_fields(stripped)
        if found is not None:
            start = offset + line.index(stripped)
            return Byline(start, start + len(stripped), *found)
    return None


def _byline_fields(line: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    match = BYLINE.match(line)
    if match:
        day = find_date(match["date"])
        if day is None and not re.search(r"[a-z]", match["date"], _X):
            return None
        views = match["views"] or None
        author = match["author"].strip(" \t|｜·•,，/—–-:：") or None
        return author, day or _english_date(match["date"]), match["time"], views
    match = BY_NAME.match(line)
    if match:
        rest = match["rest"] or ""
        dated = BYLINE.match(rest) if rest else None
        day = (find_date(rest) or _english_date(rest)) if rest else None
        return (match["author"].strip(), day, dated["time"] if dated else None,
                dated["views"] if dated and dated["views"] else None)
    return None


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _english_date(text: str) -> str | None:
    match = re.search(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", text, _X)
    if not match or match[1].lower() not in MONTHS:
        return None
    try:
        return date(int(match[3]), MONTHS.index(match[1].lower()) + 1, int(match[2])).isoformat()
    except ValueError:
        return None


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
        check_encoding(encoding)
    used: set[str] = set()
    documents: list[Document] = []
    for given in paths:
        documents.extend(_import_file(Path(given), encoding, split_sections, used))
    return documents


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slugify(stem: str) -> str:
    """An ASCII-safe id from a file stem (`chip-ban-article.zh` becomes `chip-ban-article-zh`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "text-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]


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
    following = (lines[i][1].strip() for i in range(index + 1, len(lines)))  # no list copies
    after = next((line for line in following if line), None)
    return after is None or bool(DISCLAIMER.search(after)) or any(
        pattern.match(after) for pattern in (COUNT_LINE, URL_LINE, RELATED, COMMENTS_HEADER))


def _parse_comments(lines: list[tuple[int, str]]) -> tuple[Comment, ...]:
    rows = [line.strip() for _, line in lines]
    if not any(_comment_head(row) for row in rows):
        blocks = "\n".join(row for row in rows if not _is_noise(row)).split("\n\n")
        return tuple(Comment("", "", block.strip()) for block in blocks if block.strip())
    comments: list[tuple[str, str, list[str]]] = []
    for row in rows:
        head = _comment_head(row)
        if head:
            comments.append((head[0], head[1], [head[2]] if head[2] else []))
        elif row and not _is_noise(row):
            if not comments:
                comments.append(("", "", []))
            comments[-1][2].append(row)
    return tuple(Comment(a, t, "\n".join(words)) for a, t, words in comments if words)


def _is_noise(row: str) -> bool:
    """True when `row` is a sequence of noise items (see NOISE_WORD), nothing else."""
    if not row or len(row) > MAX_NOISE:
        return False
    reached = [True] + [False] * len(row)
    for start in range(len(row)):
        if reached[start]:
            for end in _noise_items(row, start):
                reached[end] = True
    return reached[-1]


def _noise_items(row: str, start: int) -> list[int]:
    """Where a noise item starting at `start`, and the spaces after it, can end."""
    def skip(i: int, test: Callable[[str], bool]) -> int:
        while i < len(row) and test(row[i]):
            i += 1
        return i

    ends = []
    word = NOISE_WORD.match(row, start)
    if word:  # WORD, then maybe a count (cut anywhere: the rest can be a unit's count)
        count = skip(word.end(), str.isspace)
        after = skip(count, str.isdecimal)
        ends += [count, *range(count + 1, after)] + ([skip(after, str.isspace)] if after > count
                                                     else [])
    if row[start].isdecimal():  # count UNIT: the count runs to the end of the digits
        unit = skip(skip(start, str.isdecimal), str.isspace)
        ends += [skip(found.end(), str.isspace) for pattern in NOISE_UNITS
                 if (found := pattern.match(row, unit))]
    return ends


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
    shown, name = readable_name(str(path)), readable_name(path.name)  # names may not be UTF-8
    try:
        data = read_bytes(path, "a plain-text article")
    except UnreadableFileError as exc:
        raise UnreadableFileError(replace(exc.problem, path=shown)) from None
    raw, used_encoding = decode_bytes(data, shown, encoding)
    full = normalise_newlines(raw)
    if "\x00" in full:
        line = full.count("\n", 0, full.index("\x00")) + 1
        raise FormatError(f"{shown}:{line}: NUL character (doccano cannot store it; a binary "
                          "file, or the wrong --encoding?)")
    if not full.strip():
        raise FormatError(f"{shown}: the file has no text (it is empty or only whitespace)")
    doc_id = _unique(slugify(PurePath(name).stem), used)
    title = next(line for line in full.split("\n") if line.strip()).strip().lstrip("\ufeff")
    meta: dict[str, Any] = {"title": title, "source_file": name, "encoding": used_encoding}
    if not split:
        return [Document.create(full, doc_id=doc_id, section="full",
                                language=guess_language(full), **meta)]
    layout = find_sections(full)
    body = full[:layout.body_end]
    meta.update(section="body", language=guess_language(body))
    byline = find_byline(body)
    optional: dict[str, Any] = {"url": _first_url(layout.furniture), "date": find_date(body),
                                "furniture": layout.furniture}
    if byline is not None:
        optional.update(byline=[byline.start, byline.end], author=byline.author,
                        date=byline.date or optional["date"],
                        published=" ".join(p for p in (byline.date, byline.time) if p),
                        views=byline.views)
    meta.update({key: value for key, value in optional.items() if value not in (None, "")})
    documents = [Document.create(body, doc_id=doc_id, **meta)]
    if layout.comments:
        text, records = layout_comments(layout.comments)
        documents.append(Document.create(
            text, doc_id=_unique(f"{doc_id}-comments", used), section="comments",
            parent=doc_id, title=title, source_file=name, encoding=used_encoding,
            language=guess_language(text), comments_header=layout.comments_header,
            comments=records))
    return documents


def _first_url(text: str) -> str | None:
    match = URL.search(text)
    return match.group(0).rstrip(".,;:!?)]）】") if match else None
