"""`mlt server` when things go wrong: bad ports refused before anything is installed, a half-dead
server (gunicorn killed for real) reported by `status` and recovered by `start`."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.doccano import server
from toolkit.doccano.errors import ServerError
from toolkit.doccano.install import DoccanoVenv, ensure_installed

runner = CliRunner()


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("port", ["0", "99999", "-1"])
def test_an_impossible_port_is_refused_before_anything_happens(tmp_path: Path, port: str) -> None:
    data, venv = tmp_path / "server", tmp_path / "venv"
    started = time.monotonic()
    result = runner.invoke(app, ["server", "start", "--port", port, "--data-dir", str(data),
                                 "--venv", str(venv)])
    assert time.monotonic() - started < 5
    # a usage mistake, refused by the option itself: exit 2 (docs/cli.md, exit codes)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == (f"Error: Invalid value for '--port': {port} is "
                                              "not in the range 1<=x<=65535.")
    assert not data.exists() and not venv.exists()


def test_a_port_in_use_is_refused_before_installing(tmp_path: Path) -> None:
    data, venv = tmp_path / "server", tmp_path / "venv"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["server", "start", "--port", str(port), "--data-dir",
                                     str(data), "--venv", str(venv)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: port {port} on 127.0.0.1 is already in use by another "
                             "program; choose a free one with --port\n")
    assert not venv.exists()


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    data = tmp_path / "server"
    data.write_text("not a folder")
    for command in (["start", "--port", "8000"], ["status"], ["stop"], ["logs"]):
        result = runner.invoke(app, ["server", *command, "--data-dir", str(data)])
        assert result.exit_code == 1, command
        assert result.stderr == f"Error: --data-dir {data} is a file; give a folder\n"
    assert data.read_text() == "not a folder"


def test_the_download_is_announced_on_stderr(tmp_path: Path, monkeypatch, capfd) -> None:
    """A real install attempt against an index that does not answer: the 700 MB notice comes
    first, whoever calls; the failure names the log and leaves no half-made environment."""
    for name, value in (("PIP_INDEX_URL", "http://127.0.0.1:9/simple"), ("PIP_RETRIES", "0"),
                        ("PIP_TIMEOUT", "1"), ("PIP_NO_CACHE_DIR", "1")):
        monkeypatch.setenv(name, value)
    venv, log = DoccanoVenv(tmp_path / "venv"), tmp_path / "logs" / "install.log"
    with pytest.raises(ServerError) as error:
        ensure_installed(venv, log)
    assert capfd.readouterr().err == (
        f"installing doccano 1.8.4 into {venv.path}: a download of about 700 MB (first start "
        f"only, 30-45 s on a fast line; pip output in {log})\n")
    assert str(error.value).startswith(
        "installing doccano failed (`pip install doccano==1.8.4 numpy<2 marshmallow<4` exited "
        f"with 1); the last lines of {log}:\n")
    assert not venv.path.exists()


def test_half_dead_server_fails_status_and_start_recovers(doccano_server) -> None:
    where = ["--data-dir", str(doccano_server.data_dir)]
    state_file = doccano_server.data_dir / "server.json"
    old = json.loads(state_file.read_text())["pids"]
    gunicorn, celery = old["gunicorn"], old["celery"]
    os.kill(gunicorn, signal.SIGKILL)  # for real: the web server dies, the task worker lives on
    deadline = time.monotonic() + 10
    while running(gunicorn) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        status = runner.invoke(app, ["server", "status", *where])
        assert status.exit_code == 1
        assert status.stdout == (
            f"doccano is half running at {doccano_server.url}: gunicorn (pid {gunicorn}) is "
            f"down, celery (pid {celery}) still running; `mlt server start` restarts it (see "
            "`mlt server logs`)\n")
    finally:
        start = runner.invoke(app, ["server", "start", *where, "--port",
                                    str(doccano_server.port), "--venv",
                                    str(doccano_server.venv_dir)])
    assert start.exit_code == 0, start.output
    assert start.stdout.startswith(f"doccano is running at {doccano_server.url}\n")
    notes = start.stderr.splitlines()
    assert notes[0] == (f"doccano is half running (gunicorn (pid {gunicorn}) is down, celery "
                        f"(pid {celery}) still running); stopping what is left and starting "
                        "again")
    assert f"stopping celery (pid {celery})" in notes
    assert notes[-1] == f"starting doccano on 127.0.0.1:{doccano_server.port}"
    assert not running(celery)
    new = json.loads(state_file.read_text())["pids"]
    assert set(new.values()).isdisjoint(old.values())
    status = runner.invoke(app, ["server", "status", *where])
    assert status.exit_code == 0, status.output
    assert status.stdout.startswith(f"doccano is running at {doccano_server.url}: healthy; ")
    assert server.status(doccano_server.data_dir, doccano_server.venv_dir).healthy
    assert sys.platform.startswith("linux")
