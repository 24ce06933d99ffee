"""The README's "A lesson from start to finish", run as written against the suite's real doccano.

The class's work is made through doccano's REST API the way its annotation page makes it
(create a span, delete a span, toggle the done state), logged in as each person:

- the teacher (`admin`, the project admin) got the suggestions, fixes them and marks the
  article done;
- alice tags carefully: deletes four suggestions, tags two passages herself, submits;
- bob keeps every suggestion untouched and never submits;
- chen keeps every suggestion, tags one passage herself, submits.

Every figure below was worked out by hand first (the numbers are in the comments) and the
alpha values are checked again against a plain, unit-by-unit computation.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.corpus import read_jsonl
from toolkit.doccano.labels import resolve_labels
from toolkit.doccano.members import read_passwords
from toolkit.doccano.session import Session
from toolkit.review import review_of
from toolkit.spans import Span

ROOT = Path(__file__).resolve().parents[2]
MLT_DIR = Path(sys.executable).parent

# An original article written for this test (126 characters).
ARTICLE = """新型电池“三天充满一个月”？

一位不愿透露姓名的电池厂高管透露，这种新电池的寿命是现有产品的十倍。有业内人士指出，这项技术将彻底改变整个行业。

那么，什么时候能买到？厂方没有回答。

难道我们还要继续等待外国的技术吗？不求弯道超车，但求换道超车！
"""


TEXT = ARTICLE
HEADLINE = (0, 14)
ANON_WIDE = (TEXT.index("一位"), TEXT.index("十倍") + 2)  # the suggester's: speaker and claim
ANON = (TEXT.index("一位"), TEXT.index("一位") + 14)    # 16-30: 一位不愿透露姓名的电池厂高管
VAGUE = (TEXT.index("有业内"), TEXT.index("行业") + 2)  # 50-71
EXAG = (TEXT.index("这项技术"), VAGUE[1])              # 58-71
QUOTED_Q = (TEXT.index("那么"), TEXT.index("买到？") + 3)  # a plain question, not rhetorical
RQ = (TEXT.index("难道"), TEXT.index("吗？") + 2)       # 97-114
SLOGAN = (TEXT.index("不求"), TEXT.index("超车！") + 2)  # 114-127

#: What `mlt suggest` draws on this article today: if the rules change, this list (and the
#: figures worked out from it) must follow.
SUGGESTED = {(*HEADLINE, "RHETORICAL_QUESTION"), (*ANON_WIDE, "ANONYMOUS_SOURCE"),
             (*VAGUE, "VAGUE_ATTRIBUTION"), (*EXAG, "EXAGGERATION"),
             (*QUOTED_Q, "RHETORICAL_QUESTION"), (*RQ, "RHETORICAL_QUESTION"),
             (*SLOGAN, "SLOGAN")}


def readme_commands() -> list[str]:
    """The lines of the README's walkthrough block, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A lesson from start to finish", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


class Person:
    """One account, working the way doccano's annotation page does."""

    def __init__(self, session: Session, project_id: int, example_id: int, labels) -> None:
        self.session, self.project, self.example, self.labels = (session, project_id,
                                                                 example_id, labels)
        self.base = f"projects/{project_id}/examples/{example_id}"

    def spans(self) -> dict[tuple[int, int, str], int]:
        answer = self.session.get_json("listing spans", f"{self.base}/spans")
        items = answer["results"] if isinstance(answer, dict) else answer
        names = {label.id: device for device, label in self.labels.to_label.items()}
        return {(s["start_offset"], s["end_offset"], names[s["label"]]): s["id"] for s in items}

    def delete(self, start: int, end: int, device: str) -> None:
        span_id = self.spans()[(start, end, device)]
        self.session.delete("deleting a span", f"{self.base}/spans/{span_id}")

    def tag(self, start: int, end: int, device: str) -> None:
        self.session.post_json("tagging", f"{self.base}/spans", {
            "label": self.labels.to_label[device].id, "start_offset": start, "end_offset": end,
            "prob": 0.0})

    def mark_done(self) -> None:
        self.session.post_json("marking done", f"{self.base}/states", {})


