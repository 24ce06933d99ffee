"""Gold-vs-prediction scores: exact and overlap matching, groups, pairing, and the CLI table/JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, write_jsonl
from toolkit.evaluation import (EvaluationError, Score, evaluate_documents, merge_labels,
                                pair_documents, score_spans)
from toolkit.spans import Span

TEXT = "0123456789" * 3


def doc(spans, doc_id="d1", text=TEXT):
    return Document.create(text, [Span(*s) for s in spans], doc_id=doc_id)


def test_exact_and_overlap_counts():
    gold = [Span(0, 5, "A"), Span(10, 15, "A"), Span(20, 25, "B")]
    pred = [Span(0, 5, "A"), Span(12, 18, "A"), Span(14, 16, "A"), Span(20, 25, "A")]
    exact = score_spans(gold, pred, "exact")
    assert exact["A"] == Score("A", 2, 4, 1, 1)
    assert exact["B"] == Score("B", 1, 0, 0, 0)
    overlap = score_spans(gold, pred, "overlap")
    assert overlap["A"] == Score("A", 2, 4, 2, 3)
    assert overlap["A"].precision == 0.75 and overlap["A"].recall == 1.0
    assert overlap["A"].f1 == pytest.approx(2 * 0.75 / 1.75)
    assert overlap["B"].precision is None and overlap["B"].recall == 0.0
    assert overlap["B"].f1 == 0.0


def test_touching_spans_do_not_overlap_and_repeats_count_once():
    scores = score_spans([Span(0, 5, "A")], [Span(5, 9, "A"), Span(5, 9, "A")], "overlap")
    assert scores["A"] == Score("A", 1, 1, 0, 0)


def test_one_long_prediction_can_find_two_gold_spans():
    scores = score_spans([Span(0, 3, "A"), Span(6, 9, "A")], [Span(0, 9, "A")], "overlap")
    assert scores["A"] == Score("A", 2, 1, 2, 1)


@given(st.lists(st.tuples(st.integers(0, 28), st.integers(1, 5), st.sampled_from("AB")),
                max_size=12),
       st.lists(st.tuples(st.integers(0, 28), st.integers(1, 5), st.sampled_from("AB")),
                max_size=12))
def test_overlap_agrees_with_brute_force_and_bounds_exact(gold_raw, pred_raw):
    gold = [Span(s, s + n, label) for s, n, label in gold_raw]
    pred = [Span(s, s + n, label) for s, n, label in pred_raw]
    overlap, exact = score_spans(gold, pred, "overlap"), score_spans(gold, pred, "exact")
    for label, score in overlap.items():
        g = {x for x in gold if x.label == label}
        p = {x for x in pred if x.label == label}
        assert score.found == sum(any(x.overlaps(y) for y in p) for x in g)
        assert score.correct == sum(any(x.overlaps(y) for y in g) for x in p)
        assert exact[label].found <= score.found and exact[label].correct <= score.correct


def test_groups_merge_labels_before_scoring():
    gold = [doc([(0, 5, "ANONYMOUS_SOURCE"), (10, 15, "VAGUE_ATTRIBUTION")])]
    pred = [doc([(0, 5, "VAGUE_ATTRIBUTION"), (11, 12, "VAGUE_ATTRIBUTION")])]
    groups = {"SOURCING": ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION"]}
    result = evaluate_documents(gold, pred, "overlap", groups=groups)
    assert result.score("SOURCING") == Score("SOURCING", 2, 2, 2, 2)
    assert merge_labels([Span(0, 1, "X")], groups) == [Span(0, 1, "X")]
    plain = evaluate_documents(gold, pred, "exact", labels=["ANONYMOUS_SOURCE", "SLOGAN"])
    assert [s.label for s in plain.scores] == ["ANONYMOUS_SOURCE", "SLOGAN"]
    assert plain.overall == Score("(overall)", 1, 0, 0, 0)


def test_pairing_by_id_then_by_text_and_every_problem_listed():
    gold = [doc([], "a"), doc([], "b", "other text"), doc([], "c", "third"), doc([], "d", "x")]
    pred = [doc([], "a"), doc([], "renamed", "other text"), doc([], "c", "changed")]
    with pytest.raises(EvaluationError) as info:
        pair_documents(gold, pred)
    message = str(info.value)
    assert message.startswith("2 problem(s) pairing gold and predictions:\n")
    assert "document 'c': the predicted text differs from the gold text" in message
    assert "gold document 'd' has no prediction" in message
    assert len(pair_documents(gold[:2], pred)) == 2


def test_cli_prints_json_and_table(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    write_jsonl(gold, [doc([(0, 5, "SLOGAN"), (10, 15, "EXAGGERATION")])])
    write_jsonl(pred, [doc([(0, 4, "SLOGAN"), (20, 22, "SLOGAN")])])
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred),
                                 "--format", "json", "--match", "overlap"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["results"][0]
    assert data["overall"] == {"label": "(overall)", "gold": 2, "predicted": 2, "found": 1,
                               "correct": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert [x["label"] for x in data["labels"]] == ["EXAGGERATION", "SLOGAN"]
    table = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0
    assert "exact match, 1 document(s)" in table.output
    assert "overlap match, 1 document(s)" in table.output
    bad = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred),
                              "--group", "SOURCING=ANONYMOUS,VAGUE_ATTRIBUTION"])
    assert bad.exit_code == 2  # usage mistakes exit 2 (docs/cli.md)
    assert ("Invalid value for '--group': unknown device 'ANONYMOUS' — did you mean "
            "ANONYMOUS_SOURCE?") in bad.output
    mode = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred),
                               "--match", "fuzzy"])
    assert mode.exit_code == 2
    assert ("Error: Invalid value for '--match': 'fuzzy' (allowed: exact, overlap, both)"
            in mode.output)
