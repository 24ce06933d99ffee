"""doccano JSONL: reading both label forms, writing atomically, and every bad-input message."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.corpus import Document, dumps, fingerprint, iter_records, read_jsonl, write_jsonl
from toolkit.errors import InvalidInputError
from toolkit.spans import Span

KNOWN = {"SLOGAN", "LOADED_LANGUAGE"}


def check_label(label: str) -> str | None:
    return None if label in KNOWN else f"unknown device {label!r}"


def problems_of(tmp_path: Path, content: bytes) -> list[str]:
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    return [str(p).replace(str(tmp_path) + os.sep, "")
            for record in iter_records(path, check_label) for p in record.problems]


def line(**record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def test_fingerprint_is_stable() -> None:
    assert fingerprint("卡脖子") == fingerprint("卡脖子")
    assert fingerprint("卡脖子").startswith("sha256:") and len(fingerprint("x")) == 23
    assert fingerprint("a") != fingerprint("b")


def test_reads_both_label_forms_and_keeps_meta(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        line(text="不求弯道超车", label=[[0, 2, "SLOGAN"]], source="site", id=7)
        + line(text="卡脖子", label=[{"start_offset": 0, "end_offset": 3, "label": "LOADED_LANGUAGE"}],
               doc_id="d2"))
    first, second = read_jsonl(path, check_label)
    assert first.spans == (Span(0, 2, "SLOGAN"),)
    assert first.meta == {"source": "site", "id": 7}
    assert first.doc_id.startswith("doc-")  # derived from the text, so stable
    assert second.doc_id == "d2" and second.spans == (Span(0, 3, "LOADED_LANGUAGE"),)


def test_write_then_read_is_identity(tmp_path: Path) -> None:
    doc = Document.create("芯片😀禁令", [Span(3, 5, "LOADED_LANGUAGE"), Span(0, 2, "SLOGAN")],
                          doc_id="x", language="zh")
    path = tmp_path / "out" / "a.jsonl"
    assert write_jsonl(path, [doc]) == 1
    assert read_jsonl(path) == [doc]
    record = json.loads(path.read_text(encoding="utf-8"))
    assert list(record)[:4] == ["doc_id", "text", "label", "fingerprint"]
    assert record["label"] == [[0, 2, "SLOGAN"], [3, 5, "LOADED_LANGUAGE"]]
    assert record["fingerprint"] == fingerprint("芯片😀禁令")


def test_ascii_output_is_pure_ascii(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_jsonl(path, [Document.create("中国芯😀", doc_id="x")], ascii_only=True)
    path.read_bytes().decode("ascii")
    assert read_jsonl(path)[0].text == "中国芯😀"


#: Text doccano can store: any characters but NUL and lone surrogates.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=60)

documents = st.builds(
    lambda text, raw, meta: Document.create(
        text, [Span(min(a, b) % len(text), min(a, b) % len(text) + 1 + abs(a - b) % max(1, len(text) - min(a, b) % len(text)), lab)
               for a, b, lab in raw] if text else [], **meta),
    texts,
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200), st.sampled_from(sorted(KNOWN))),
             max_size=6),
    st.dictionaries(st.sampled_from(["source", "title", "n", "flag"]),
                    st.one_of(texts, st.integers(), st.booleans(), st.none())),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents, max_size=5, unique_by=lambda d: d.doc_id), st.booleans())
def test_jsonl_round_trip_property(tmp_path: Path, docs: list[Document], ascii_only: bool) -> None:
    path = tmp_path / "round.jsonl"
    write_jsonl(path, docs, ascii_only=ascii_only)
    assert read_jsonl(path, check_label) == docs


def test_interrupted_write_leaves_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    write_jsonl(path, [Document.create("old text", doc_id="old")])
    before = path.read_bytes()

    def broken():
        yield Document.create("new text", doc_id="new")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_jsonl(path, broken())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["gold.jsonl"]  # no temporary left behind


@pytest.mark.parametrize("content, expected", [
    (b'{"text": "abc", "label": [[0, 1, "SLOGAN"]\n',
     "a.jsonl:1: invalid JSON: Expecting ',' delimiter (column 43)"),
    (b'{"label": []}\n', 'a.jsonl:1: missing field "text"'),
    (b'{"text": 5}\n', 'a.jsonl:1: field "text" must be a string, got a number'),
    (b'[1, 2]\n', "a.jsonl:1: a line must be a JSON object, got a list"),
    (line(text="abcdef", label=[[2, 99, "SLOGAN"]]),
     "a.jsonl:1: label[0]: offsets 2-99 out of range for text of length 6 "
     "(allowed 0 <= start < end <= 6)"),
    (line(text="abcdef", label=[[4, 2, "SLOGAN"]]),
     "a.jsonl:1: label[0]: start 4 is after end 2 (a span is [start, end) with start < end)"),
    (line(text="abcdef", label=[[3, 3, "SLOGAN"]]),
     "a.jsonl:1: label[0]: empty span 3-3 (a span needs start < end)"),
    (line(text="abcdef", label=[[1.5, 3, "SLOGAN"]]),
     "a.jsonl:1: label[0]: start must be an integer, got 1.5"),
    (line(text="abcdef", label=[[1, 3, "SLOGANS"]]), "a.jsonl:1: label[0]: unknown device 'SLOGANS'"),
    (line(text="abcdef", label="SLOGAN"),
     'a.jsonl:1: field "label" must be a list of spans, got a string'),
    (line(text="abcdef", label=[[1, 3, "SLOGAN"], [0, 1, "SLOGAN"], [1, 3, "SLOGAN"]]),
     "a.jsonl:1: warning: label[2]: duplicate span 1-3 SLOGAN (same as label[0])"),
    (line(text="abcdef changed", fingerprint=fingerprint("abcdef")),
     f'a.jsonl:1: fingerprint "{fingerprint("abcdef")}" does not match the text '
     f'({fingerprint("abcdef changed")}): the text changed after its spans were made; '
     "restore the text or re-annotate it"),
    (b'{"text": "ab\xff\xfe"}\n',
     "a.jsonl:1: invalid UTF-8 at byte 13 of the line (0xff); the file must be UTF-8"),
    (b"\xef\xbb\xbf" + line(text="abc"),
     "a.jsonl:1: file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM"),
    (line(text="abc") + b"\n" + line(text="abd"),
     "a.jsonl:2: blank line (a JSONL file has one JSON document on every line)"),
    (line(text="abc", doc_id="d") + line(text="abd", doc_id="d"),
     "a.jsonl:2: doc_id 'd' is already used on line 1"),
    (line(text="abc", doc_id=""), 'a.jsonl:1: field "doc_id" must be a non-empty string, got ""'),
])
def test_each_bad_input_has_its_message(tmp_path: Path, content: bytes, expected: str) -> None:
    assert problems_of(tmp_path, content) == [expected]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    content = (line(text="ok", label=[[0, 2, "SLOGAN"]]) + b"{broken\n"
               + line(text="abc", label=[[0, 9, "SLOGAN"], [0, 1, "NOPE"]]))
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError) as info:
        read_jsonl(path, check_label)
    assert [(p.line, p.message.split(":")[0]) for p in info.value.problems] == [
        (2, "invalid JSON"), (3, "label[0]"), (3, "label[1]")]


def test_large_file_is_streamed(tmp_path: Path) -> None:
    """A file far larger than what reading it allocates: memory stays flat as it grows."""
    path = tmp_path / "big.jsonl"
    text = "中国芯的崛起，并非一蹴而就。" * 400
    row = line(text=text, label=[[0, 3, "SLOGAN"]])
    with open(path, "wb") as handle:
        for _ in range(4000):
            handle.write(row)
    size = path.stat().st_size
    assert size > 60_000_000
    tracemalloc.start()
    count = sum(1 for record in iter_records(path, check_label) if record.document)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 4000
    assert peak < size / 20, f"peak {peak} bytes while reading {size} bytes"


def test_document_is_immutable_and_hashable() -> None:
    """A Document's meta is a read-only copy: the caller's dict cannot change it afterwards, it
    cannot be assigned into, and documents can be set members (the hash leaves meta out)."""

    given = {"title": "t", "nested": {"a": 1}}
    document = Document.create("text", doc_id="d", **given)
    given["title"] = "changed"
    assert document.meta["title"] == "t"
    with pytest.raises(TypeError):
        document.meta["title"] = "x"  # type: ignore[index]
    same = Document.create("text", doc_id="d", title="t", nested={"a": 1})
    assert document == same and len({document, same}) == 1
    assert document != Document.create("text", doc_id="d", title="other")
    assert json.loads(dumps(document))["title"] == "t"
    import pickle

    assert pickle.loads(pickle.dumps(document)) == document  # crosses a process pool


def test_write_jsonl_names_the_file_it_cannot_write(tmp_path: Path) -> None:
    from toolkit.errors import WriteError

    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        write_jsonl(blocked / "out.jsonl", [Document.create("text")])
    assert str(caught.value).startswith(f"cannot write {blocked / 'out.jsonl'}: ")
    assert blocked.read_text(encoding="utf-8") == "x"