def class_works(server, workdir: Path, catalogue) -> None:
    """What happens in the browser between push and pull."""
    admin = Session.connect(server.admin)
    project = admin.require_project("week3")
    (example,) = admin.get_json("examples", f"projects/{project.id}/examples")["results"]
    labels = resolve_labels(admin.labels(project.id), catalogue)
    passwords = read_passwords(workdir / "roster.passwords.csv")

    def person(name: str) -> Person:
        session = admin if name == "admin" else Session.connect(
            server.admin.as_user(name, passwords[name]))
        return Person(session, project.id, example["id"], labels)

    people = {name: person(name) for name in ("admin", "alice", "bob", "chen")}
    for name, someone in people.items():  # everyone was given the same seven suggestions
        assert set(someone.spans()) == SUGGESTED, name

    teacher = people["admin"]
    teacher.delete(*HEADLINE, "RHETORICAL_QUESTION")
    teacher.tag(*HEADLINE, "UNVERIFIED_HEADLINE")
    teacher.delete(*ANON_WIDE, "ANONYMOUS_SOURCE")
    teacher.tag(*ANON, "ANONYMOUS_SOURCE")
    teacher.delete(*QUOTED_Q, "RHETORICAL_QUESTION")
    teacher.mark_done()

    alice = people["alice"]
    for span in [(*HEADLINE, "RHETORICAL_QUESTION"), (*ANON_WIDE, "ANONYMOUS_SOURCE"),
                 (*EXAG, "EXAGGERATION"), (*QUOTED_Q, "RHETORICAL_QUESTION")]:
        alice.delete(*span)
    alice.tag(*HEADLINE, "UNVERIFIED_HEADLINE")
    alice.tag(*ANON, "ANONYMOUS_SOURCE")
    alice.mark_done()

    chen = people["chen"]
    chen.tag(0, 13, "UNVERIFIED_HEADLINE")
    chen.mark_done()
    # bob opens nothing, changes nothing, submits nothing


def alpha_for_units(units: list[list[int | None]]) -> float:
    """Krippendorff's nominal alpha from scratch: one list of coder values per unit."""
    pairs = {(a, b): 0.0 for a in (0, 1) for b in (0, 1)}
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    pairs[(a, b)] += 1 / (len(values) - 1)
    n = sum(pairs.values())
    n1 = pairs[(1, 0)] + pairs[(1, 1)]
    n0 = n - n1
    observed = (pairs[(0, 1)] + pairs[(1, 0)]) / n
    expected = 2 * n0 * n1 / (n * (n - 1))
    return 1 - observed / expected


def units_of(people: dict[str, set[tuple[int, int, str]]], devices: list[str]) -> list[list[int]]:
    return [[int(any(s <= i < e and d == device for s, e, d in spans))
             for spans in people.values()] for device in devices for i in range(len(TEXT))]


@pytest.fixture(scope="module")
def walked(doccano_server, catalogue, tmp_path_factory):
    """Run the README's walkthrough in a fresh folder; return (folder, outputs by command)."""
    work = tmp_path_factory.mktemp("week3")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "roster.csv").write_text("username\nalice\nbob\nchen\n", encoding="utf-8")
    (work / "lessons").mkdir()
    env = {**os.environ, "PATH": f"{MLT_DIR}{os.pathsep}{os.environ['PATH']}",
           "MLT_DOCCANO_HOME": str(doccano_server.data_dir),
           "MLT_DOCCANO_VENV": str(doccano_server.venv_dir),
           "MLT_DOCCANO_CONFIG": str(doccano_server.config_path)}
    for name in ("DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD", "MLT_CATALOGUE"):
        env.pop(name, None)
    outputs = {}
    for line in readme_commands():
        if line.startswith("#"):
            class_works(doccano_server, work, catalogue)
            continue
        done = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, line
        words = line.split()
        outputs[" ".join(words[1:3]) if words[0] == "mlt" else words[0]] = done
    return work, outputs


def test_the_readme_walkthrough_runs_as_written(walked):
    work, outputs = walked
    assert {"import text", "suggest annotations/week3/articles.jsonl", "server start",
            "doccano setup", "doccano push", "doccano status", "doccano pull",
            "agree annotations/week3", "build lessons/week3.yaml"} <= set(outputs)
    assert "already running" in outputs["server start"].stdout
    # suggestions drawn for the teacher and every student: seven spans each
    push = outputs["doccano push"].stdout
    for name in ("admin", "alice", "bob", "chen"):
        assert f"suggestions for {name}: 7 span(s)" in push
    assert (work / "exports" / "week3" / "teacher.pdf").is_file()


