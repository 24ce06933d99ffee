"""Roles are data: collection.yaml, the documented defaults, and the overrides on all three
commands; a not-submitted document never becomes a figure."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.collection import Role, assign_roles, read_manifest, record_roles
from toolkit.corpus import Document, write_jsonl
from toolkit.review import Review, with_review
from toolkit.spans import Span

TEXT = "Experts say the plan will change everything. Is that true? Act now!"
runner = CliRunner()


def person(folder: Path, name: str, spans, submitted: bool = True, suggested=()) -> None:
    doc = Document.create(TEXT, [Span(*s) for s in spans], doc_id="d1")
    write_jsonl(folder / f"{name}.jsonl",
                [with_review(doc, Review(submitted, frozenset(Span(*s) for s in suggested)))])


def folder_of_four(tmp_path: Path) -> Path:
    folder = tmp_path / "week"
    folder.mkdir()
    write_jsonl(folder / "articles.jsonl", [Document.create(TEXT, doc_id="d1")])
    person(folder, "ms_lin", [(0, 11, "VAGUE_ATTRIBUTION"), (45, 58, "RHETORICAL_QUESTION")])
    person(folder, "ann", [(0, 11, "VAGUE_ATTRIBUTION"), (45, 58, "RHETORICAL_QUESTION")])
    person(folder, "ben", [(0, 11, "VAGUE_ATTRIBUTION")])
    person(folder, "cy", [(0, 11, "VAGUE_ATTRIBUTION"), (45, 58, "RHETORICAL_QUESTION")],
           submitted=False, suggested=[(0, 11, "VAGUE_ATTRIBUTION"),
                                       (45, 58, "RHETORICAL_QUESTION")])
    record_roles(folder, {"ms_lin": Role.TEACHER, "ann": Role.STUDENT, "ben": Role.STUDENT,
                          "cy": Role.STUDENT}, "week")
    return folder


def test_defaults_and_manifest(tmp_path: Path) -> None:
    folder = folder_of_four(tmp_path)
    write_jsonl(folder / "suggested.jsonl", [Document.create(TEXT, doc_id="d1")])
    assignment = assign_roles(folder)
    assert {n: r for n, (r, _) in assignment.people.items()} == {
        "ann": Role.STUDENT, "ben": Role.STUDENT, "cy": Role.STUDENT, "ms_lin": Role.TEACHER}
    assert [str(x) for x in assignment.left_out] == ["articles.jsonl (source by default)",
                                                     "suggested.jsonl (source by default)"]
    # a teacher's edit of the manifest wins over what a later pull says
    assert record_roles(folder, {"ann": Role.TEACHER}) == [
        f"{folder / 'collection.yaml'} says ann is student, not teacher; kept student (edit the "
        "file to change it)"]
    assert read_manifest(folder).roles["ann"] is Role.STUDENT


def test_a_bad_manifest_names_the_line_and_the_allowed_roles(tmp_path: Path) -> None:
    folder = folder_of_four(tmp_path)
    (folder / "collection.yaml").write_text("roles:\n  ann: student\n  ben: pupil\n",
                                            encoding="utf-8")
    result = runner.invoke(app, ["agree", str(folder)])
    assert result.exit_code == 1
    assert (f"{folder / 'collection.yaml'}:3: ben: unknown role 'pupil' (allowed: source, "
            "student, teacher, gold)") in result.stderr
    assert "Traceback" not in result.output


def test_agree_counts_people_and_submitted_documents_only(tmp_path: Path) -> None:
    folder = folder_of_four(tmp_path)
    result = runner.invoke(app, ["agree", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["annotators"] == ["ann", "ben", "cy", "ms_lin"]
    assert report["not_submitted"]["cy"] == ["d1"] and report["skipped"]["cy"] == ["d1"]
    assert "left out articles.jsonl (source by default)" in result.stderr
    result = runner.invoke(app, ["agree", str(folder), "--exclude", "ms_lin", "--format", "json"])
    assert json.loads(result.stdout)["annotators"] == ["ann", "ben", "cy"]
    assert "left out ms_lin.jsonl (--exclude)" in result.stderr
    result = runner.invoke(app, ["agree", str(folder), "--students", "nobody"])
    assert result.exit_code == 1 and "no file for nobody" in result.stderr


def test_score_never_grades_the_teacher_unless_named(tmp_path: Path) -> None:
    folder = folder_of_four(tmp_path)
    key = tmp_path / "key.jsonl"
    write_jsonl(key, [Document.create(TEXT, [Span(0, 11, "VAGUE_ATTRIBUTION"),
                                             Span(45, 58, "RHETORICAL_QUESTION")], doc_id="d1")])
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(folder), "--key", str(key), "-o", str(out),
                                 "--format", "html"])
    assert result.exit_code == 0, result.output
    with open(out / "grades.csv", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"ann", "ben", "cy"}
    assert rows["cy"]["status"] == "not submitted" and rows["cy"]["score_percent"] == ""
    assert (rows["ann"]["score_percent"], rows["ben"]["score_percent"]) == ("100", "67")
    assert not (out / "cy.feedback.html").exists()
    result = runner.invoke(app, ["score", str(folder), "--key", str(key), "-o", str(out),
                                 "--format", "html", "--students", "ms_lin,ann"])
    assert result.exit_code == 0, result.output
    assert (out / "grades.csv").read_text(encoding="utf-8").splitlines()[1:] and \
        sorted(line.split(",")[0] for line in
               (out / "grades.csv").read_text(encoding="utf-8").splitlines()[1:]) == \
        ["ann", "ms_lin"]
    result = runner.invoke(app, ["score", str(folder), "--key", str(key), "-o", str(out),
                                 "--suggestion-credit", "some"])
    assert result.exit_code == 2  # a usage mistake (docs/cli.md, exit codes)
    assert result.stderr.endswith("Error: Invalid value for '--suggestion-credit': 'some' "
                                  "(allowed: full, half, none)\n")
    result = runner.invoke(app, ["score", "--key", str(key), "-o", str(out), "--students",
                                 str(folder), str(folder)])
    assert result.exit_code == 1 and "the collection folder is the first argument" in result.stderr


def test_suggestion_credit_policies(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    # dee kept a right suggestion (VA) and a wrong one (SLOGAN), and found RQ herself
    person(folder, "dee", [(0, 11, "VAGUE_ATTRIBUTION"), (45, 58, "RHETORICAL_QUESTION"),
                           (59, 67, "SLOGAN")],
           suggested=[(0, 11, "VAGUE_ATTRIBUTION"), (59, 67, "SLOGAN")])
    key = tmp_path / "key.jsonl"
    write_jsonl(key, [Document.create(TEXT, [Span(0, 11, "VAGUE_ATTRIBUTION"),
                                             Span(45, 58, "RHETORICAL_QUESTION")], doc_id="d1")])
    figures = {}
    for policy in ("full", "half", "none"):
        out = tmp_path / policy
        result = runner.invoke(app, ["score", str(folder), "--key", str(key), "-o", str(out),
                                     "--format", "html", "--suggestion-credit", policy])
        assert result.exit_code == 0, result.output
        with open(out / "grades.csv", encoding="utf-8") as handle:
            (row,) = csv.DictReader(handle)
        figures[policy] = (row["precision"], row["recall"], row["kept_suggestions"])
    # full: credit 2 of 3 tags; half: credit 1.5 of 2 tags; none: credit 1 of 1 tag
    assert figures == {"full": ("0.667", "1.000", "2"), "half": ("0.750", "0.750", "2"),
                       "none": ("1.000", "0.500", "2")}


def test_validate_checks_the_review_meta(tmp_path: Path) -> None:
    path = tmp_path / "alice.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "text": "short", "label": [],
                                "review": {"submitted": "yes", "suggested": [[0, 99, "SLOGAN"]]}})
                    + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f'{path}:1: field "review.submitted" must be true or false' in result.stdout
    assert (f"{path}:1: review.suggested[0]: offsets 0-99 out of range for text of length 5"
            in result.stdout)


def test_the_manifest_is_read_by_the_shared_yaml_loader(tmp_path: Path) -> None:
    folder = folder_of_four(tmp_path)
    manifest = folder / "collection.yaml"
    manifest.write_text("project: week\nteachers: [ms_lin]\nroles:\n  ann: [student]\n",
                        encoding="utf-8")
    result = runner.invoke(app, ["agree", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{manifest}:2: unknown key 'teachers' (allowed: project, roles)" in result.stderr
    assert f"{manifest}:4: ann: unknown role a list (allowed: source, student, teacher, gold)" \
        in result.stderr
    manifest.write_text("roles: {ann: student\n", encoding="utf-8")
    result = runner.invoke(app, ["agree", str(folder)])
    assert result.exit_code == 1 and f"{manifest}:" in result.stderr and "invalid YAML" in \
        result.stderr


def test_html_report_shows_each_pair_over_own_spans_too(tmp_path: Path) -> None:
    """ann kept a suggested vague attribution and tagged the question herself; ben tagged the
    attribution himself. Over all spans they agree on the attribution (overlap F1 2/3); over
    their own spans only they share nothing (F1 0). The HTML report prints both, per pair."""
    import re

    folder = tmp_path / "week"
    folder.mkdir()
    person(folder, "ann", [(0, 11, "VAGUE_ATTRIBUTION"), (45, 58, "RHETORICAL_QUESTION")],
           suggested=[(0, 11, "VAGUE_ATTRIBUTION")])
    person(folder, "ben", [(0, 11, "VAGUE_ATTRIBUTION")])
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["agree", str(folder), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "exact F1 (own spans only)" in page
    row = re.search(r"<tr><td>ann</td><td>ben</td>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells == ["1", "0.67", "0.67", "0.00", "0.00"]


def test_files_the_toolkit_wrote_are_sources_whatever_their_names(tmp_path: Path) -> None:
    """A teacher imports an article as chips.jsonl and writes suggestions as ideas.jsonl into the
    class folder: neither is a student, though their names are not the default ones."""
    folder = tmp_path / "week"
    folder.mkdir()
    article = tmp_path / "chips.txt"
    article.write_text("芯片之争\n\n有业内人士指出，这将改变一切。", encoding="utf-8")
    assert runner.invoke(app, ["import", "text", str(article), "-o",
                               str(folder / "chips.jsonl")]).exit_code == 0
    result = runner.invoke(app, ["suggest", str(folder / "chips.jsonl"), "-o",
                                 str(folder / "ideas.jsonl")])
    assert result.exit_code == 0, result.output
    person(folder, "ann", [(0, 11, "VAGUE_ATTRIBUTION")])
    assignment = assign_roles(folder)
    assert list(assignment.people) == ["ann"]
    assert sorted(map(str, assignment.left_out)) == [
        "chips.jsonl (source: written by mlt import text)",
        "ideas.jsonl (source: written by mlt suggest)"]
