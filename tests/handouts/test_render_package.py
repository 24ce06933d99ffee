"""The render package: one Jinja environment, the printed words complete in every language, and
WeasyPrint behind one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from toolkit import language
from toolkit.errors import ToolkitError
from toolkit.render import environment, ui_strings
from toolkit.render.strings import LANGUAGES, check_strings

TOOLKIT = Path(__file__).resolve().parents[2] / "toolkit"
SEAM = TOOLKIT / "render" / "pdf.py"


def test_every_supported_language_has_every_string() -> None:
    assert {p.stem for p in LANGUAGES.glob("*.yaml")} >= set(language.SUPPORTED)
    assert check_strings() == []


def test_a_missing_string_is_reported_by_the_check(tmp_path: Path, monkeypatch) -> None:
    import toolkit.render.strings as strings

    for lang in language.SUPPORTED:
        text = (LANGUAGES / f"{lang}.yaml").read_text(encoding="utf-8")
        if lang != "en":  # drop one string and change one placeholder
            text = text.replace("  legend:", "  legend_x:", 1)
            text = text.replace("{line}", "{row}", 1)
        (tmp_path / f"{lang}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(strings, "LANGUAGES", tmp_path)
    strings._load.cache_clear()
    try:
        problems = check_strings()
    finally:
        strings._load.cache_clear()
    other = next(lang for lang in language.SUPPORTED if lang != "en")
    assert f"{other}.yaml: handout.legend: missing (English has it)" in problems
    assert any(p.startswith(f"{other}.yaml: handout.legend_x: not in en.yaml") for p in problems)
    assert any("('{row}',) where en.yaml has ('{line}',)" in p for p in problems)


def test_unknown_language_or_section_names_what_is_allowed() -> None:
    with pytest.raises(ToolkitError, match=r"no printed words for language 'fr' \(allowed: "):
        ui_strings("fr", "handout")
    with pytest.raises(ToolkitError, match=r"no section 'menu' \(sections: handout, agreement, "
                                           r"feedback\)"):
        ui_strings("en", "menu")


def test_one_environment_escapes_and_refuses_undefined(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("<p>{{ text }}</p>{{ v | num }} {{ v | percent }} "
                                     "{{ none | num }}", encoding="utf-8")
    (tmp_path / "u.html").write_text("{{ missing }}", encoding="utf-8")
    env = environment(tmp_path)
    assert env.get_template("t.html").render(text="<script>", v=0.456, none=None) == \
        "<p>&lt;script&gt;</p>0.46 46% —"
    with pytest.raises(UndefinedError):
        env.get_template("u.html").render()


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_weasyprint_lives_behind_one_module() -> None:
    users = sorted(str(p.relative_to(TOOLKIT)) for p in TOOLKIT.rglob("*.py")
                   if any(n.split(".")[0] == "weasyprint" for n in _imports(p)))
    assert users == ["render/pdf.py"]
    walkers = sorted(str(p.relative_to(TOOLKIT)) for p in TOOLKIT.rglob("*.py")
                     if "_page_box" in p.read_text(encoding="utf-8"))
    assert walkers == ["render/pdf.py"]


def test_one_jinja_environment() -> None:
    users = sorted(str(p.relative_to(TOOLKIT)) for p in TOOLKIT.rglob("*.py")
                   if any(n.split(".")[0] == "jinja2" for n in _imports(p)))
    assert users == ["render/templating.py"]
