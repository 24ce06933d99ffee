"""Agreement, adjudication and scoring on constructed collections with hand-computed answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.agreement.adjudicate import adjudicate
from toolkit.collection import collection_from_files, load_collection
from toolkit.agreement.measures import alpha_for_units, character_alpha, pairwise
from toolkit.agreement.scoring import score_all
from toolkit.cli import app
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.errors import InvalidInputError, ToolkitError
from toolkit.spans import Span

TEXT = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"  # 56 characters


def make(tmp_path: Path, spans_by_annotator: dict[str, dict[str, list[tuple[int, int, str]]]],
         text: str = TEXT):
    files = {}
    for name, docs in spans_by_annotator.items():
        path = tmp_path / f"{name}.jsonl"
        write_jsonl(path, [Document.create(text, [Span(*s) for s in spans], doc_id=doc_id)
                           for doc_id, spans in docs.items()])
        files[name] = path
    return collection_from_files(files)


def test_krippendorff_published_example() -> None:
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', reliability data of
    4 observers and 12 units with missing values: nominal alpha = 0.743."""
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    assert alpha_for_units(zip(a, b, c, d)) == pytest.approx(0.743, abs=5e-4)


def test_identical_annotators_agree_perfectly(tmp_path: Path) -> None:
    spans = {"d1": [(0, 5, "SLOGAN"), (10, 20, "LOADED_LANGUAGE")]}
    col = make(tmp_path, {"ann": spans, "bea": spans})
    (pair,) = pairwise(col, "exact")
    assert pair.overall.f1 == 1.0 and pair.documents == 1
    per_device, pooled = character_alpha(col, ["SLOGAN", "LOADED_LANGUAGE"])
    assert per_device == {"SLOGAN": 1.0, "LOADED_LANGUAGE": 1.0} and pooled == 1.0


def test_disjoint_annotators(tmp_path: Path) -> None:
    col = make(tmp_path, {"ann": {"d1": [(0, 5, "SLOGAN")]}, "bea": {"d1": [(5, 10, "SLOGAN")]}},
               text=TEXT[:10])
    (pair,) = pairwise(col, "overlap")
    overall = pair.overall
    assert (overall.gold, overall.predicted, overall.found, overall.f1) == (1, 1, 0, 0.0)
    # 10 units, each with one 1 and one 0: D_o = 20/20 = 1, D_e = 2*10*10/(20*19): alpha = -0.9
    assert character_alpha(col, ["SLOGAN"])[0]["SLOGAN"] == pytest.approx(-0.9)


def test_empty_annotator(tmp_path: Path) -> None:
    col = make(tmp_path, {"ann": {"d1": [(0, 5, "SLOGAN")]}, "bea": {"d1": []}}, text=TEXT[:10])
    (pair,) = pairwise(col, "exact")
    assert (pair.overall.gold, pair.overall.predicted, pair.overall.found) == (1, 0, 0)
    assert pair.overall.f1 == 0.0
    # n = 20 values, five 1s: observed 10 mismatches, expected 2*5*15/19: alpha = -4/15
    assert character_alpha(col, ["SLOGAN"])[0]["SLOGAN"] == pytest.approx(-4 / 15)


def test_nobody_tags_anything_alpha_undefined(tmp_path: Path) -> None:
    col = make(tmp_path, {"ann": {"d1": []}, "bea": {"d1": []}})
    assert character_alpha(col, ["SLOGAN"]) == ({"SLOGAN": None}, None)


def test_nested_and_crossing_spans(tmp_path: Path) -> None:
    col = make(tmp_path, {
        "ann": {"d1": [(0, 10, "LOADED_LANGUAGE"), (2, 4, "SLOGAN")]},
        "bea": {"d1": [(5, 15, "LOADED_LANGUAGE"), (2, 4, "SLOGAN")]},
    })
    (exact,) = pairwise(col, "exact")
    (overlap,) = pairwise(col, "overlap")
    assert (exact.overall.gold, exact.overall.found, exact.overall.f1) == (2, 1, 0.5)
    assert overlap.overall.f1 == 1.0
    assert overlap.per_device["LOADED_LANGUAGE"].found == 1


def test_skipped_document_is_missing_not_empty(tmp_path: Path) -> None:
    col = make(tmp_path, {
        "ann": {"d1": [(0, 5, "SLOGAN")], "d2": [(0, 5, "SLOGAN")]},
        "bea": {"d1": [(0, 5, "SLOGAN")], "d2": [(0, 5, "SLOGAN")]},
        "cai": {"d1": [(0, 5, "SLOGAN")]},
    })
    assert col.who_annotated("d2") == ["ann", "bea"]
    docs = {(p.first, p.second): p.documents for p in pairwise(col, "exact")}
    assert docs == {("ann", "bea"): 2, ("ann", "cai"): 1, ("bea", "cai"): 1}
    # cai's absence from d2 is no disagreement: everyone who annotated agrees
    assert character_alpha(col, ["SLOGAN"])[1] == 1.0


