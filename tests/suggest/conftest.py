"""Shared fixtures for the suggestion tests: the catalogue, the built-in rules, suggesters."""

from __future__ import annotations


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
