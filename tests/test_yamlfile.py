"""The YAML reader's fast path: the C parser reads the data, lines are noted only when asked,
and they are the lines the line-noting loader gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit import yamlfile
from toolkit.yamlfile import read_yaml

REPO = Path(__file__).resolve().parents[1]
FILES = sorted([*REPO.glob("toolkit/**/*.yaml"), *REPO.glob("lessons/*.yaml")])


def _slow(text: str) -> tuple[Any, dict[int, int], dict[tuple[int, Any], int]]:
    loader = yamlfile._Loader(text)
    try:
        return loader.get_single_data(), loader.node_lines, loader.key_lines
    finally:
        loader.dispose()


def _same_lines(fast: yamlfile.YamlFile, slow: Any, nodes: dict, keys: dict) -> int:
    """Walk both readings side by side; every mapping, list and key has the same line.
    Returns how many lines were compared."""
    compared = 0
    pending = [(fast.data, slow)]
    while pending:
        a, b = pending.pop()
        if isinstance(a, (dict, list)):
            assert fast.line_of(a) == nodes[id(b)]
            compared += 1
        if isinstance(a, dict):
            for key in a:
                assert fast.key_line(a, key) == keys[(id(b), key)]
                compared += 1
                pending.append((a[key], b[key]))
        elif isinstance(a, list):
            pending.extend(zip(a, b))
    return compared


@pytest.mark.skipif(yamlfile._FAST is None, reason="PyYAML was built without libyaml here")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_fast_reading_gives_the_same_data_and_lines(path: Path) -> None:
    read = read_yaml(path, "a YAML file")
    assert read.text is not None  # the fast path was taken
    slow, nodes, keys = _slow(path.read_text(encoding="utf-8"))
    assert read.data == slow
    assert _same_lines(read, slow, nodes, keys) > 0


@pytest.mark.parametrize("text, line, message", [
    ("a:\n  b: [1, 2]\n  c: 2024-13-45\n", 3, "invalid value"),
    ("a: &x [1]\nb: *x\nc: \"\\0\"\n", 3, "NUL"),
    ("a:\n  b: " + "9" * 5000 + "\n", 2, "digits"),
])
def test_what_the_fast_parser_would_accept_is_still_refused_with_its_line(
        tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(yamlfile.UnreadableFileError) as caught:
        read_yaml(path, "a YAML file")
    assert caught.value.problem.line == line
    assert message in caught.value.problem.message


def test_a_tab_is_refused_as_before(tmp_path: Path) -> None:
    """libyaml reads a tab inside a plain scalar that PyYAML's own scanner refuses: such text
    goes to the line-noting loader, which says so with its line."""
    path = tmp_path / "x.yaml"
    path.write_text("t\title: T\n", encoding="utf-8")
    with pytest.raises(yamlfile.UnreadableFileError) as caught:
        read_yaml(path, "a YAML file")
    assert caught.value.problem.line == 1
