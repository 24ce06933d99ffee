"""Shared fixtures for the handout tests: the catalogue, the seed-article lesson, real builds.

Builds are real (WeasyPrint renders, pypdf extracts the text) and shared per session, because each
takes a few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from handout_support import (LESSONS, SAMPLES, article_lines, layout_text, seed_document,
                             write_lesson)
from pypdf import PdfReader

from toolkit.devices import Catalogue, load_catalogue
from toolkit.handouts import BuildOptions, BuildResult, build_lessons


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (typeset lines kept by other runs are not read)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The built-in device catalogue."""
    return load_catalogue()


@dataclass
class Built:
    """A finished build: where it went and what the library returned."""

    out: Path
    results: list[BuildResult]

    def folder(self, name: str) -> Path:
        return self.out / name


@pytest.fixture(scope="session")
def seed_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lesson for the seed article (every line numbered)."""
    folder = tmp_path_factory.mktemp("seed")
    return write_lesson(folder, "seed", [seed_document()],
                        "title: 芯片断供文章里的信源与口号\nlanguage: zh\n"
                        "annotations: seed.jsonl\nlevel: 高中一年级\nline_numbers: 1\n"
                        "focus: [ANONYMOUS_SOURCE, VAGUE_ATTRIBUTION, SLOGAN]\n")


@pytest.fixture(scope="session")
def english_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English sample lesson with every line numbered (the shipped one numbers every 5th)."""
    folder = tmp_path_factory.mktemp("english")
    text = (LESSONS / "drone-ban.yaml").read_text(encoding="utf-8")
    text = text.replace("line_numbers: 5", "line_numbers: 1")
    text = text.replace("../annotations/samples/gold.jsonl", str(SAMPLES))
    path = folder / "drone-ban-every-line.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue, seed_spec: Path,
          english_spec: Path) -> Built:
    """The shipped sample lessons, the seed lesson and the every-line English lesson, built once
    on A4 with two processes."""
    out = tmp_path_factory.mktemp("exports")
    results = build_lessons([LESSONS, seed_spec, english_spec], catalogue,
                            BuildOptions(out=out, jobs=2))
    return Built(out, results)


@pytest.fixture(scope="session")
def pdf_text() -> Callable[[Path], str]:
    """Extract the text of a PDF, pages joined by newlines."""
    def extract(path: Path) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return extract


@pytest.fixture(scope="session")
def printed_lines() -> Callable[[Path, str, str], dict[int, str]]:
    """The numbered article lines of a PDF (`article_lines` of its `pdftotext -layout` text)."""
    def lines(pdf: Path, start: str, end: str) -> dict[int, str]:
        return article_lines(layout_text(pdf), start, end)
    return lines
