"""Failures: wrong password, server errors, timeouts, rejected imports; no password leaks."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, write_jsonl
from toolkit.doccano.errors import (AuthenticationFailed, ConnectionFailed, ImportRejected,
                                    ServerFailure)
from toolkit.doccano.project import setup_project
from toolkit.doccano.session import Session
from toolkit.doccano.settings import ConnectionSettings
from toolkit.spans import Span

SECRET = "Do-not-print-me-77"


class FaultyServer:
    """A loopback HTTP server that logs anyone in, then fails as told."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.requests: Counter = Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def answer(self, method: str) -> None:
                outer.requests[method, self.path.split("?")[0]] += 1
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if outer.mode == "slow":
                    time.sleep(1.5)
                if self.path.startswith("/v1/auth/login/"):
                    body = b'{"key": "x"}'
                    self.send_response(200)
                    self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
                else:
                    body = b"<h1>Server Error (500)</h1>"
                    self.send_response(500)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self.answer("GET")

            def do_POST(self) -> None:
                self.answer("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def failing() -> Iterator[FaultyServer]:
    server = FaultyServer("500")
    yield server
    server.close()


@pytest.fixture
def slow() -> Iterator[FaultyServer]:
    server = FaultyServer("slow")
    yield server
    server.close()


def test_wrong_password(doccano_server):
    settings = doccano_server.admin.as_user(doccano_server.admin.username, SECRET)
    with pytest.raises(AuthenticationFailed) as error:
        Session.connect(settings)
    assert str(error.value) == (
        f"doccano at {doccano_server.url} refused the login of 'admin': wrong username or "
        "password (check --username/--password, $DOCCANO_USERNAME/$DOCCANO_PASSWORD or the "
        "config file)")


def test_http_500_is_retried_then_reported(failing):
    session = Session.connect(ConnectionSettings(failing.url, "admin", SECRET))
    with pytest.raises(ServerFailure) as error:
        session.require_project("week1")
    assert str(error.value) == (f"doccano at {failing.url} failed while listing projects: "
                                "HTTP 500 (after 3 retries where safe); see the server log "
                                "(`mlt server logs`)")
    assert failing.requests["GET", "/v1/projects"] == 4  # the first try and 3 retries
    with pytest.raises(ServerFailure):
        session.post_json("starting the import", "projects/1/upload", {})
    assert failing.requests["POST", "/v1/projects/1/upload"] == 1  # never repeat a POST


def test_a_server_that_does_not_answer_times_out(slow):
    with pytest.raises(ConnectionFailed) as error:
        Session.connect(ConnectionSettings(slow.url, "admin", SECRET, timeout=0.3))
    assert str(error.value) == (f"doccano at {slow.url} did not answer within 0.3 s while "
                                "logging in")


def test_nobody_listening(doccano_server):
    with pytest.raises(ConnectionFailed) as error:
        Session.connect(ConnectionSettings("http://127.0.0.1:9", "admin", SECRET))
    assert str(error.value).startswith("cannot reach doccano at http://127.0.0.1:9 while "
                                       "logging in (tried 4 times)")


def test_an_import_the_server_rejects(admin, catalogue, project_name, tmp_path):
    setup_project(admin, project_name, catalogue, ["SLOGAN"])
    project = admin.require_project(project_name)
    upload = tmp_path / "raw.jsonl"  # a null meta value: doccano's importer fails on it
    upload.write_text('{"text": "a", "label": [], "k": 1}\n{"text": "b", "label": [], "k": null}\n')
    with pytest.raises(ImportRejected) as error:
        admin.upload_jsonl(project.id, str(upload))
    assert str(error.value).startswith("doccano rejected the import:\n")
    assert "CHECK constraint failed" in str(error.value)


def test_the_password_never_appears_in_output_or_files(doccano_server, failing, project_name,
                                                       tmp_path, monkeypatch):
    password = doccano_server.admin.password
    work = tmp_path / "class"
    source = work / "articles.jsonl"
    write_jsonl(source, [Document.create("不求弯道超车，但求换道超车。", [Span(0, 6, "SLOGAN")])])
    roster = work / "roster.csv"
    roster.write_text("username\n" + f"p{project_name[-8:]}\n", encoding="utf-8")
    runner = CliRunner()
    where = ["--data-dir", str(doccano_server.data_dir)]
    outputs = [runner.invoke(app, args) for args in (
        ["server", "status", *where], ["server", "logs", *where],
        ["doccano", "setup", project_name], ["doccano", "members", "add", project_name,
                                             str(roster)],
        ["doccano", "push", project_name, str(source)],
        ["doccano", "pull", project_name, "-o", str(work / "out")],
        ["doccano", "--password", password + "x", "setup", project_name],
        ["doccano", "--url", failing.url, "setup", project_name],
    )]
    assert [r.exit_code for r in outputs] == [0, 0, 0, 0, 0, 0, 1, 1]
    for result in outputs:
        assert password not in result.output
    monkeypatch.setenv("DOCCANO_PASSWORD", SECRET)
    result = runner.invoke(app, ["doccano", "--url", failing.url, "setup", project_name])
    assert result.exit_code == 1 and SECRET not in result.output
    for path in [*work.rglob("*"), *(doccano_server.data_dir / "logs").iterdir()]:
        if path.is_file() and path.name != "credentials.json":
            assert password not in path.read_text(errors="replace"), path
