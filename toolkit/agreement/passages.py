"""Where annotators disagree most: the passages of each document a teacher should discuss."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..collection import Collection
from ..spans import coverage, coverage_depth


@dataclass(frozen=True)
class Passage:
    """A stretch of text where some annotators tagged a device and others did not."""

    doc_id: str
    start: int
    end: int
    text: str
    score: float  # disagreeing annotator pairs, summed over the passage's characters, per char
    devices: dict[str, int]  # device -> the most annotators who tagged it anywhere in the passage
    annotators: int

    def to_json(self) -> dict[str, object]:
        """Plain data for JSON and templates."""
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text,
                "score": round(self.score, 3), "devices": self.devices,
                "annotators": self.annotators}


def disputed_passages(collection: Collection, devices: Sequence[str], per_document: int = 3,
                      ) -> dict[str, list[Passage]]:
    """For each document, up to `per_document` passages ranked by how many annotator pairs
    disagree on them (a device tagged by half of the annotators is the most disputed)."""
    result: dict[str, list[Passage]] = {}
    for doc_id in collection.doc_ids:
        coders = collection.who_annotated(doc_id)
        text = collection.texts[doc_id].text
        if len(coders) < 2 or not text:
            result[doc_id] = []
            continue
        conflict = [0] * len(text)
        counts: list[dict[str, int]] = [{} for _ in text]
        present = {s.label for c in coders for s in collection.annotations[c][doc_id].spans}
        for device in (d for d in devices if d in present):
            covers = [coverage(collection.annotations[c][doc_id].spans, device) for c in coders]
            for start, end, level in coverage_depth(covers, len(text)):
                if not 0 < level < len(coders):
                    continue
                for i in range(start, end):
                    conflict[i] += level * (len(coders) - level)
                    counts[i][device] = max(counts[i].get(device, 0), level)
        result[doc_id] = _top(doc_id, text, conflict, counts, len(coders), per_document)
    return result


def _top(doc_id: str, text: str, conflict: list[int], counts: list[dict[str, int]],
         coders: int, keep: int) -> list[Passage]:
    passages = []
    i = 0
    while i < len(text):
        if not conflict[i]:
            i += 1
            continue
        j = i
        devices: dict[str, int] = {}
        while j < len(text) and conflict[j]:
            for device, n in counts[j].items():
                devices[device] = max(devices.get(device, 0), n)
            j += 1
        score = sum(conflict[i:j]) / (coders * (coders - 1) / 2)
        passages.append(Passage(doc_id, i, j, text[i:j], score, devices, coders))
        i = j
    passages.sort(key=lambda p: (-p.score, p.start))
    return sorted(passages[:keep], key=lambda p: -p.score)
