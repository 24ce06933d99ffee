"""The real seed article: the sourcing devices are found, and (when the teacher's gold exists)
the issue's overlap targets hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.corpus import Document
from toolkit.evaluation import evaluate_documents
from toolkit.formats.text import import_text
from toolkit.spans import Span
from toolkit.suggest import META_KEY, SuggestOptions, suggest_documents

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = CORPUS / "seed" / "chip-ban-article.zh.txt"
SEED_GOLD = Path(__file__).resolve().parents[1] / "data" / "seed-gold.json"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def seed_suggested(rules):
    documents = import_text([SEED])
    return list(suggest_documents(documents, SuggestOptions(lang="auto"), rules=rules))


def spans_of(document: Document, label: str) -> list[str]:
    return [document.span_text(s) for s in document.spans if s.label == label]


def test_sourcing_devices_of_the_seed_are_found(seed_suggested):
    body = seed_suggested[0]
    anonymous = spans_of(body, "ANONYMOUS_SOURCE")
    vague = spans_of(body, "VAGUE_ATTRIBUTION")
    # the quote and the anonymous executive who said it, although a blank line separates them
    assert any(s.startswith("“没有英伟达的GPU") and s.endswith("一位不愿透露姓名的AI大厂高管")
               for s in anonymous)
    assert any("一位AI创业者" in s and "花钱就能买到" in s for s in anonymous)
    # a bare category ("一位业内人士") is a vague attribution, not a specific unnamed person
    assert any(s.endswith("一位业内人士如是说") and s.startswith("我们不能总是") for s in vague)
    assert not any("一位业内人士如是说" in s for s in anonymous)
    assert any(s.startswith("有的人感叹“") for s in vague)
    assert any(s.endswith("有人直接说“国产AI要凉了”") for s in vague)
    assert any(s.startswith("就像AI领域的专家说的那样") for s in vague)
    assert spans_of(body, "UNVERIFIED_HEADLINE") == ["英伟达正式宣布: 停止接受中国订单!"]


def test_every_span_is_explained_in_meta(seed_suggested):
    for document in seed_suggested:
        records = document.meta[META_KEY]
        assert {Span(r["start"], r["end"], r["label"]) for r in records} == set(document.spans)
        for record in records:
            assert record["rule"] and record["reason"] and "\n" not in record["reason"]


def test_issue_targets_on_the_teachers_gold(seed_suggested):
    gold_data = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    body = text[:gold_data["body_end"]]
    gold = Document.create(body, [Span(*item) for item in gold_data["label"]], doc_id="seed")
    predicted = seed_suggested[0]
    assert predicted.text == body
    sourcing = evaluate_documents(
        [gold], [predicted], "overlap",
        groups={"SOURCING": ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION"]}).score("SOURCING")
    assert sourcing.recall >= 0.9 and sourcing.precision >= 0.8
    result = evaluate_documents([gold], [predicted], "overlap")
    assert result.score("RHETORICAL_QUESTION").recall >= 0.8
    assert result.score("UNVERIFIED_HEADLINE").recall >= 0.8
    assert result.score("SLOGAN").recall >= 0.7
