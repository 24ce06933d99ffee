"""Suggestions for a class, several requests in flight, against the suite's real doccano.

Every student must get exactly their own spans, once: a rerun sends nothing, an interrupted
push (Ctrl-C in the library; SIGKILL of the command) finishes on the next run without a single
duplicate, and a student whose login fails gets nothing and no record.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.doccano.delivered import load_record, record_path
from toolkit.doccano.errors import DoccanoError
from toolkit.doccano.labels import resolve_labels
from toolkit.doccano.members import add_members, read_passwords, write_passwords
from toolkit.doccano.project import setup_project
from toolkit.doccano.push import push
from toolkit.doccano.session import Session
from toolkit.doccano.suggestions import Audience

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
MLT = Path(sys.executable).parent / "mlt"


def zh_dev(count: int) -> tuple[list[Document], list[Document]]:
    """Real Chinese articles (zh-dev), and the same articles with their expert labels as the
    suggestions."""
    labelled = [d for d in read_jsonl(DEV) if d.spans][:count]
    return ([Document.create(d.text, (), doc_id=d.doc_id) for d in labelled],
            [Document.create(d.text, d.spans, doc_id=d.doc_id) for d in labelled])


def span_counts(admin: Session, project: str, labels) -> dict[str, Counter]:
    """Per user, every span of the raw export counted (a duplicate would count twice)."""
    project_id = admin.require_project(project).id
    counts: dict[str, Counter] = {}
    with zipfile.ZipFile(io.BytesIO(admin.export_zip(project_id))) as archive:
        for name in archive.namelist():
            user = Path(name).stem
            counts[user] = Counter()
            for line in archive.read(name).decode("utf-8").splitlines():
                record = json.loads(line)
                for start, end, text in record["label"]:
                    counts[user][(record["doc_id"], start, end, labels.device_of(text))] += 1
    return counts


def expected(suggested: list[Document]) -> Counter:
    # zh-dev has no emoji, so doccano's offsets equal ours
    return Counter((d.doc_id, s.start, s.end, s.label) for d in suggested for s in d.spans)


@pytest.fixture
def klass(admin, catalogue, project_name, tmp_path):
    """A project with 12 students and 3 real articles, nobody given suggestions yet."""
    setup_project(admin, project_name, catalogue)
    prefix = project_name.split("-")[1][:5]
    names = [f"s{prefix}{i:02d}" for i in range(12)]
    roster = tmp_path / "roster.csv"
    roster.write_text("username\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    add_members(admin, project_name, roster)
    articles, suggested = zh_dev(3)
    folder = tmp_path / "annotations"
    folder.mkdir()
    write_jsonl(folder / "articles.jsonl", articles)
    write_jsonl(folder / "suggestions.jsonl", suggested)
    labels = resolve_labels(admin.labels(admin.require_project(project_name).id), catalogue)
    return dict(names=names, folder=folder, suggested=suggested, labels=labels,
                passwords=read_passwords(tmp_path / "roster.passwords.csv"),
                passwords_file=tmp_path / "roster.passwords.csv")


def run_push(admin, catalogue, project_name, klass, **options):
    folder = klass["folder"]
    return push(admin, project_name, folder / "articles.jsonl", catalogue,
                folder / "suggestions.jsonl", klass["passwords"], audience=Audience.STUDENTS,
                **options)


def test_every_student_gets_exactly_their_spans_once(admin, catalogue, project_name, klass):
    updates = []
    report = run_push(admin, catalogue, project_name, klass, concurrency=6,
                      progress=lambda stage, done, total: updates.append((stage, done, total)))
    per_person = sum(len(d.spans) for d in klass["suggested"])
    assert report.suggestions.delivered == {name: per_person for name in klass["names"]}
    counts = span_counts(admin, project_name, klass["labels"])
    for name in klass["names"]:
        assert counts[name] == expected(klass["suggested"]), name
    assert sum(counts["admin"].values()) == 0  # students only: the teacher got none
    record = load_record(klass["folder"])
    assert not record.pending
    assert set(record.delivered) == set(klass["names"])
    steps = [u for u in updates if u[0] == "suggestions"]
    assert steps[0] == ("suggestions", 0, 12 * per_person)
    assert steps[-1] == ("suggestions", 12 * per_person, 12 * per_person)
    assert [done for _, done, _ in steps] == sorted(done for _, done, _ in steps)

    again = run_push(admin, catalogue, project_name, klass, concurrency=6)
    assert again.suggestions.delivered == {name: 0 for name in klass["names"]}
    assert again.suggestions.documents_skipped == {name: 3 for name in klass["names"]}
    assert span_counts(admin, project_name, klass["labels"]) == counts


def test_an_interrupted_push_finishes_on_the_next_run(admin, catalogue, project_name, klass):
    per_person = sum(len(d.spans) for d in klass["suggested"])

    def interrupt(stage, done, total):
        if stage == "suggestions" and done >= total // 3 and done:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of the deliveries

    with pytest.raises(KeyboardInterrupt):
        run_push(admin, catalogue, project_name, klass, concurrency=4, progress=interrupt)
    record = load_record(klass["folder"])
    assert record.pending, "the interruption came after everything was delivered"
    partial = span_counts(admin, project_name, klass["labels"])
    total_sent = sum(sum(c.values()) for c in partial.values())
    assert 0 < total_sent < 12 * per_person
    for name in klass["names"]:  # nothing was sent twice, even before the rerun
        assert max(partial[name].values(), default=1) == 1
    # every person with a span holds a pending or complete record entry for it
    for name, spans in partial.items():
        for doc_id in {key[0] for key in spans}:
            assert doc_id in record.delivered.get(name, {}), (name, doc_id)

    report = run_push(admin, catalogue, project_name, klass, concurrency=4)
    assert sum(report.suggestions.resumed.values()) == len(record.pending)
    assert sum(report.suggestions.delivered.values()) == 12 * per_person - total_sent
    counts = span_counts(admin, project_name, klass["labels"])
    for name in klass["names"]:
        assert counts[name] == expected(klass["suggested"]), name
    assert not load_record(klass["folder"]).pending


def test_a_killed_push_command_finishes_on_the_next_run(admin, catalogue, project_name, klass,
                                                        doccano_server, tmp_path):
    """SIGKILL, as when the computer goes down: no handler runs."""
    folder = klass["folder"]
    env = {**os.environ, "MLT_DOCCANO_CONFIG": str(doccano_server.config_path)}
    for name in ("DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD"):
        env.pop(name, None)
    command = [str(MLT), "doccano", "push", project_name, str(folder / "articles.jsonl"),
               "--suggestions", str(folder / "suggestions.jsonl"), "--suggestions-for",
               "students", "--passwords", str(klass["passwords_file"])]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    record_file = record_path(folder)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not record_file.exists():
        time.sleep(0.02)
    time.sleep(0.5)  # the record is written just before the first span is sent
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert load_record(folder).pending, "the push finished before it could be killed"
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    counts = span_counts(admin, project_name, klass["labels"])
    for name in klass["names"]:
        assert counts[name] == expected(klass["suggested"]), name
    assert not load_record(folder).pending


def test_a_student_whose_login_fails_gets_nothing_and_no_record(admin, catalogue, project_name,
                                                                klass):
    wrong = klass["names"][3]
    klass["passwords"] = {**klass["passwords"], wrong: "not-their-password-1"}
    with pytest.raises(DoccanoError) as error:
        run_push(admin, catalogue, project_name, klass, concurrency=5)
    assert f"except to 1 person(s) whose login failed: {wrong}" in str(error.value)
    assert "not-their-password-1" not in str(error.value)
    counts = span_counts(admin, project_name, klass["labels"])
    assert sum(counts[wrong].values()) == 0
    for name in klass["names"]:
        if name != wrong:
            assert counts[name] == expected(klass["suggested"]), name
    record = load_record(klass["folder"])
    assert wrong not in record.delivered and not record.pending
    # with the right password, the next push gives them theirs and nobody else anything
    klass["passwords"] = read_passwords(klass["passwords_file"])
    report = run_push(admin, catalogue, project_name, klass, concurrency=5)
    per_person = sum(len(d.spans) for d in klass["suggested"])
    assert {n: c for n, c in report.suggestions.delivered.items() if c} == {wrong: per_person}
    assert span_counts(admin, project_name, klass["labels"])[wrong] == \
        expected(klass["suggested"])


def test_a_concurrency_out_of_range_is_refused_before_anything_is_sent(admin, catalogue,
                                                                        project_name, klass):
    for bad in (0, 65):
        with pytest.raises(DoccanoError, match=rf"--concurrency {bad} is not a number of "
                                               r"requests in flight \(allowed: 1-64"):
            run_push(admin, catalogue, project_name, klass, concurrency=bad)
    assert not record_path(klass["folder"]).exists()
    assert admin.count_examples(admin.require_project(project_name).id) == 0