def test_pull_records_roles_submissions_and_suggestions(walked, catalogue):
    work, _ = walked
    folder = work / "annotations" / "week3"
    assert (folder / "collection.yaml").read_text(encoding="utf-8").splitlines()[3:] == [
        "project: week3", "roles:", "  admin: teacher", "  alice: student", "  bob: student",
        "  chen: student", "  gold: gold"]  # gold: written there by adjudicate
    state = {}
    for name in ("admin", "alice", "bob", "chen"):
        (doc,) = read_jsonl(folder / f"{name}.jsonl", catalogue.unknown_label_message)
        review = review_of(doc)
        assert review.suggested == {Span(*s) for s in SUGGESTED}
        state[name] = (review.submitted, len(review.own(doc.spans)), len(review.kept(doc.spans)),
                       len(review.deleted(doc.spans)))
    # (submitted, own spans, kept suggestions, deleted suggestions)
    assert state == {"admin": (True, 2, 4, 3), "alice": (True, 2, 3, 4),
                     "bob": (False, 0, 7, 0), "chen": (True, 1, 7, 0)}


def test_status_shows_who_did_what(walked):
    _, outputs = walked
    rows = {}
    for line in outputs["doccano status"].stdout.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]
        if len(cells) == 6 and cells[0] in ("admin", "alice", "bob", "chen"):
            rows[cells[0]] = cells[1:]
    assert rows == {"admin": ["teacher", "1/1", "2", "4", "3"],
                    "alice": ["student", "1/1", "2", "3", "4"],
                    "bob": ["student", "0/1", "0", "7", "0"],
                    "chen": ["student", "1/1", "1", "7", "0"]}


