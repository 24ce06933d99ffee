"""Push the seed article and 20 PTC articles to a real doccano, pull them back, exactly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.doccano.errors import DoccanoError, LocalEditError
from toolkit.doccano.exchange import read_export
from toolkit.doccano.labels import resolve_labels
from toolkit.doccano.members import add_members
from toolkit.doccano.project import setup_project
from toolkit.doccano.pull import MANIFEST, pull
from toolkit.doccano.push import push
from toolkit.doccano.session import Session
from toolkit.errors import InvalidInputError
from toolkit.review import Review, review_of, without_review
from toolkit.formats.ptc import import_ptc
from toolkit.spans import OffsetMap, Span

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = CORPUS / "seed" / "chip-ban-article.zh.txt"
PTC = CORPUS / "ptc"

QUOTE = "一位不愿透露姓名的AI大厂高管"
EMOJI_TEXT = "Prices 😀 jumped 👨‍👩‍👧 overnight, 𠀀 critics said: a total disaster."


@pytest.fixture(scope="module")
def documents(catalogue) -> list[Document]:
    """The Chinese seed article (one document), a text with emoji, and 20 PTC articles."""
    seed = SEED.read_text(encoding="utf-8")
    start = seed.index("生死劫")
    quote = seed.index(QUOTE)
    ptc = import_ptc(PTC / "articles", PTC / "labels", catalogue)[:20]
    disaster = EMOJI_TEXT.index("a total disaster")
    return [
        Document.create(seed, [Span(start, start + 3, "LOADED_LANGUAGE"),
                               Span(quote, quote + len(QUOTE), "ANONYMOUS_SOURCE")],
                        doc_id="chip-ban", source=str(SEED.name), lang="zh", words=4362,
                        nothing=None, nested={"a": [1, 2.5]}),
        Document.create(EMOJI_TEXT, [Span(disaster, disaster + 16, "EXAGGERATION")],
                        doc_id="emoji"),
        *ptc,
    ]


@pytest.fixture(scope="module")
def pushed(doccano_server, catalogue, documents, tmp_path_factory):
    """A project holding the documents, as pushed once."""
    session = Session.connect(doccano_server.admin)
    name = "push-pull"
    setup_project(session, name, catalogue)
    source = tmp_path_factory.mktemp("push") / "articles.jsonl"
    write_jsonl(source, documents)
    report = push(session, name, source, catalogue)
    return name, source, report


def example_count(session: Session, name: str) -> int:
    project = session.require_project(name)
    return len(read_export(session.export_zip(project.id)).examples())


def test_push_uploads_every_document_with_its_spans(pushed, documents, admin):
    name, _, report = pushed
    assert report.uploaded == len(documents) == 22
    assert report.spans == sum(len(d.spans) for d in documents)
    assert example_count(admin, name) == 22


def test_pull_returns_the_same_documents_exactly(pushed, documents, admin, catalogue, tmp_path):
    name = pushed[0]
    report = pull(admin, name, tmp_path, catalogue)
    assert report.written == {"admin.jsonl": sum(len(d.spans) for d in documents)}
    back = read_jsonl(tmp_path / "admin.jsonl", catalogue.unknown_label_message)
    # the same documents, each with the admin's review state beside them (not submitted)
    assert {d.doc_id: without_review(d) for d in back} == {d.doc_id: d for d in documents}
    assert {review_of(d) for d in back} == {Review(submitted=False)}
    seed = next(d for d in back if d.doc_id == "chip-ban")
    assert [seed.span_text(s) for s in seed.spans] == ["生死劫", QUOTE]
    assert without_review(seed).meta == {"source": SEED.name, "lang": "zh", "words": 4362, "nothing": None,
                         "nested": {"a": [1, 2.5]}}


def test_repush_creates_no_duplicate(pushed, documents, admin, catalogue):
    name, source, _ = pushed
    report = push(admin, name, source, catalogue)
    assert (report.uploaded, report.already_there) == (0, len(documents))
    assert example_count(admin, name) == len(documents)


def test_push_adds_only_the_new_documents(pushed, documents, admin, catalogue, tmp_path):
    name = "push-partial"
    setup_project(admin, name, catalogue)
    first = tmp_path / "first.jsonl"
    write_jsonl(first, documents[:5])
    push(admin, name, first, catalogue)
    both = tmp_path / "both.jsonl"
    write_jsonl(both, documents[:8])
    report = push(admin, name, both, catalogue)
    assert (report.uploaded, report.already_there) == (3, 5)
    assert example_count(admin, name) == 8


def test_a_changed_text_under_a_known_id_is_refused(pushed, documents, admin, catalogue, tmp_path):
    name = pushed[0]
    changed = documents[1]
    source = tmp_path / "changed.jsonl"
    write_jsonl(source, [Document.create(changed.text + " Updated.", doc_id=changed.doc_id),
                         Document.create("A brand new text.", doc_id="new-one")])
    with pytest.raises(DoccanoError) as error:
        push(admin, name, source, catalogue)
    assert str(error.value).startswith(f"{source}: doc_id 'emoji' is already in the project "
                                       "with another text (sha256:")
    assert "nothing was uploaded" in str(error.value)
    assert example_count(admin, name) == len(documents)


def test_unknown_labels_and_bad_offsets_are_refused_before_upload(pushed, admin, catalogue,
                                                                  tmp_path):
    name = pushed[0]
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps({"text": "Short text.", "label": [[0, 40, "SLOGAN"]]}) + "\n"
                      + json.dumps({"text": "Other text.", "label": [[0, 5, "SLOGANS"]]}) + "\n",
                      encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        push(admin, name, source, catalogue)
    assert [p.message for p in error.value.problems] == [
        "label[0]: offsets 0-40 out of range for text of length 11 "
        "(allowed 0 <= start < end <= 11)",
        "label[0]: unknown device 'SLOGANS' — did you mean SLOGAN?"]
    assert example_count(admin, name) == 22


def test_labels_missing_from_the_project_are_refused(admin, catalogue, tmp_path, project_name):
    setup_project(admin, project_name, catalogue, ["SLOGAN"])
    source = tmp_path / "a.jsonl"
    write_jsonl(source, [Document.create("Make it great.", [Span(0, 4, "DOUBT")])])
    with pytest.raises(DoccanoError) as error:
        push(admin, project_name, source, catalogue)
    assert str(error.value) == (
        f"project {project_name!r} has no label(s) DOUBT; add them with `mlt doccano setup "
        f"{project_name}` (all devices) or `--devices` including them, then push again")
    assert example_count(admin, project_name) == 0


def test_browser_offsets_round_trip_on_text_with_emoji(pushed, admin, doccano_server, catalogue,
                                                      tmp_path):
    """A span tagged in doccano's web UI (UTF-16 units) lands on the same characters here."""
    name = pushed[0]
    project = admin.require_project(name)
    roster = tmp_path / "roster.csv"
    roster.write_text("username\nbrowser_student\n", encoding="utf-8")
    members = add_members(admin, name, roster)
    password = members.passwords_file.read_text(encoding="utf-8").splitlines()[1].split(",")[1]
    student = Session.connect(doccano_server.admin.as_user("browser_student", password))
    examples = {e.document.doc_id: e.example_id
                for e in read_export(admin.export_zip(project.id)).examples()}
    start = EMOJI_TEXT.index("overnight")
    labels = {d: label.id for d, label in resolve_labels(admin.labels(project.id),
                                                         catalogue).to_label.items()}
    units = OffsetMap(EMOJI_TEXT).span_to_utf16(Span(start, start + 9, "EXAGGERATION"))
    # What the browser's JavaScript counts: 😀 and the three people of 👨‍👩‍👧 take 2 units each.
    assert units == (start + 4, start + 4 + 9)
    student.create_span(project.id, examples["emoji"], *units, labels["EXAGGERATION"])
    report = pull(admin, name, tmp_path / "out", catalogue)
    assert report.written["browser_student.jsonl"] == 1
    mine = read_jsonl(tmp_path / "out" / "browser_student.jsonl")
    tagged = [(d.doc_id, d.span_text(s)) for d in mine for s in d.spans]
    assert tagged == [("emoji", "overnight")]


