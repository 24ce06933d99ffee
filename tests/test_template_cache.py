"""Compiled templates are kept in the user's cache folder, and a damaged cache is no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.render.templating import environment


def _render(folder: Path) -> str:
    return environment(folder).get_template("t.html.j2").render(name="<b>x</b>")


def test_a_damaged_template_cache_is_compiled_again(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text("<p>{{ name }}</p>\n", encoding="utf-8")
    first = _render(templates)
    assert first == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    kept = list((tmp_path / "cache" / "mlt" / "templates").iterdir())
    assert len(kept) == 1
    kept[0].write_bytes(b"\x00not a compiled template")
    assert _render(templates) == first
    (templates / "t.html.j2").write_text("<p>{{ name }}!</p>\n", encoding="utf-8")
    assert _render(templates) == first.replace("</p>", "!</p>")  # the source changed: recompiled
    monkeypatch.setenv("XDG_CACHE_HOME", str(templates / "t.html.j2"))  # not a folder
    assert _render(templates) == first.replace("</p>", "!</p>")