def test_agreement_counts_people_and_submitted_work_only(walked):
    work, outputs = walked
    agree = outputs["agree annotations/week3"]
    # articles and suggestions are sources; bob's article is not submitted: missing, not "empty"
    assert "left out articles.jsonl (source by default)" in agree.stderr
    assert "left out suggestions.jsonl (source by default)" in agree.stderr
    assert "warning: 14 of 19 spans are untouched suggestions" in agree.stderr
    assert "4 annotators: admin (teacher), alice (student), bob (student), chen (student)" \
        in agree.stdout
    assert "not submitted by bob: article" in agree.stdout
    done = subprocess.run([str(MLT_DIR / "mlt"), "agree", "annotations/week3", "--format",
                           "json"], cwd=work, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    pairs = {(p["first"], p["second"]): (p["documents"], p["exact"]["f1"], p["overlap"]["f1"])
             for p in report["pairs"]}
    # overlap: admin-alice 5/6 and 5/5 -> 10/11; admin-chen 6/6 and 6/8 -> 6/7;
    # alice-chen 5/5 and 5/8 -> 10/13. exact: 10/11, 4/7 (4/6, 4/8), 6/13 (3/5, 3/8)
    assert pairs[("admin", "alice")] == (1, pytest.approx(10 / 11, abs=1e-4),
                                         pytest.approx(10 / 11, abs=1e-4))
    assert pairs[("admin", "chen")] == (1, pytest.approx(4 / 7, abs=1e-4),
                                        pytest.approx(6 / 7, abs=1e-4))
    assert pairs[("alice", "chen")] == (1, pytest.approx(6 / 13, abs=1e-4),
                                        pytest.approx(10 / 13, abs=1e-4))
    assert pairs[("admin", "bob")][0] == 0 and pairs[("admin", "bob")][2] is None
    # own spans only: admin and alice agree fully; chen's one own tag matches their headline
    own = {(p["first"], p["second"]): (p["exact"]["f1"], p["overlap"]["f1"])
           for p in report["own_spans_only"]["pairs"]}
    assert own[("admin", "alice")] == (1.0, 1.0)
    assert own[("admin", "chen")] == (0.0, pytest.approx(2 / 3, abs=1e-4))
    # alpha over 126 characters x 6 devices x 3 coders: 58 units split, 306 ones -> 0.7810;
    # own spans only: 15 units split, 69 ones -> 0.7759
    devices = report["devices"]
    assert sorted(devices) == sorted(["UNVERIFIED_HEADLINE", "ANONYMOUS_SOURCE",
                                      "VAGUE_ATTRIBUTION", "EXAGGERATION",
                                      "RHETORICAL_QUESTION", "SLOGAN"])
    teacher = {(*HEADLINE, "UNVERIFIED_HEADLINE"), (*ANON, "ANONYMOUS_SOURCE"),
               (*VAGUE, "VAGUE_ATTRIBUTION"), (*EXAG, "EXAGGERATION"),
               (*RQ, "RHETORICAL_QUESTION"), (*SLOGAN, "SLOGAN")}
    alice = teacher - {(*EXAG, "EXAGGERATION")}
    chen = SUGGESTED | {(0, 13, "UNVERIFIED_HEADLINE")}
    people = {"admin": teacher, "alice": alice, "chen": chen}
    assert report["alpha"]["pooled"] == pytest.approx(0.7810, abs=1e-4)
    assert report["alpha"]["pooled"] == pytest.approx(alpha_for_units(units_of(people, devices)),
                                                      abs=1e-4)
    own_people = {"admin": {(*HEADLINE, "UNVERIFIED_HEADLINE"), (*ANON, "ANONYMOUS_SOURCE")},
                  "alice": {(*HEADLINE, "UNVERIFIED_HEADLINE"), (*ANON, "ANONYMOUS_SOURCE")},
                  "chen": {(0, 13, "UNVERIFIED_HEADLINE")}}
    assert report["own_spans_only"]["alpha"]["pooled"] == pytest.approx(0.7759, abs=1e-4)
    assert report["own_spans_only"]["alpha"]["pooled"] == pytest.approx(
        alpha_for_units(units_of(own_people, devices)), abs=1e-4)


def test_the_key_holds_the_teachers_tags_with_counts_of_three(walked, catalogue):
    work, outputs = walked
    (gold,) = read_jsonl(work / "annotations" / "week3" / "gold.jsonl")
    assert [tuple(s.to_doccano()) for s in gold.spans] == sorted([
        (*HEADLINE, "UNVERIFIED_HEADLINE"), (*ANON, "ANONYMOUS_SOURCE"),
        (*VAGUE, "VAGUE_ATTRIBUTION"), (*EXAG, "EXAGGERATION"), (*RQ, "RHETORICAL_QUESTION"),
        (*SLOGAN, "SLOGAN")])
    # three people count (bob did not submit); alice deleted the exaggeration: 2 of 3
    assert sorted(map(tuple, gold.meta["agreement"])) == sorted([
        (*HEADLINE, "UNVERIFIED_HEADLINE", 3, 3), (*ANON, "ANONYMOUS_SOURCE", 3, 3),
        (*VAGUE, "VAGUE_ATTRIBUTION", 3, 3), (*EXAG, "EXAGGERATION", 2, 3),
        (*RQ, "RHETORICAL_QUESTION", 3, 3), (*SLOGAN, "SLOGAN", 3, 3)])
    assert "from 4 annotator(s)" in outputs["adjudicate annotations/week3"].stdout
    assert "gold: gold" in (work / "annotations" / "week3" / "collection.yaml").read_text()


def test_grades_separate_own_work_from_kept_suggestions(walked):
    work, outputs = walked
    out = work / "exports" / "week3-grades"
    with open(out / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student"]: row for row in csv.DictReader(handle)}
    assert set(grades) == {"alice", "bob", "chen"}  # the teacher is not graded
    # alice: own UH and AS found (2), kept VA, RQ, SL found at half credit; EX missed.
    # credit 3.5, key 6, tagged 3.5 -> P 1, R 7/12, F1 14/19 = 0.737
    alice = grades["alice"]
    assert (alice["status"], alice["found"], alice["missed"], alice["extra"],
            alice["found_with_kept_suggestion"], alice["kept_suggestions"],
            alice["deleted_suggestions"], alice["suggestion_credit"]) == \
        ("complete", "5", "1", "0", "3", "3", "4", "half")
    assert (alice["precision"], alice["recall"], alice["f1"], alice["score_percent"]) == \
        ("1.000", "0.583", "0.737", "74")
    # chen: own UH found (1); four kept suggestions found (2); the kept anonymous-source
    # suggestion (speaker and claim) is more than twice the key's span: partial (1/4); two
    # kept extras (1 tagged). credit 3.25, tagged 4.5 -> P 13/18, R 13/24, F1 13/21
    chen = grades["chen"]
    assert (chen["found"], chen["missed"], chen["extra"], chen["extra_unsupported"],
            chen["found_with_kept_suggestion"], chen["kept_suggestions"]) == \
        ("5", "0", "2", "2", "5", "7")
    assert (chen["precision"], chen["recall"], chen["f1"], chen["score_percent"]) == \
        ("0.722", "0.542", "0.619", "62")
    bob = grades["bob"]
    assert (bob["status"], bob["not_submitted"], bob["f1"], bob["score_percent"]) == \
        ("not submitted", "article", "", "")
    assert sorted(p.name for p in out.iterdir()) == [
        "alice.feedback.html", "alice.feedback.pdf", "chen.feedback.html", "chen.feedback.pdf",
        "grades.csv"]
    assert "not submitted (no grade, no sheet): bob" in outputs["score annotations/week3"].stderr
    sheet = (out / "chen.feedback.html").read_text(encoding="utf-8")
    assert "你保留的建议标注按一半计分" in sheet and "保留的建议标注" in sheet