def test_a_second_annotator_appears_in_their_own_file(pushed, admin, doccano_server, catalogue,
                                                     tmp_path):
    name = pushed[0]
    project = admin.require_project(name)
    roster = tmp_path / "roster.csv"
    roster.write_text("username,password\nmeiling,Lantern-42-river\n", encoding="utf-8")
    add_members(admin, name, roster)
    meiling = Session.connect(doccano_server.admin.as_user("meiling", "Lantern-42-river"))
    examples = {e.document.doc_id: e for e in read_export(admin.export_zip(project.id)).examples()}
    seed = examples["chip-ban"]
    start = seed.document.text.index("卡脖子")
    labels = {d: label.id for d, label in resolve_labels(admin.labels(project.id),
                                                         catalogue).to_label.items()}
    meiling.create_span(project.id, seed.example_id, start, start + 3, labels["LOADED_LANGUAGE"])
    meiling.create_span(project.id, seed.example_id, start, start + 3, labels["SLOGAN"])
    out = tmp_path / "week1"
    pull(admin, name, out, catalogue)
    files = sorted(p.name for p in out.glob("*.jsonl"))
    assert "meiling.jsonl" in files and "admin.jsonl" in files
    mine = {d.doc_id: d for d in read_jsonl(out / "meiling.jsonl")}
    assert mine["chip-ban"].spans == (Span(start, start + 3, "LOADED_LANGUAGE"),
                                      Span(start, start + 3, "SLOGAN"))
    assert sum(len(d.spans) for d in mine.values()) == 2
    assert mine["chip-ban"].text == seed.document.text


