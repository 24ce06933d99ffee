"""PTC import/export: a lossless round trip over the shared corpus, and exact error messages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.devices.catalogue import Catalogue, load_catalogue
from toolkit.errors import FormatError
from toolkit.formats.ptc import ExportReport, export_ptc, import_ptc
from toolkit.spans import Span

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ptc"
KNOWN = ("Appeal_to_Authority, Appeal_to_fear-prejudice, Bandwagon,Reductio_ad_hitlerum, "
         "Black-and-White_Fallacy, Causal_Oversimplification, Doubt, Exaggeration,Minimisation, "
         "Flag-Waving, Loaded_Language, Name_Calling,Labeling, Repetition, Slogans, "
         "Thought-terminating_Cliches, Whataboutism,Straw_Men,Red_Herring")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def corpus(catalogue: Catalogue) -> list[Document]:
    return import_ptc(CORPUS / "articles", CORPUS / "labels", catalogue)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_round_trip_through_jsonl_is_lossless(corpus: list[Document], catalogue: Catalogue,
                                              tmp_path: Path) -> None:
    write_jsonl(tmp_path / "ptc.jsonl", corpus)
    report = export_ptc(read_jsonl(tmp_path / "ptc.jsonl"), tmp_path / "out", catalogue)
    assert report == ExportReport(articles=297, spans=4857, skipped={})
    articles = sorted((CORPUS / "articles").iterdir())
    labels = sorted((CORPUS / "labels").iterdir())
    assert len(articles) == len(labels) == 297
    for original in articles:
        assert (tmp_path / "out" / original.name).read_bytes() == original.read_bytes(), original
    for original in labels:
        exported = _lines(tmp_path / "out" / original.name)
        assert sorted(set(exported)) == sorted(set(_lines(original))), original
        assert Counter(exported) == Counter(_lines(original)), original  # duplicates kept too


def test_import_builds_documents_with_meta(corpus: list[Document]) -> None:
    assert len(corpus) == 297
    assert sum(len(doc.spans) for doc in corpus) == 4857
    ids = [doc.meta["ptc_id"] for doc in corpus]
    assert ids == sorted(ids, key=int)
    first = corpus[0]
    assert first.doc_id == "ptc-111111111"
    assert first.meta == {"corpus": "ptc", "ptc_id": "111111111", "language": "en",
                          "title": "Next plague outbreak in Madagascar could be 'stronger': WHO"}
    assert first.text == (CORPUS / "articles" / "article111111111.txt").read_text("utf-8")
    assert Span(265, 323, "APPEAL_TO_AUTHORITY") in first.spans


def test_exact_duplicate_label_line_survives_import(corpus: list[Document]) -> None:
    doc = next(d for d in corpus if d.doc_id == "ptc-711566593")
    assert doc.spans.count(Span(854, 1029, "PTC_WHATABOUT_STRAW_HERRING")) == 2


def test_byte_order_mark_stays_in_text_but_not_in_title(corpus: list[Document]) -> None:
    doc = next(d for d in corpus if d.doc_id == "ptc-705409419")
    assert doc.text.startswith("\ufeff")
    assert not doc.meta["title"].startswith("\ufeff") and doc.meta["title"]


def test_progress_reports_every_article(catalogue: Catalogue, tmp_path: Path) -> None:
    _write(tmp_path, "7", "T\n\nabc\n", "7\tDoubt\t0\t1\n")
    _write(tmp_path, "12", "U\n\nxyz\n", "")
    calls: list[tuple[int, int]] = []
    docs = import_ptc(tmp_path / "a", tmp_path / "l", catalogue,
                      progress=lambda stage, done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    assert [d.doc_id for d in docs] == ["ptc-7", "ptc-12"]


# --- small constructed inputs -------------------------------------------------------------

def _write(root: Path, article_id: str, text: str | None, labels: str | None) -> Path:
    """Write one article and/or labels file under root/a and root/l; return the labels path."""
    (root / "a").mkdir(exist_ok=True)
    (root / "l").mkdir(exist_ok=True)
    if text is not None:
        (root / "a" / f"article{article_id}.txt").write_bytes(text.encode("utf-8"))
    path = root / "l" / f"article{article_id}.task2-TC.labels"
    if labels is not None:
        path.write_bytes(labels.encode("utf-8"))
    return path


def _import_error(root: Path, catalogue: Catalogue) -> str:
    with pytest.raises(FormatError) as info:
        import_ptc(root / "a", root / "l", catalogue)
    return str(info.value)


TEXT = "A title\n\nBody text."  # 19 code points


def test_unknown_technique_names_file_line_and_known_techniques(catalogue: Catalogue,
                                                                tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT, "1\tDoubt\t0\t1\n1\tLoaded_Langauge\t2\t7\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}:2: unknown technique 'Loaded_Langauge' — did you mean Loaded_Language? "
        f"(known: {KNOWN})")


def test_non_integer_offset(catalogue: Catalogue, tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT, "1\tDoubt\tten\t12\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}:1: start offset 'ten' is not a whole number "
        "(offsets are code points counted from 0)")


def test_offset_out_of_range(catalogue: Catalogue, tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT, "1\tDoubt\t5\t99\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}:1: offsets 5-99 out of range for text of length 19 "
        "(allowed 0 <= start < end <= 19)")


def test_wrong_field_count(catalogue: Catalogue, tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT, "1\tDoubt 0\t5\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}:1: expected 4 tab-separated fields (ID, technique, start, end), got 3")


def test_labels_without_article(catalogue: Catalogue, tmp_path: Path) -> None:
    _write(tmp_path, "1", TEXT, "")
    labels = _write(tmp_path, "2", None, "2\tDoubt\t0\t1\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}: labels file without an article "
        f"(expected {tmp_path / 'a' / 'article2.txt'})")


def test_all_problems_reported_at_once(catalogue: Catalogue, tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT,
                    "1\tDoubt\t0\t4\n9\tDoubt\t4\t4\n1\tSlogan\t-1\t3\n1\tDoubt\t0\t4\t\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 5 problem(s):\n"
        f"{labels}:2: article id '9' does not match the file name (expected '1')\n"
        f"{labels}:2: empty span 4-4 (a span needs start < end)\n"
        f"{labels}:3: unknown technique 'Slogan' — did you mean Slogans? (known: {KNOWN})\n"
        f"{labels}:3: start offset '-1' is not a whole number "
        "(offsets are code points counted from 0)\n"
        f"{labels}:4: expected 4 tab-separated fields (ID, technique, start, end), got 5")


def test_article_without_labels_has_no_spans(catalogue: Catalogue, tmp_path: Path) -> None:
    _write(tmp_path, "5", TEXT, None)
    [doc] = import_ptc(tmp_path / "a", tmp_path / "l", catalogue)
    assert doc.spans == () and doc.meta["title"] == "A title"


def test_missing_folder_is_an_error(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not a folder"):
        import_ptc(tmp_path / "nope", tmp_path, catalogue)


# --- export -------------------------------------------------------------------------------

def test_export_skips_devices_without_ptc_class(catalogue: Catalogue, tmp_path: Path) -> None:
    assert catalogue.ptc_for_device("RHETORICAL_QUESTION") is None
    doc = Document.create("Title\r\n\r\nWhy? Evil plan.", [
        Span(9, 13, "RHETORICAL_QUESTION"), Span(14, 18, "LOADED_LANGUAGE"),
        Span(14, 18, "LOADED_LANGUAGE")], doc_id="42")
    report = export_ptc([doc], tmp_path, catalogue)
    assert report == ExportReport(1, 2, {"RHETORICAL_QUESTION": 1})
    assert report.skipped_total == 1
    assert (tmp_path / "article42.txt").read_bytes() == b"Title\r\n\r\nWhy? Evil plan."
    assert (tmp_path / "article42.task2-TC.labels").read_bytes() == (
        b"42\tLoaded_Language\t14\t18\n42\tLoaded_Language\t14\t18\n")
    [back] = import_ptc(tmp_path, tmp_path, catalogue)
    assert back.text == doc.text and back.meta["ptc_id"] == "42"


@pytest.mark.parametrize("bad", ["../evil", "a/b", "x\x00y", "a\\b", ".."])
def test_export_rejects_unsafe_ids(catalogue: Catalogue, tmp_path: Path, bad: str) -> None:
    doc = Document.create("text", doc_id="d1", ptc_id=bad)
    with pytest.raises(FormatError) as info:
        export_ptc([doc], tmp_path, catalogue)
    assert str(info.value) == (
        f"document 'd1': PTC id {bad!r} cannot be used in a file name "
        "(not allowed: '/', '\\', '..', NUL, tab, newline)")
    assert list(tmp_path.iterdir()) == []


def test_export_rejects_two_documents_with_one_id(catalogue: Catalogue, tmp_path: Path) -> None:
    docs = [Document.create("one", doc_id="a", ptc_id="7"), Document.create("two", doc_id="7")]
    with pytest.raises(FormatError) as info:
        export_ptc(docs, tmp_path, catalogue)
    assert str(info.value) == ("documents 'a' and '7' both export as article7.txt "
                               "(PTC ids must be unique)")
    assert list(tmp_path.iterdir()) == []


def test_a_utf16_article_is_named_as_utf16(catalogue: Catalogue, tmp_path: Path) -> None:
    _write(tmp_path, "1", TEXT, "")
    article = tmp_path / "a" / "article1.txt"
    article.write_bytes(TEXT.encode("utf-16"))
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{article}:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as "
        "UTF-8")


def test_a_latin1_labels_file_names_line_and_byte(catalogue: Catalogue, tmp_path: Path) -> None:
    labels = _write(tmp_path, "1", TEXT, "")
    labels.write_bytes(b"1\tDoubt\t0\t1\n1\tDoubt\t2\t7 caf\xe9\n")
    assert _import_error(tmp_path, catalogue) == (
        "cannot import PTC: 1 problem(s):\n"
        f"{labels}:2: invalid UTF-8 at byte 16 of the line (0xe9); a PTC file must be UTF-8")