def test_character_alpha_equals_alpha_over_explicit_characters(tmp_path: Path) -> None:
    spans = {"ann": {"d1": [(0, 7, "SLOGAN"), (3, 9, "SLOGAN")]},
             "bea": {"d1": [(2, 8, "SLOGAN")]}, "cai": {"d1": [(6, 12, "SLOGAN")]}}
    col = make(tmp_path, spans, text=TEXT[:15])
    units = [[int(any(s <= i < e for s, e, _ in spans[name]["d1"])) for name in spans]
             for i in range(15)]
    assert character_alpha(col, ["SLOGAN"])[0]["SLOGAN"] == pytest.approx(alpha_for_units(units))


def test_texts_must_match_across_annotators(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "ann.jsonl", [Document.create("one text", doc_id="d1")])
    write_jsonl(tmp_path / "bea.jsonl", [Document.create("another text", doc_id="d1")])
    with pytest.raises(InvalidInputError) as info:
        load_collection(tmp_path)
    assert str(info.value.problems[0]).endswith(
        "bea.jsonl:1: doc_id 'd1' has a different text than in "
        f"{tmp_path / 'ann.jsonl'}; the annotators did not tag the same text")


def test_majority_adjudication(tmp_path: Path) -> None:
    col = make(tmp_path, {
        "ann": {"d1": [(0, 5, "SLOGAN"), (7, 9, "DOUBT"), (10, 12, "BANDWAGON")]},
        "bea": {"d1": [(0, 5, "SLOGAN"), (10, 12, "BANDWAGON")]},
        "cai": {"d1": [(1, 5, "SLOGAN")]},
    })
    result = adjudicate(col)
    (gold,) = result.documents
    assert gold.spans == (Span(0, 5, "SLOGAN"), Span(10, 12, "BANDWAGON"))
    assert gold.meta["agreement"] == [[0, 5, "SLOGAN", 3, 3], [10, 12, "BANDWAGON", 2, 3]]
    conflicts = [(c.candidate.span.label, c.kept, c.reason) for c in result.conflicts]
    assert conflicts == [("DOUBT", False, "1 of 3 agree (needed 2)"),
                         ("BANDWAGON", True, "2 of 3 agree (needed 2)")]


def test_teacher_adjudication_and_min_agree(tmp_path: Path) -> None:
    col = make(tmp_path, {
        "ann": {"d1": [(0, 5, "SLOGAN"), (10, 12, "BANDWAGON")]},
        "bea": {"d1": [(0, 5, "SLOGAN"), (10, 12, "BANDWAGON")]},
        "teacher": {"d1": [(1, 5, "SLOGAN"), (20, 25, "DOUBT")]},
    })
    result = adjudicate(col, "teacher=teacher")
    (gold,) = result.documents
    assert gold.spans == (Span(1, 5, "SLOGAN"), Span(20, 25, "DOUBT"))  # the teacher's bounds
    reasons = sorted((c.candidate.span.label, c.kept) for c in result.conflicts)
    assert reasons == [("BANDWAGON", False), ("DOUBT", True)]
    assert adjudicate(col, min_agree=3).documents[0].spans == (Span(0, 5, "SLOGAN"),)
    with pytest.raises(ToolkitError, match="allowed: majority, teacher, teacher=NAME"):
        adjudicate(col, "vote")
    with pytest.raises(ToolkitError, match="no annotator 'zoe'"):
        adjudicate(col, "teacher=zoe")


def test_scoring_students(tmp_path: Path) -> None:
    key = {"d1": Document.create(TEXT, [Span(0, 4, "SLOGAN"), Span(10, 20, "DOUBT"),
                                        Span(30, 35, "BANDWAGON")], doc_id="d1")}
    students = make(tmp_path, {
        "sam": {"d1": [(0, 4, "SLOGAN"), (12, 25, "DOUBT"), (40, 45, "SLOGAN"),
                       (50, 52, "BANDWAGON")]},
        "tia": {"d1": [(41, 44, "SLOGAN"), (14, 15, "DOUBT")]},
        "uma": {},
    })
    scores = {s.student: s for s in score_all(key, students)}
    sam = scores["sam"]
    # SLOGAN exact; DOUBT shares 8 chars: 8/10 of the key and 8/13 of sam's span, so full credit
    assert [(m.status, m.span.label) for m in sam.marks if m.status != "extra"] == [
        ("found", "SLOGAN"), ("found", "DOUBT"), ("missed", "BANDWAGON")]
    overall = sam.overall
    assert (overall.credit, overall.key, overall.tagged) == (2.0, 3, 4)
    assert overall.precision == 0.5 and overall.recall == pytest.approx(2 / 3)
    assert overall.f1 == pytest.approx(4 / 7)
    assert sam.count("extra", True) == 1 and sam.count("extra", False) == 1
    extra = [m for m in sam.marks if m.status == "extra"]
    assert [(m.span, m.supporters) for m in extra] == [(Span(40, 45, "SLOGAN"), ("tia",)),
                                                      (Span(50, 52, "BANDWAGON"), ())]
    # tia's DOUBT covers 1 of the 10 key characters: partial, half credit
    tia = scores["tia"]
    assert [m.status for m in tia.marks if m.span.label == "DOUBT"] == ["partial"]
    assert tia.overall.credit == 0.5
    # uma's file holds no document of the key: not submitted, no grade at all (not a zero)
    uma = scores["uma"]
    assert uma.skipped == ("d1",) and uma.marks == [] and uma.status == "not submitted"


