"""Reading the files a user names: the one way the toolkit opens and decodes an input file.

Every failure is an UnreadableFileError naming the path (and line), what went wrong in plain words
and what kind of file was expected; no OSError or UnicodeDecodeError reaches the caller. Reads are
bounded: a file or a line larger than its limit is a problem, never a memory blow-up (a symlink to
/dev/zero is refused as a device). Also here: the check for text that cannot be stored (a NUL
character or a lone surrogate, which neither UTF-8 files nor doccano's database can hold).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from .errors import Problem, UnreadableFileError

MiB = 2**20
#: The longest line a line-by-line reader accepts (one JSONL document).
MAX_LINE_BYTES = 64 * MiB
#: The largest file read whole (catalogues, lesson specs, pattern files).
MAX_FILE_BYTES = 64 * MiB
_SKIP_CHUNK = MiB
#: The byte-order marks that start a UTF-16 file (little-, big-endian).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def size_text(size: int) -> str:
    """A byte count for a message: `64 MiB`, `3 KiB`, `12 bytes`."""
    for unit, scale in (("MiB", MiB), ("KiB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def unreadable(path: str | os.PathLike[str], exc: OSError, what: str) -> UnreadableFileError:
    """The error for an OSError met while opening or reading `path` (expected: `what`)."""
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        reason = "no such file"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a folder, not a file"
    elif isinstance(exc, PermissionError):
        reason = "permission denied (you may not read it)"
    elif exc.errno == errno.ELOOP:
        reason = "is a symbolic link that leads back to itself"
    else:
        reason = f"cannot read it: {exc.strerror or exc.__class__.__name__}"
    return UnreadableFileError(Problem(str(path), None, f"{reason} (expected {what})"))


def open_input(path: str | os.PathLike[str], what: str) -> BinaryIO:
    """Open a file the user named for reading bytes; refuse folders and devices (/dev/zero)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise unreadable(path, exc, what) from None
    except ValueError:  # a NUL in the name
        raise UnreadableFileError(Problem(repr(str(path)), None, "not a file name (it holds a "
                                          f"NUL character; expected {what})")) from None
    try:
        mode = os.fstat(handle.fileno()).st_mode
    except OSError as exc:
        handle.close()
        raise unreadable(path, exc, what) from None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        handle.close()
        raise UnreadableFileError(Problem(str(path), None,
                                          f"is a device, not a file (expected {what})"))
    return handle


def read_bytes(path: str | os.PathLike[str], what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole content of a file of at most `limit` bytes."""
    with open_input(path, what) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise unreadable(path, exc, what) from None
    if len(data) > limit:
        raise UnreadableFileError(Problem(str(path), None, f"larger than {size_text(limit)} "
                                                           f"(expected {what})"))
    return data


def read_text(path: str | os.PathLike[str], what: str, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file as a string (a UTF-8 byte-order mark is kept, as `read_text` does);
    invalid UTF-8, UTF-16 or a NUL byte is an error naming the line."""
    data = read_bytes(path, what, limit)
    problem = text_problem(data, what)
    if problem is not None:
        line, message = problem
        raise UnreadableFileError(Problem(str(path), line, message))
    return data.decode("utf-8")


def text_problem(data: bytes, what: str = "the file") -> tuple[int, str] | None:
    """None when `data` is UTF-8 text, else (line, message): invalid UTF-8, UTF-16, a NUL byte."""
    if data.startswith(UTF16_BOMS):
        return 1, ("the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                   "save it as UTF-8")
    nul = data.find(b"\x00")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if nul == -1 or exc.start < nul:
            line, column = _position(data, exc.start)
            return line, (f"invalid UTF-8 at byte {column} of the line "
                          f"(0x{data[exc.start]:02x}); {what} must be UTF-8")
    if nul != -1:
        line, column = _position(data, nul)
        return line, (f"NUL byte at byte {column} of the line; {what} is text (a UTF-16 or "
                      "binary file? save it as UTF-8)")
    return None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, byte within the line), both counted from 1, of a byte offset."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def iter_lines(path: str | os.PathLike[str], what: str, limit: int = MAX_LINE_BYTES,
               ) -> Iterator[bytes | None]:
    """The lines of a file, each with its newline, streamed; None stands for a line longer than
    `limit` bytes, which is skipped to its newline without being kept."""
    with open_input(path, what) as handle:
        try:
            while True:
                line = handle.readline(limit + 1)
                if not line:
                    return
                if len(line) <= limit or line.endswith(b"\n"):
                    yield line
                    continue
                while True:
                    rest = handle.readline(_SKIP_CHUNK)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield None
        except OSError as exc:
            raise unreadable(path, exc, what) from None


def max_digits() -> int:
    """The most digits a number in an input may have: Python's limit for reading an integer."""
    return sys.get_int_max_str_digits() or 4300


def unstorable(text: str) -> str | None:
    """None when `text` can be stored (in a UTF-8 file, in doccano's database); else what is
    wrong: a NUL character or a lone surrogate, with its offset (code points from 0)."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char, offset = found.group(), found.start()
    if char == "\x00":
        return f"NUL character \\u0000 at offset {offset} (doccano cannot store it; remove it)"
    return (f"lone surrogate \\u{ord(char):04x} at offset {offset} (half of a UTF-16 pair, not a "
            "character; doccano can store only whole characters)")


_ESCAPED = re.compile(r"[\udc80-\udcff]")


def readable(path: str | os.PathLike[str]) -> str:
    """A path as printable text: a name whose bytes are not UTF-8 (Python keeps them as
    surrogate escapes), e.g. GBK from a Windows archive, is decoded as GB18030, else shown with
    \\x escapes; one folder level at a time, so UTF-8 levels stay as they are."""
    name = os.fspath(path)
    if not isinstance(name, str):
        name = os.fsdecode(name)
    if not _ESCAPED.search(name):
        return name
    parts = []
    for part in name.split(os.sep):
        raw = os.fsencode(part)
        text = None
        for codec in ("utf-8", "gb18030"):
            try:
                text = raw.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        parts.append(text if text is not None else raw.decode("utf-8", "backslashreplace"))
    return os.sep.join(parts)
