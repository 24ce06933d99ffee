"""`mlt server`: a real doccano on loopback, its secrets, stale state, stop and restart."""

from __future__ import annotations

import json
import socket
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.doccano import server
from toolkit.doccano.errors import ServerError


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp) with a socket listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (read from /proc)."""
    parents = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat_file.parent.name)] = int(stat_file.read_text().rsplit(")", 1)[1]
                                                      .split()[1])
        except (OSError, ValueError, IndexError):
            continue
    children = [child for child, parent in parents.items() if parent == pid]
    return [pid, *(p for child in children for p in process_tree(child))]


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_status_and_start_on_a_running_server(doccano_server):
    runner = CliRunner()
    where = ["--data-dir", str(doccano_server.data_dir)]
    result = runner.invoke(app, ["server", "status", *where])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"doccano is running at {doccano_server.url}: healthy; "
                                    "pids: gunicorn ")
    result = runner.invoke(app, ["server", "start", *where, "--port",
                                 str(doccano_server.port), "--venv", str(doccano_server.venv_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"doccano is already running at {doccano_server.url} (pids ")


def test_listens_on_loopback_only(doccano_server):
    assert listening_addresses(doccano_server.port) == {"0100007F"}  # 127.0.0.1


def test_secrets_stay_private(doccano_server):
    data = doccano_server.data_dir
    for path in (data / "credentials.json", doccano_server.config_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    secrets = json.loads((data / "credentials.json").read_text())
    assert len(secrets["secret_key"]) >= 50
    password = doccano_server.admin.password
    state = json.loads((data / "server.json").read_text())
    for pid in (p for main in state["pids"].values() for p in process_tree(main)):
        assert password.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
    for log in (data / "logs").iterdir():
        assert password not in log.read_text(errors="replace")


def test_the_sqlite_file_is_in_wal_mode(doccano_server, admin):
    """Set by `start` while doccano was not running, kept by the file: readers of the running
    server do not block its writer (docs/scale.md)."""
    admin.find_project("anything")  # the server has been reading and writing
    database = doccano_server.data_dir / "home" / "db.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    assert (database.parent / "db.sqlite3-wal").exists()


def test_logs_show_both_processes(doccano_server):
    result = CliRunner().invoke(app, ["server", "logs", "--data-dir", str(doccano_server.data_dir),
                                      "-n", "5"])
    assert result.exit_code == 0
    logs = doccano_server.data_dir / "logs"
    assert f"==> {logs / 'gunicorn.log'} <==" in result.stdout
    assert f"==> {logs / 'celery.log'} <==" in result.stdout


def test_stale_state_and_a_port_in_use(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    data = tmp_path / "server"
    data.mkdir()
    (data / "server.json").write_text(json.dumps({"url": "http://127.0.0.1:9", "pids": {
        "gunicorn": dead.pid, "celery": subprocess.os.getpid()}}))
    assert not server.status(data, tmp_path / "venv").running  # a live pid that is not ours
    notes: list[str] = []
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerError) as error:
            server.start(data, port, venv_dir=tmp_path / "venv", notify=notes.append)
    assert str(error.value) == (f"port {port} on 127.0.0.1 is already in use by another "
                                "program; choose a free one with --port")
    assert notes == [f"removing the stale {data / 'server.json'} (its processes are gone)"]
    assert not (tmp_path / "venv").exists()


def test_a_stopped_server_gives_a_clear_error(doccano_server, project_name):
    runner = CliRunner()
    where = ["--data-dir", str(doccano_server.data_dir)]
    pids = json.loads((doccano_server.data_dir / "server.json").read_text())["pids"]
    try:
        result = runner.invoke(app, ["server", "stop", *where])
        assert result.exit_code == 0, result.output
        assert result.stdout == "doccano stopped\n"
        assert not any(running(pid) for pid in pids.values())
        status = runner.invoke(app, ["server", "status", *where])
        assert status.exit_code == 3
        assert status.stdout == f"doccano is not running (data folder {doccano_server.data_dir})\n"
        result = runner.invoke(app, ["doccano", "setup", project_name])
        assert result.exit_code == 1
        assert result.output == (f"Error: cannot reach doccano at {doccano_server.url} while "
                                 "logging in (tried 4 times): is the server running? "
                                 "(`mlt server status`, `mlt server start`)\n")
    finally:
        result = runner.invoke(app, ["server", "start", *where, "--port",
                                     str(doccano_server.port), "--venv",
                                     str(doccano_server.venv_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"doccano is running at {doccano_server.url}\n")
