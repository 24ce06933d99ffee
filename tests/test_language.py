"""The one language guesser: Chinese with Latin brand names stays Chinese, English quoting a Chinese
phrase stays English, tags are reduced to a supported language, and every module agrees."""

from pathlib import Path

import pytest

from toolkit import language
from toolkit.corpus import Document
from toolkit.devices import load_catalogue
from toolkit.errors import CatalogueError
from toolkit.formats.text import import_text
from toolkit.suggest import document_language



@pytest.mark.parametrize("text, expected", [
    ("iPhone 15 发布", "zh"),
    ("Apple 发布 iPhone 15 Pro Max", "zh"),
    ("中国AI产业迎来新机遇", "zh"),
    ("The phrase 卡脖子 (choke point) appears in many headlines about chips and export rules.",
     "en"),
    ("Officials said the new rules would take effect next year.", "en"),
    ("2024-10-23 11:23:26 117", "en"),
    ("", "en"),
    ("𠀀𠀁 is rare", "zh"),
])
def test_guess(text: str, expected: str) -> None:
    assert language.guess(text) == expected


@pytest.mark.parametrize("tag, expected", [
    ("zh", "zh"), ("zh-Hans-CN", "zh"), ("ZH_cn", "zh"), ("en-GB", "en"), ("fr", None),
    (None, None), (3, None), ("", None)])
def test_base(tag: object, expected: str | None) -> None:
    assert language.base(tag) == expected


def test_declared_language_wins_over_the_guess() -> None:
    assert language.of_text("en", "完全是中文的文本") == "en"
    assert language.of_text("fr", "完全是中文的文本") == "zh"


def test_importer_and_suggester_agree(tmp_path: Path) -> None:
    """The two callers that used to guess differently give the same answer on the same text."""
    text = "iPhone 15 发布\n\n苹果公司今天发布了新手机。"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    imported = import_text([path])[0]
    assert imported.meta["language"] == "zh"
    bare = Document("x", text, (), {})
    assert document_language(bare) == "zh"


def test_catalogue_refuses_a_language_the_toolkit_cannot_process(tmp_path: Path) -> None:
    overlay = tmp_path / "fr.yaml"
    overlay.write_text("languages: [fr]\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue([overlay])
    assert "language 'fr'" in str(caught.value)
    assert "supported: zh, en" in str(caught.value)
