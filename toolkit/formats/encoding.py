"""The text encoding of an article file: given, read from a byte-order mark, or detected.

UTF-8 is tried first. GB18030 decodes almost any bytes, so it is never trusted blindly: Big5 text
decoded as GB18030 is mojibake made of uncommon characters, so both decodings are compared by the
share of their Chinese characters that are outside the encoding's common rows (GB2312's level-1
hanzi, Big5's frequent characters). UTF-16 without a byte-order mark is recognised by the NUL bytes
of its ASCII characters, or, for nearly all-Chinese text, by decoding to common characters.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import unicodedata

from ..errors import FormatError

ENCODING_EXAMPLES = "utf-8, gb18030, big5, utf-16"
#: Big5 and its two common supersets, tried in this order; the first that decodes names the file.
BIG5_CODECS = ("big5", "cp950", "big5hkscs")
#: Big5 wins only when its share of uncommon characters is this much below GB18030's.
CLEAR_MARGIN = 0.2
#: A UTF-16 decoding without a byte-order mark counts when at most this share is uncommon.
PLAUSIBLE_UTF16 = 0.1
#: Characters compared per decoding (enough for a clear verdict; keeps big files fast).
SAMPLE = 20_000
_TRAILS = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
def check_encoding(encoding: str) -> None:
    """Raise FormatError unless `encoding` names a text codec Python knows."""
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
        check_encoding(encoding)
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            looks = _detect_bom(data) or _detect_utf16(data)
            hint = f"the bytes look like {looks}; " if looks and looks != encoding else ""
            raise FormatError(f"{path}: cannot decode as {encoding}: byte 0x{data[exc.start]:02x} "
                              f"at offset {exc.start} is invalid; pass the file's real encoding "
                              f"({hint}examples: {ENCODING_EXAMPLES})") from None
        except UnicodeError as exc:  # a codec that fails without a position (punycode, ...)
            why = re.sub(r"[\x00-\x1f]", lambda c: repr(c.group())[1:-1], str(exc))
            raise FormatError(f"{path}: cannot decode as {encoding}: {why}; pass the file's "
                              f"real encoding (examples: {ENCODING_EXAMPLES})") from None
    detected = _detect_bom(data) or _detect_utf16(data)
    if detected:
        try:
            return data.decode(detected), detected
        except UnicodeDecodeError:
            raise _not_valid(path, detected, data) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_chinese(data, path)


def _detect_bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _detect_utf16(data: bytes) -> str | None:
    """utf-16-le/-be when NUL bytes crowd the odd/even positions (UTF-16 with much ASCII); a
    last odd byte (a file cut short) is left out of the count."""
    pairs = len(data) // 2
    if pairs < 2:
        return None
    even, odd = data[0:2 * pairs:2].count(0), data[1:2 * pairs:2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


def _not_valid(path: str | os.PathLike[str], looks: str, data: bytes) -> FormatError:
    odd = looks.startswith("utf-16") and len(data) % 2
    return FormatError(f"{path}: cannot detect the text encoding (the bytes look like {looks} "
                       f"but are not valid{': an odd number of bytes, cut short?' if odd else ''}"
                       f"); pass --encoding (examples: {ENCODING_EXAMPLES})")


def _decode_chinese(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    """Bytes that are not UTF-8: GB18030, Big5, or all-Chinese UTF-16 without a BOM."""
    gb = _decoded(data, "gb18030")
    if gb is None or "\x00" in gb:  # NULs: GB18030 took UTF-16 code units for ASCII
        utf16 = _plausible_utf16(data[:len(data) - len(data) % 2])
        if utf16 is not None:
            if len(data) % 2:
                raise _not_valid(path, utf16[1], data)
            return utf16
    if gb is None:
        raise FormatError(f"{path}: cannot detect the text encoding (the bytes are not UTF-8, "
                          f"GB18030, Big5 or UTF-16); pass --encoding "
                          f"(examples: {ENCODING_EXAMPLES})")
    big5, big5_codec = next(((text, codec) for codec in BIG5_CODECS
                             if (text := _decoded(data, codec)) is not None), (None, ""))
    if big5 is None:
        return gb, "gb18030"
    gb_uncommon, big5_uncommon = uncommon_share(gb, "gb18030"), uncommon_share(big5, "big5")
    if big5_uncommon + CLEAR_MARGIN <= gb_uncommon:
        return big5, big5_codec
    if gb_uncommon <= big5_uncommon:
        return gb, "gb18030"
    raise FormatError(f"{path}: cannot tell the text encoding: the bytes decode as gb18030 "
                      f"({gb_uncommon:.0%} of the characters uncommon) and as {big5_codec} "
                      f"({big5_uncommon:.0%} uncommon); pass --encoding gb18030 or --encoding "
                      f"{big5_codec}")


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _plausible_utf16(data: bytes) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _decoded(data, codec)
        if text is not None:
            share = uncommon_share(text, "utf-16")
            if share <= PLAUSIBLE_UTF16 and (best is None or share < best[0]):
                best = (share, text, codec)
    return (best[1], best[2]) if best else None


def uncommon_share(text: str, encoding: str) -> float:
    """The share of the (first SAMPLE) characters of `text` outside the common characters of
    `encoding`: "gb18030" or "big5" look at non-ASCII letters and private-use characters only
    (ASCII is the same in both; GB punctuation read as Big5 is Big5 punctuation, no evidence),
    "utf-16" at every character (printable ASCII and whitespace are common)."""
    common = _common(encoding)
    every = encoding == "utf-16"
    seen = uncommon = 0
    for char in text:
        if char >= "\x80":
            if not (every or _is_letter(char)):
                continue
            uncommon += char not in common
        elif every:
            uncommon += not (char.isprintable() or char in "\t\n\r")
        else:
            continue
        seen += 1
        if seen >= SAMPLE:
            break
    return uncommon / seen if seen else 0.0


def _is_letter(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] == "L" or category == "Co"


@functools.cache
def _common(encoding: str) -> frozenset[str]:
    """GB2312's punctuation, pinyin and level-1 hanzi rows; Big5's punctuation and frequent
    characters (A140-A3BF, A440-C67E); for UTF-16 both."""
    if encoding == "utf-16":
        return _common("gb18030") | _common("big5")
    if encoding == "gb18030":
        pairs = [(lead, trail) for lead in (0xA1, 0xA2, 0xA3, 0xA8, *range(0xB0, 0xD8))
                 for trail in range(0xA1, 0xFF)]
    else:
        pairs = [(lead, trail) for lead in range(0xA1, 0xC7) for trail in _TRAILS
                 if (0xA3BF >= lead << 8 | trail) or (0xA440 <= lead << 8 | trail <= 0xC67E)]
    return frozenset(char for pair in pairs if (char := _decoded(bytes(pair), encoding)))
