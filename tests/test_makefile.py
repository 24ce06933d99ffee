"""The Makefile's words to a newcomer (lessons counted, how to run mlt, the doccano download
announced) and a pyproject.toml setuptools builds without warnings."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run make in the checkout without (re)building .venv or touching system packages."""
    return subprocess.run(["make", "-s", "-o", ".venv/.installed", "-o", "system-deps", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_demo_counts_the_lessons_and_says_how_to_run_mlt() -> None:
    lessons = len(list((ROOT / "lessons").glob("*.yaml")))
    result = make("-n", "demo")
    assert result.returncode == 0, result.stderr
    assert (f'echo "Handouts for the {lessons} sample lessons are in exports/ (student, teacher, '
            'annotated; PDF and HTML)."') in result.stdout
    assert ("Run the toolkit as .venv/bin/mlt (try .venv/bin/mlt --help), or type "
            "\\`. .venv/bin/activate\\` once and then just \\`mlt\\`.") in result.stdout


def test_test_announces_the_doccano_download_only_before_it(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text("#!/bin/sh\nexit 0\n")  # stands in for the test run itself
    (fake / "python").chmod(0o755)
    venv = tmp_path / "doccano-venv"
    result = make("test", f"BIN={fake}", env={"MLT_DOCCANO_VENV": str(venv)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "make test: the doccano tests run a real doccano 1.8.4 server; this first run downloads "
        f"and installs it (about 700 MB, 30-45 s on a fast line) into {venv}, later runs reuse "
        "it.\n")
    venv.mkdir()
    (venv / ".mlt-installed").write_text("doccano==1.8.4 numpy<2 marshmallow<4\n")
    assert make("test", f"BIN={fake}", env={"MLT_DOCCANO_VENV": str(venv)}).stdout == ""


def test_licence_is_an_spdx_string_for_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert "setuptools>=77" in project["build-system"]["requires"]  # SPDX strings since 77
