"""Pull of a class against the suite's real doccano: where each member's done marks come from,
and an interrupted pull.

doccano's member-progress metric counts how many documents each member marked done; when every
count is none or all, pull takes the done marks from it and runs one export instead of two. The
marks must be the same as the export of confirmed examples says, for members with none, some
and all done. An interrupted pull (the manifest is written before and after the files, not
after each one) must leave a folder the next pull takes without --force, and must still tell a
local edit from its own files.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.doccano import pull as pull_module
from toolkit.doccano.errors import LocalEditError
from toolkit.doccano.exchange import read_export
from toolkit.doccano.members import add_members, read_passwords
from toolkit.doccano.project import setup_project
from toolkit.doccano.pull import MANIFEST, gather, pull
from toolkit.doccano.push import push
from toolkit.doccano.session import Session
from toolkit.review import review_of

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
STUDENTS = ("pc_none", "pc_some", "pc_all")


@pytest.fixture(scope="module")
def klass(doccano_server, catalogue, tmp_path_factory):
    """A project of three real articles and three students, logged in as themselves."""
    work = tmp_path_factory.mktemp("pull-class")
    admin = Session.connect(doccano_server.admin)
    name = "pull-class"
    setup_project(admin, name, catalogue, language="zh")
    roster = work / "roster.csv"
    roster.write_text("username\n" + "".join(f"{n}\n" for n in STUDENTS), encoding="utf-8")
    add_members(admin, name, roster)
    passwords = read_passwords(work / "roster.passwords.csv")
    articles = [Document.create(d.text, (), doc_id=d.doc_id)
                for d in read_jsonl(DEV) if d.spans][:3]
    write_jsonl(work / "articles.jsonl", articles)
    push(admin, name, work / "articles.jsonl", catalogue)
    project = admin.require_project(name)
    examples = [e["id"] for e in admin.get_json(
        "examples", f"projects/{project.id}/examples", limit=10)["results"]]
    people = {n: Session.connect(doccano_server.admin.as_user(n, passwords[n])) for n in STUDENTS}
    return admin, name, project, examples, people


def mark_done(person: Session, project_id: int, example_id: int) -> None:
    """The student's done mark on one example (doccano's state endpoint toggles it)."""
    person.post_json("marking done", f"projects/{project_id}/examples/{example_id}/states", {})


def exported_done(admin: Session, project_id: int) -> dict[str, set[str]]:
    """Per member, the doc_ids of the export of confirmed examples."""
    confirmed = read_export(admin.export_zip(project_id, confirmed_only=True))
    return {user: {item.document.doc_id for item in items}
            for user, items in confirmed.users.items()}


def pulled_done(admin: Session, name: str, catalogue) -> tuple[dict[str, set[str]], int]:
    """Per member, the doc_ids gather marks as submitted, and how many exports it ran."""
    exports = []
    original = admin.start_export

    def counted(project_id, confirmed_only=False):
        exports.append(confirmed_only)
        return original(project_id, confirmed_only)

    admin.start_export = counted  # type: ignore[method-assign]  (counts the jobs, runs them)
    try:
        state = gather(admin, name, catalogue, None)
    finally:
        del admin.start_export
    done = {user: {d.doc_id for d in member.documents if review_of(d).submitted}
            for user, member in state.members.items()}
    return done, len(exports)


def test_done_marks_from_the_counts_match_the_export(klass, catalogue):
    admin, name, project, examples, people = klass
    # nobody done: one export, and nothing submitted
    done, exports = pulled_done(admin, name, catalogue)
    assert exports == 1
    assert done == exported_done(admin, project.id) | {u: set() for u in done}
    assert set(done) == {"admin", *STUDENTS} and not any(done.values())
    # pc_all marks every article done: the counts still tell, one export
    for example in examples:
        mark_done(people["pc_all"], project.id, example)
    done, exports = pulled_done(admin, name, catalogue)
    assert exports == 1
    assert done["pc_all"] == exported_done(admin, project.id)["pc_all"]
    assert len(done["pc_all"]) == 3 and not done["pc_none"] and not done["pc_some"]
    assert {u: v for u, v in done.items() if v} == {
        u: v for u, v in exported_done(admin, project.id).items() if v}


def test_a_member_part_way_through_takes_the_second_export(klass, catalogue):
    admin, name, project, examples, people = klass
    mark_done(people["pc_some"], project.id, examples[1])
    done, exports = pulled_done(admin, name, catalogue)
    assert exports == 2
    assert len(done["pc_some"]) == 1
    assert {u: v for u, v in done.items() if v} == {
        u: v for u, v in exported_done(admin, project.id).items() if v}
    mark_done(people["pc_some"], project.id, examples[1])  # toggled off again
    assert not pulled_done(admin, name, catalogue)[0]["pc_some"]


class Interrupted(Exception):
    """Stands for Ctrl-C or a crash between two files of a pull."""


def interrupted_pull(monkeypatch, admin, name, folder, catalogue, after: int) -> None:
    """A pull that stops after writing `after` files (a fault the test cannot cause on time
    otherwise: the write itself is real)."""
    written = []
    real = pull_module.atomic_write_bytes
    lock = threading.Lock()  # pull writes several files at once

    def write(path, data):
        with lock:
            if len(written) == after:
                raise Interrupted(path)
            real(path, data)
            written.append(path)

    monkeypatch.setattr(pull_module, "atomic_write_bytes", write)
    with pytest.raises(Interrupted):
        pull(admin, name, folder, catalogue)
    monkeypatch.setattr(pull_module, "atomic_write_bytes", real)


def test_an_interrupted_pull_is_safe_to_rerun(klass, catalogue, tmp_path, monkeypatch):
    admin, name, project, examples, people = klass
    clean = tmp_path / "clean"
    pull(admin, name, clean, catalogue)
    folder = tmp_path / "interrupted"
    interrupted_pull(monkeypatch, admin, name, folder, catalogue, after=2)
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["files"] == {} and len(manifest["writing"]) == 4
    assert len(list(folder.glob("*.jsonl"))) == 2
    report = pull(admin, name, folder, catalogue)  # no --force needed
    # the two files the interrupted pull wrote are its own and up to date; the rest is written
    assert set(report.unchanged) == set(manifest["writing"]) - set(report.written)
    assert len(report.written) == len(report.unchanged) == 2
    for path in clean.glob("*.jsonl"):
        assert (folder / path.name).read_bytes() == path.read_bytes()
    assert "writing" not in json.loads((folder / MANIFEST).read_text())


def test_a_pull_interrupted_before_its_last_manifest_write(klass, catalogue, tmp_path,
                                                           monkeypatch):
    admin, name, project, examples, people = klass
    folder = tmp_path / "class"
    real = pull_module._write_manifest
    calls = []

    def write_manifest(*args, **kwargs):
        calls.append(kwargs.get("writing") or (args[3] if len(args) > 3 else None))
        if len(calls) == 2:
            raise Interrupted("after the files, before the manifest")
        real(*args, **kwargs)

    monkeypatch.setattr(pull_module, "_write_manifest", write_manifest)
    with pytest.raises(Interrupted):
        pull(admin, name, folder, catalogue)
    monkeypatch.setattr(pull_module, "_write_manifest", real)
    assert json.loads((folder / MANIFEST).read_text())["files"] == {}
    report = pull(admin, name, folder, catalogue)  # every file is there: it only tidies up
    assert report.written == {} and len(report.unchanged) == 4
    manifest = json.loads((folder / MANIFEST).read_text())
    assert "writing" not in manifest and len(manifest["files"]) == 4


def test_an_interrupted_pull_still_refuses_a_local_edit(klass, catalogue, tmp_path, monkeypatch):
    admin, name, project, examples, people = klass
    folder = tmp_path / "class"
    pull(admin, name, folder, catalogue)
    before = (folder / "pc_none.jsonl").read_bytes()
    # the next pull changes two files: pc_none's first, then pc_some's
    mark_done(people["pc_none"], project.id, examples[0])
    mark_done(people["pc_some"], project.id, examples[0])
    try:
        interrupted_pull(monkeypatch, admin, name, folder, catalogue, after=1)
        assert (folder / "pc_none.jsonl").read_bytes() != before
        edited = folder / "pc_all.jsonl"  # a file of the last complete pull
        kept = edited.read_bytes()
        edited.write_bytes(kept + b"\n")
        with pytest.raises(LocalEditError) as error:
            pull(admin, name, folder, catalogue)
        assert str(error.value).startswith(f"{edited} was changed since the last pull")
        assert edited.read_bytes() == kept + b"\n"
        edited.write_bytes(kept)
        # pc_none changes back on the server, and the next pull is interrupted before its first
        # file: the file the first interrupted pull wrote is still known as pull's own
        mark_done(people["pc_none"], project.id, examples[0])
        interrupted_pull(monkeypatch, admin, name, folder, catalogue, after=0)
        report = pull(admin, name, folder, catalogue)
        assert set(report.written) == {"pc_none.jsonl", "pc_some.jsonl"}
        assert (folder / "pc_none.jsonl").read_bytes() == before
        assert sum(review_of(d).submitted for d in read_jsonl(folder / "pc_some.jsonl")) == 1
    finally:
        for student in ("pc_none", "pc_some"):
            if pulled_done(admin, name, catalogue)[0][student]:
                mark_done(people[student], project.id, examples[0])
