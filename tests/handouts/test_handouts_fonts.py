"""Characters beyond Noto CJK: a family emoji (five code points) and a CJK Extension B ideograph
build into handouts and feedback sheets with the fonts `make system-deps` installs (reached by
fontconfig's fallback), and their text is in the PDF; without those fonts the error names the
package that draws them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from handout_support import write_lesson
from pypdf import PdfReader
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, write_jsonl
from toolkit.devices import Catalogue
from toolkit.handouts import BuildOptions, build_lessons
from toolkit.render.fonts import missing_font_message
from toolkit.spans import Span

FAMILY, RARE = "👨\u200d👩\u200d👧", "𠀀"
TEXT = (f"一家人{FAMILY}都说：“这是史上最强的电池！”古字{RARE}也在这里。\n"
        "第二段：专家称，这项技术将改变世界。")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def document() -> Document:
    start, end = TEXT.index(FAMILY), TEXT.index("也在")
    return Document.create(TEXT, [Span(start, end, "EXAGGERATION")], doc_id="family",
                           title=f"一家人{FAMILY}与{RARE}", language="zh")


def test_handouts_with_emoji_and_extension_b_build(tmp_path: Path, catalogue: Catalogue) -> None:
    spec = write_lesson(tmp_path / "lesson", "family", [document()],
                        f"title: 一家人{FAMILY}与{RARE}\nlanguage: zh\nannotations: family.jsonl\n")
    [result] = build_lessons([spec], catalogue, BuildOptions(out=tmp_path / "out", jobs=1))
    assert result.status == "built" and result.warnings == ()
    for kind in ("student", "teacher", "annotated"):
        text = pdf_text(tmp_path / "out" / "family" / f"{kind}.pdf")
        assert FAMILY in text and RARE in text, kind


def test_feedback_sheet_with_emoji_and_extension_b_builds(tmp_path: Path) -> None:
    key = document()
    write_jsonl(tmp_path / "gold.jsonl", [key])
    write_jsonl(tmp_path / "class" / "lin.jsonl", [key.with_spans([])])
    result = CliRunner().invoke(app, ["score", str(tmp_path / "class"), "--key",
                                      str(tmp_path / "gold.jsonl"), "-o", str(tmp_path / "out"),
                                      "--lang", "zh"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "lin.feedback.pdf")
    assert f"«{FAMILY}都说" in text and f"古字{RARE}»" in text


@pytest.mark.skipif(not NOTO_CJK.is_dir(), reason="needs fonts-noto-cjk in its Debian folder")
def test_without_the_fonts_the_error_names_their_packages(tmp_path: Path) -> None:
    """A fontconfig that knows only Noto CJK: the render fails naming the emoji and the
    Extension B packages (not fonts-noto-cjk, which is there)."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{NOTO_CJK}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    script = ("from toolkit.render.pdf import Renderer, MissingFontError\n"
              "try:\n"
              f"    Renderer('.').pdf('<html><body><p>家人{FAMILY}，古字{RARE}</p></body></html>', "
              "'student.pdf')\n"
              "except MissingFontError as exc:\n"
              "    print(exc)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ, "FONTCONFIG_FILE": str(config)}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        "student.pdf: no installed font has glyphs for some characters (👨 (U+1F468), "
        "👩 (U+1F469), 👧 (U+1F467), 𠀀 (U+20000)); the PDF would show empty boxes, so nothing "
        "was written. Install fonts for emoji and rare CJK ideographs (Extension B and later): "
        "on Debian/Ubuntu `sudo apt-get install fonts-noto-color-emoji fonts-hanazono` (or run "
        "`make system-deps`); elsewhere install Noto Color Emoji and HanaMin A and B, then "
        "build again.\n")


def test_other_scripts_get_advice_that_exists() -> None:
    message = missing_font_message(
        ['.notdef glyph rendered for Unicode string unsupported by fonts: "ก" (U+0E01)'], "x")
    assert message.endswith("Install a font for other scripts: on Debian/Ubuntu `sudo apt-get "
                            "install fonts-noto-core`; elsewhere install a Noto font for the "
                            "script, then build again.")