def test_cli_score_writes_grades_and_feedback(tmp_path: Path) -> None:
    key = tmp_path / "key.jsonl"
    write_jsonl(key, [Document.create(TEXT, [Span(0, 4, "SLOGAN"), Span(10, 20, "DOUBT")],
                                      doc_id="d1")])
    students = tmp_path / "class"
    students.mkdir()
    make(students, {"sam": {"d1": [(0, 4, "SLOGAN"), (30, 33, "DOUBT")]}, "tia": {"d1": []}})
    result = runner.invoke(app, ["score", str(students), "--key", str(key),
                                 "-o", str(tmp_path / "out"), "--format", "html", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    grades = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert grades == [
        "student,status,documents_scored,not_submitted,key_spans,found,partial,missed,extra,"
        "extra_defensible,extra_unsupported,found_with_kept_suggestion,kept_suggestions,"
        "deleted_suggestions,suggestion_credit,precision,recall,f1,score_percent",
        "sam,complete,1,,2,1,0,1,1,0,1,0,0,0,half,0.500,0.500,0.500,50",
        # tia tagged nothing: precision is undefined (blank), not 0 (toolkit.spans' convention)
        "tia,complete,1,,2,0,0,2,0,0,0,0,0,0,half,,0.000,0.000,0"]
    sheet = (tmp_path / "out" / "tia.feedback.html").read_text(encoding="utf-8")
    assert "你漏掉的 (2)" in sheet and "可以追问" in sheet


runner = CliRunner()


def test_cli_agree_json_and_adjudicate_never_overwrites(tmp_path: Path) -> None:
    make(tmp_path, {"ann": {"d1": [(0, 5, "SLOGAN")]}, "bea": {"d1": [(0, 5, "SLOGAN")]}})
    result = runner.invoke(app, ["agree", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["annotators"] == ["ann", "bea"] and report["alpha"]["pooled"] == 1.0
    gold = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["adjudicate", str(tmp_path), "-o", str(gold)])
    assert result.exit_code == 0, result.output
    assert read_jsonl(gold)[0].spans == (Span(0, 5, "SLOGAN"),)
    before = gold.read_bytes()
    again = runner.invoke(app, ["adjudicate", str(tmp_path), "-o", str(gold)])
    assert again.exit_code == 1
    assert again.stderr == (f"Error: {gold} exists; it may hold a teacher's edits. Use --force "
                            "to overwrite it, or -o another file\n")
    assert gold.read_bytes() == before
    assert runner.invoke(app, ["adjudicate", str(tmp_path), "-o", str(gold), "--force"]).exit_code == 0


def test_cli_agree_html_is_escaped(tmp_path: Path) -> None:
    text = "<script>alert(1)</script> 卡脖子 " + TEXT
    make(tmp_path, {"ann": {"d1": []}, "bea": {"d1": [(0, 30, "LOADED_LANGUAGE")]}}, text=text)
    result = runner.invoke(app, ["agree", str(tmp_path), "--format", "html", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; 卡脖子 </p>" in result.stdout
    assert "情绪化用词: 标注人数 1/2" in result.stdout


def test_nested_spans_of_one_annotator_are_still_a_dispute(tmp_path: Path) -> None:
    """One annotator tags 0-10 and, inside it, 2-5; the other tags nothing of that device. Every
    character of 0-10 is disputed by the one pair; counting spans instead of annotators used to
    make 2-5 look agreed (depth 2 of 2 annotators)."""
    from toolkit.agreement.passages import disputed_passages

    collection = make(tmp_path, {"a": {"d": [(0, 10, "SLOGAN"), (2, 5, "SLOGAN")]},
                                 "b": {"d": [(40, 44, "DOUBT")]}})
    passages = disputed_passages(collection, ["SLOGAN"], per_document=5)["d"]
    assert [(p.start, p.end, p.score, p.devices) for p in passages] == [
        (0, 10, 10.0, {"SLOGAN": 1})]
