"""Safety: article markup stays text, rendering fetches nothing and attaches nothing, and a
missing CJK font fails the build instead of printing empty boxes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from handout_support import REPO, write_lesson
from pypdf import PdfReader

from toolkit.corpus import Document
from toolkit.handouts import BuildOptions, build_lessons
from toolkit.handouts.render import TEMPLATES
from toolkit.render.pdf import Renderer, restricted_fetcher
from toolkit.spans import Span


class Recorder(BaseHTTPRequestHandler):
    """Answers every GET with a tiny body and records the path."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.hits.append(self.path)
        body = b"p { color: red }" if self.path.endswith(".css") else b"GIF89a"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback that records every request made to it."""
    hits: list[str] = []
    handler = type("Handler", (Recorder,), {"hits": hits})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def hostile_markup(base: str) -> str:
    return (f'<img src="{base}/pixel.gif">\n'
            f'<link rel="stylesheet" href="{base}/evil.css">\n'
            '<a rel="attachment" href="file:///etc/hostname">hostname</a>\n'
            f'<script src="{base}/x.js">alert("x")</script>\n'
            f'<iframe src="{base}/frame.html"></iframe>')


def attachments(path: Path) -> list[str]:
    reader = PdfReader(path)
    found = list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append("annotation")
    return found


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_markup_in_an_article_is_printed_not_obeyed(tmp_path: Path, catalogue, server) -> None:
    base, hits = server
    markup = hostile_markup(base)
    text = f"Breaking: a page with code in it.\n\n{markup}\n\nThe end."
    start = text.index("<script")
    document = Document.create(text, [Span(start, text.index("</script>") + 9, "SLOGAN")],
                               doc_id="hostile", title="Hostile", source="<b>x</b>")
    spec = write_lesson(tmp_path, "hostile", [document],
                        "title: <script>alert(1)</script>\nlanguage: en\n"
                        "annotations: hostile.jsonl\n")
    out = tmp_path / "out"
    [result] = build_lessons([spec], catalogue, BuildOptions(out=out, jobs=1))
    assert result.warnings == ()
    assert hits == []
    for kind in ("student", "teacher", "annotated"):
        pdf = out / "hostile" / f"{kind}.pdf"
        assert attachments(pdf) == []
        extracted = squeeze("".join(p.extract_text() for p in PdfReader(pdf).pages))
        for line in markup.splitlines():
            assert squeeze(line) in extracted
        html = (out / "hostile" / f"{kind}.html").read_text(encoding="utf-8")
        assert "<script" not in html and "<img" not in html and "<iframe" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title, escaped
        assert "&lt;b&gt;x&lt;/b&gt;" in html  # the source, escaped
        assert 'rel="attachment"' not in html and "&lt;a rel=&#34;attachment&#34;" in html


def test_restricted_fetcher_blocks_real_elements(server) -> None:
    base, hits = server
    html = f"<html><head>{hostile_markup(base)}</head><body><p>x</p></body></html>"
    # control: WeasyPrint's default fetcher fetches and attaches (so the test can see it)
    from weasyprint import HTML
    HTML(string=html).write_pdf()
    assert set(hits) >= {"/pixel.gif", "/evil.css"}
    hits.clear()
    data, pages, warnings, _ = Renderer(TEMPLATES).pdf(html, "test")
    assert hits == [] and pages == 1
    assert b"/EmbeddedFile" not in data and b"/FileAttachment" not in data
    assert any("refused by the handout renderer" in w for w in warnings)


def test_fetcher_allows_only_data_and_template_files() -> None:
    fetcher = restricted_fetcher(TEMPLATES)
    assert fetcher.allows("data:text/css,p{}")
    assert fetcher.allows((TEMPLATES / "handout.css").as_uri())
    assert not fetcher.allows("file:///etc/hostname")
    assert not fetcher.allows(TEMPLATES.as_uri() + "/../build.py")
    assert not fetcher.allows(TEMPLATES.as_uri() + "/missing.css")
    assert not fetcher.allows("file://example.org" + str(TEMPLATES / "handout.css"))
    assert not fetcher.allows("http://127.0.0.1/handout.css")
    assert not fetcher.allows("https://example.org/x.png")
    with pytest.raises(ValueError, match="refused by the handout renderer"):
        fetcher.fetch("file:///etc/hostname")
    assert fetcher.refused == ["file:///etc/hostname"]


def test_missing_cjk_font_fails_the_build(tmp_path: Path) -> None:
    """Run `mlt build` with a fontconfig that only knows DejaVu (no CJK glyphs): the Chinese
    lesson must fail naming the font package, and nothing may be written."""
    latin = Path("/usr/share/fonts/truetype/dejavu")
    if not latin.is_dir():
        pytest.skip("needs the DejaVu fonts (fonts-dejavu-core) as the only-Latin font set")
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{latin}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    probe = subprocess.run(["fc-list", ":lang=zh"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0 or probe.stdout.strip() == ""  # really no CJK font there
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import app; app()", "build",
         str(REPO / "lessons" / "battery-breakthrough.yaml"), "--out", str(out),
         "--handouts", "student", "--format", "pdf"],
        env=env, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1
    assert "no installed font has glyphs for some characters" in result.stderr
    assert "sudo apt-get install fonts-noto-cjk" in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()