def test_pull_never_overwrites_a_local_edit(pushed, admin, catalogue, tmp_path):
    name = pushed[0]
    out = tmp_path / "collection"
    pull(admin, name, out, catalogue)
    gold = out / "gold.jsonl"
    gold.write_text("teacher's own file\n", encoding="utf-8")
    again = pull(admin, name, out, catalogue)
    assert again.written == {} and "admin.jsonl" in again.unchanged
    assert gold.read_text(encoding="utf-8") == "teacher's own file\n"
    edited = out / "admin.jsonl"
    edited.write_text(edited.read_text(encoding="utf-8").replace("生死劫", "生死戦", 1),
                      encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(LocalEditError) as error:
        pull(admin, name, out, catalogue)
    assert str(error.value).startswith(f"{edited} was changed since the last pull\n"
                                       "nothing was written: ")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    forced = pull(admin, name, out, catalogue, force=True)
    assert "admin.jsonl" in forced.written
    assert "生死劫" in edited.read_text(encoding="utf-8")
    assert json.loads((out / MANIFEST).read_text())["project"] == name


def test_pull_refuses_a_file_it_did_not_write(pushed, admin, catalogue, tmp_path):
    out = tmp_path / "c"
    out.mkdir()
    (out / "admin.jsonl").write_text("mine\n", encoding="utf-8")
    with pytest.raises(LocalEditError) as error:
        pull(admin, pushed[0], out, catalogue)
    assert str(error.value).startswith(f"{out / 'admin.jsonl'} was not written by "
                                       "`mlt doccano pull`")
    assert (out / "admin.jsonl").read_text(encoding="utf-8") == "mine\n"
    assert sorted(os.listdir(out)) == ["admin.jsonl"]


def test_cli_push_and_pull(pushed, doccano_server, catalogue, tmp_path, documents):
    name = pushed[0]
    source = pushed[1]
    runner = CliRunner()
    result = runner.invoke(app, ["doccano", "push", name, str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"pushed 0 document(s) with 0 span(s) to {name!r}; "
                             f"{len(documents)} already there\n")
    result = runner.invoke(app, ["doccano", "pull", name, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    spans = sum(len(d.spans) for d in documents)
    assert f"wrote {tmp_path / 'admin.jsonl'} (teacher, {spans} span(s))\n" in result.stdout
