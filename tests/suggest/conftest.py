"""Shared fixtures for the suggestion tests: the catalogue, the built-in rules, suggesters."""

from __future__ import annotations

import time

import pytest

from toolkit.devices import load_catalogue
from toolkit.suggest import Suggester, load_rules


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def rules(catalogue):
    return load_rules(check_label=catalogue.unknown_label_message)


@pytest.fixture(scope="session")
def suggesters(rules):
    return {"zh": Suggester(rules, "zh"), "en": Suggester(rules, "en")}


@pytest.fixture(scope="session")
def found(suggesters):
    """found(text, lang, device) -> the texts of the spans suggested for that device."""
    def run(text: str, lang: str, device: str) -> list[str]:
        return [text[s.start:s.end] for s in suggesters[lang].suggest(text) if s.label == device]
    return run


SOURCING = ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION")


@pytest.fixture(scope="session")
def sourcing_case(found):
    """sourcing_case(text, expected, words): asserts what the English sourcing rules suggest for
    `text`. `expected` is "A" (an anonymous source whose span contains `words`, nothing vague),
    "V" (the same for a vague attribution) or "-" (no sourcing suggestion at all)."""
    def check(text: str, expected: str, words: str) -> None:
        suggested = {label: found(text, "en", label) for label in SOURCING}
        if expected == "-":
            assert suggested == {label: [] for label in SOURCING}, (text, suggested)
            return
        wanted, other = SOURCING if expected == "A" else reversed(SOURCING)
        assert any(words in span for span in suggested[wanted]), (text, suggested)
        assert suggested[other] == [], (text, suggested)
    return check


@pytest.fixture(scope="session")
def read_in_bounded_time(found):
    """read_in_bounded_time(piece, lang): one tell repeated 2,000 times as one paragraph and one
    a line (untrusted text) is read by the sourcing rules in bounded time: every stretch a rule
    reads is bounded, so the time grows with the length, not with its square."""
    def check(piece: str, lang: str = "en") -> None:
        started = time.process_time()
        whole = piece * 2000
        lines = "\n".join(["Headline"] + [piece.strip()] * 2000)
        for text in (whole, lines):
            for label in SOURCING:
                found(text, lang, label)
        assert time.process_time() - started < 20, piece
    return check


def assert_spans_well_placed(record: dict, one_line: bool = False) -> None:
    """A blind set's record (text loaded): every span is trimmed text, a headline span is the
    whole headline and nothing else is labelled inside it, a question ends with "?";
    `one_line`: no span crosses a line break."""
    text = record["text"]
    headline_end = text.index("\n\n")
    labels = {label for _, _, label in record["label"]}
    for start, end, label in record["label"]:
        covered = text[start:end]
        assert covered == covered.strip() and covered, (record["doc_id"], start)
        if one_line:
            assert "\n" not in covered, (record["doc_id"], start)
        if label == "UNVERIFIED_HEADLINE":
            assert (start, end) == (0, headline_end), record["doc_id"]
        elif "UNVERIFIED_HEADLINE" in labels:
            assert start >= headline_end, record["doc_id"]
        if label == "RHETORICAL_QUESTION":
            assert covered.endswith("?"), (record["doc_id"], covered)


@pytest.fixture(scope="session")
def spans_well_placed():
    """spans_well_placed(record, one_line=False): see assert_spans_well_placed."""
    return assert_spans_well_placed
