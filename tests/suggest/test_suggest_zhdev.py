"""The rules on real Chinese articles nobody on the project wrote (`../shared/corpus/zh-dev`):
per-device overlap recall and precision stay at or above floors a little under what was
measured (docs/suggest.md has the table and the command that makes it). The articles the rules
were developed on and the held-out ones are scored apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.corpus import Document, read_jsonl
from toolkit.evaluation import evaluate_documents
from toolkit.suggest import SuggestOptions, suggest_documents

ZH_DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
#: The articles held out from rule development (benchmarks/suggest_quality.py says how chosen).
HELD_OUT = {"zhdev-04", "zhdev-10", "zhdev-11", "zhdev-12", "zhdev-13", "zhdev-19", "zhdev-20",
            "zhdev-22"}
DEVICES = ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
           "SLOGAN")
GROUPS = {"SOURCING": ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION"]}

pytestmark = pytest.mark.skipif(not ZH_DEV.exists(), reason="shared corpus not present")


def scores(held_out: bool):
    gold = [d for d in read_jsonl(ZH_DEV) if (d.doc_id in HELD_OUT) == held_out]
    bare = [Document(d.doc_id, d.text, (), {}) for d in gold]
    predicted = list(suggest_documents(bare, SuggestOptions(devices=DEVICES)))
    return (evaluate_documents(gold, predicted, "overlap"),
            evaluate_documents(gold, predicted, "overlap", groups=GROUPS))


# (device, recall floor, precision floor) per part; measured figures are in docs/suggest.md.
FLOORS = {
    # developed on: measured R 0.98 P 0.92 (1.00/0.92 after issue #14's generalisation), 1.00/0.90, 0.80/0.80, 1.00/0.64
    False: [("SOURCING", 0.9, 0.85), ("RHETORICAL_QUESTION", 0.9, 0.8),
            ("UNVERIFIED_HEADLINE", 0.7, 0.6), ("SLOGAN", 0.8, 0.5)],
    # held out: measured R 0.67 P 0.83 at first, 0.70/0.81 with the rules of that rework, 0.77/0.82
    # after issue #14's generalisation (sourcing), 1.00/1.00 (questions), 0.50/0.50 (headline)
    True: [("SOURCING", 0.7, 0.75), ("RHETORICAL_QUESTION", 0.9, 0.9),
           ("UNVERIFIED_HEADLINE", 0.5, 0.5)],
}


@pytest.mark.parametrize("held_out", [False, True], ids=["developed-on", "held-out"])
def test_per_device_figures_stay_above_their_floors(held_out):
    plain, grouped = scores(held_out)
    for device, recall, precision in FLOORS[held_out]:
        score = (grouped if device == "SOURCING" else plain).score(device)
        assert score.recall is not None and score.recall >= recall, (device, score)
        assert score.precision is not None and score.precision >= precision, (device, score)
