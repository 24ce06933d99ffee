"""A local doccano server: install, initialise, start, check, stop and read its logs.

gunicorn is started directly (doccano's own `webserver` command binds to every interface) on
127.0.0.1 unless the caller explicitly asks for all interfaces; the celery worker runs the
import and export jobs. Both are recorded by process id, and `stop` ends exactly those.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..atomic import atomic_write_text
from .errors import ServerError, ServerOptionError
from .install import DOCCANO_VERSION, DoccanoVenv, Notify, ensure_installed, tail
from .settings import VENV_ENV, ConnectionSettings, Secrets, default_config_path, default_data_dir

F = TypeVar("F", bound=Callable[..., Any])
PROCESSES = ("gunicorn", "celery")
WORKERS = 2
MAX_WORKERS = 64
#: celery's processes for imports and exports: one. Two (a pull's two exports side by side)
#: made pull no faster on the 2-core development machine, on PostgreSQL and on SQLite (the two
#: jobs still took 1.97x one: docs/scale.md), and cost another 180 MB.
TASK_CONCURRENCY = 1
#: The journal mode of the toolkit's own SQLite file, set while doccano is not running (it is a
#: property of the file, kept across starts; doccano's settings take no SQLite options). With
#: WAL, readers (every request reads its login's session) no longer block the one writer, and
#: the writer no longer waits for them (docs/scale.md has the figures). Django leaves Python's
#: busy timeout at its default of 5 s.
SQLITE_JOURNAL_MODE = "wal"
START_TIMEOUT = 120.0
CHECK_TIMEOUT = 90.0
#: URL schemes doccano can use, with the driver each needs (install.DRIVERS).
DATABASE_SCHEMES = {"postgresql": "postgresql", "postgres": "postgresql", "pgsql": "postgresql",
                    "sqlite": None}
BROKER_SCHEMES = {"redis": "redis", "rediss": "redis", "amqp": None, "amqps": None,
                  "pyamqp": None}
#: Run in doccano's environment before the server starts: can it reach its database and its
#: broker? One JSON line on stdout: {"database": null or "what went wrong", "broker": ...}.
_CHECK_SCRIPT = """
import json, os, sys
import django
django.setup()
from django.db import connection

def first_line(exc):
    text = str(exc).strip()
    return type(exc).__name__ + (": " + text.splitlines()[0].strip() if text else "")

found = {"database": None, "broker": None}
try:
    if connection.vendor == "postgresql":
        connection.settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 10
    connection.ensure_connection()
except Exception as exc:
    found["database"] = first_line(exc)
broker = os.environ.get("CELERY_BROKER_URL")
if broker:
    try:
        from kombu import Connection
        with Connection(broker, connect_timeout=10) as conn:
            conn.connect()
            conn.default_channel
    except Exception as exc:
        found["broker"] = first_line(exc)
print(json.dumps(found))
"""
STOP_TIMEOUT = 30.0
_ADMIN_SCRIPT = """
import os, sys
import django
django.setup()
from django.contrib.auth import get_user_model
name = sys.argv[1]
password = sys.stdin.readline().rstrip("\\n")
user, _ = get_user_model().objects.get_or_create(username=name)
user.is_staff = user.is_superuser = True
user.set_password(password)
user.save()
"""


@dataclass(frozen=True)
class ServerLayout:
    """The files of one local server under its data folder."""

    data_dir: Path
    venv_dir: Path | None = None

    @classmethod
    def at(cls, data_dir: Path | None = None, venv_dir: Path | None = None) -> ServerLayout:
        """The layout for `data_dir` (default: $MLT_DOCCANO_HOME or ~/.local/share/mlt/doccano);
        the venv is `venv_dir`, else $MLT_DOCCANO_VENV, else `<data_dir>/venv`."""
        env_venv = os.environ.get(VENV_ENV)
        layout = cls(Path(data_dir or default_data_dir()).resolve(),
                     Path(venv_dir or env_venv).resolve() if (venv_dir or env_venv) else None)
        for option, folder in (("--data-dir", layout.data_dir), ("--venv", layout.venv_dir)):
            if folder is not None and folder.exists() and not folder.is_dir():
                raise ServerError(f"{option} {folder} is a file; give a folder")
        return layout

    @property
    def venv(self) -> DoccanoVenv:
        """The environment doccano runs from."""
        return DoccanoVenv(self.venv_dir or self.data_dir / "venv")

    home = property(lambda self: self.data_dir / "home", doc="DOCCANO_HOME: database, media.")
    secrets_file = property(lambda self: self.data_dir / "credentials.json",
                            doc="Secret key and admin password (mode 0600).")
    state_file = property(lambda self: self.data_dir / "server.json",
                          doc="URL and process ids of the running server.")
    log_dir = property(lambda self: self.data_dir / "logs", doc="Server and install logs.")

    def log(self, name: str) -> Path:
        """The log file of `gunicorn`, `celery` or `install`."""
        return self.log_dir / f"{name}.log"


@dataclass(frozen=True)
class ServerStatus:
    """What `mlt server status` reports."""

    layout: ServerLayout
    url: str | None
    pids: dict[str, int]
    running: bool
    healthy: bool
    already_running: bool = False
    #: Recorded processes that are gone ({name: pid}); with others still running, half a server.
    down: dict[str, int] = field(default_factory=dict)

    @property
    def credentials(self) -> Path:
        """The file holding the admin password."""
        return self.layout.secrets_file

    @property
    def half_dead(self) -> bool:
        """True when some of the server's processes run and others are gone."""
        return self.running and bool(self.down)


def _no_os_errors(func: F) -> F:
    """Turn an OSError (a folder that cannot be created or read) into a ServerError."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise ServerError(f"{where}{exc.strerror or exc} (the server's files are under "
                              "--data-dir and --venv)") from None
    return wrapper  # type: ignore[return-value]


def _alive_and_ours(pid: int, venv: DoccanoVenv) -> bool:
    """True when `pid` runs a program of our doccano venv (not a recycled id)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z" and str(venv.path).encode() in cmdline


def _read_state(layout: ServerLayout) -> dict:
    """server.json as `start` wrote it: {"url": text, "venv": text, "pids": {name: id}}."""
    try:
        state = json.loads(layout.state_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        state = None
    pids = state.get("pids", {}) if isinstance(state, dict) else None
    if (not isinstance(pids, dict)
            or not all(type(pid) is int and 0 < pid < 2**31 for pid in pids.values())
            or not all(isinstance(state.get(key, ""), str) for key in ("url", "venv"))):
        raise ServerError(f"{layout.state_file}: unreadable (not what `mlt server start` "
                          "writes); if no server is running, delete it")
    return state


def _health(url: str, timeout: float = 3.0) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    try:
        with opener.open(f"{url}/v1/health/?format=json", timeout=timeout) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@_no_os_errors
def status(data_dir: Path | None = None, venv_dir: Path | None = None) -> ServerStatus:
    """Whether the server of `data_dir` runs, with its URL, process ids and health."""
    layout = ServerLayout.at(data_dir, venv_dir)
    state = _read_state(layout)
    venv = DoccanoVenv(Path(state["venv"])) if "venv" in state else layout.venv
    pids = {name: int(pid) for name, pid in state.get("pids", {}).items()}
    alive = {name: pid for name, pid in pids.items() if _alive_and_ours(pid, venv)}
    url = state.get("url")
    running = bool(alive)
    down = {name: pid for name, pid in pids.items() if name not in alive}
    return ServerStatus(layout, url, alive, running, running and url is not None and _health(url),
                        down=down)


def describe_down(state: ServerStatus) -> str:
    """`gunicorn (pid 4711) is down, celery (pid 4712) still runs` for a half-dead server."""
    gone = ", ".join(f"{name} (pid {pid})" for name, pid in state.down.items())
    alive = ", ".join(f"{name} (pid {pid})" for name, pid in state.pids.items())
    return f"{gone} {'is' if len(state.down) == 1 else 'are'} down, {alive} still running"


def check_port_number(port: int) -> None:
    """A TCP port a server can listen on: 1-65535 (0 would make the system pick one)."""
    if not 1 <= port <= 65535:
        raise ServerError(f"--port {port} is not a port a server can listen on "
                          "(allowed: 1-65535)")


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As gunicorn does: connections of a stopped server in TIME_WAIT must not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(f"port {port} on {host} is already in use by another program; "
                                  "choose a free one with --port") from None
            hint = " (ports below 1024 need root)" if exc.errno == errno.EACCES else ""
            raise ServerError(f"cannot use {host}:{port}: {exc.strerror}{hint}; choose another "
                              "port with --port") from None


def redact_url(url: str) -> str:
    """`postgresql://mlt:***@db.school:5432/doccano`: a URL as it may be shown (no password)."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)
        user = parts.username or ""
        return parts._replace(netloc=f"{quote(unquote(user), safe='')}:***@{netloc[-1]}").geturl()
    except ValueError:
        return "(a URL that cannot be read)"


def _password_of(url: str | None) -> str | None:
    try:
        return urlsplit(url).password if url else None
    except ValueError:
        return None


def _redact(text: str, *urls: str | None) -> str:
    """`text` without the passwords of `urls` (as written and percent-decoded)."""
    for url in urls:
        password = _password_of(url)
        if password:
            for form in {password, unquote(password), quote(unquote(password), safe="")}:
                text = text.replace(form, "***")
    return text


def _scheme(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def _known_scheme(url: str, option: str, schemes: dict[str, str | None], refusal: str) -> str:
    """The URL's scheme; ServerError `OPTION URL: SCHEME is not <refusal>` when unknown."""
    scheme = _scheme(url)
    if scheme not in schemes:
        raise ServerOptionError(f"{option} {redact_url(url)}: {scheme or 'no scheme'} is not "
                                f"{refusal}")
    return scheme


def check_database_url(url: str | None) -> str | None:
    """The driver a database URL needs (None for SQLite or no URL); ServerError for a URL
    doccano cannot use, saying what is allowed."""
    if url is None:
        return None
    scheme = _known_scheme(url, "--database-url", DATABASE_SCHEMES,
                           "a database the toolkit runs doccano on (allowed: postgresql://USER:"
                           "PASSWORD@HOST:PORT/NAME, or sqlite:///PATH; without the option, a "
                           "SQLite file in the data folder)")
    if scheme == "sqlite":
        return None
    parts = urlsplit(url)
    if not parts.hostname or not parts.path.strip("/"):
        raise ServerOptionError(f"--database-url {redact_url(url)}: a PostgreSQL URL names the "
                                "host and the database: postgresql://USER:PASSWORD@HOST:PORT/NAME")
    return DATABASE_SCHEMES[scheme]


def check_broker_url(url: str | None) -> str | None:
    """The driver a Celery broker URL needs (None when none is needed); ServerError for a
    broker doccano cannot use."""
    if url is None:
        return None
    scheme = _known_scheme(url, "--broker-url", BROKER_SCHEMES,
                           "a Celery broker the toolkit supports (allowed: redis://HOST:PORT/0, "
                           "rediss://..., amqp://USER:PASSWORD@HOST:PORT/VHOST (RabbitMQ); "
                           "without the option, the database doubles as the broker)")
    if not urlsplit(url).hostname:
        raise ServerOptionError(f"--broker-url {redact_url(url)}: name the broker's host, e.g. "
                                "redis://127.0.0.1:6379/0")
    return BROKER_SCHEMES[scheme]


def check_workers(workers: int) -> None:
    """gunicorn's worker processes: 1 to MAX_WORKERS (each takes about 180 MB)."""
    if not 1 <= workers <= MAX_WORKERS:
        raise ServerOptionError(f"--workers {workers} is not a number of web server processes "
                                f"(allowed: 1-{MAX_WORKERS}; each takes about 180 MB of memory)")


def _server_env(layout: ServerLayout, secrets: Secrets) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DOCCANO_", "MLT_", "CELERY_"))}
    database = secrets.database_url or f"sqlite:///{layout.home / 'db.sqlite3'}"
    env.update(DOCCANO_HOME=str(layout.home), DATABASE_URL=database,
               MEDIA_ROOT=str(layout.home / "media"), SECRET_KEY=secrets.secret_key,
               STANDALONE="True", DJANGO_SETTINGS_MODULE="config.settings.production",
               DEBUG="False", PYTHONUNBUFFERED="1")
    if secrets.broker_url:
        env["CELERY_BROKER_URL"] = secrets.broker_url
    return env


def _check_connections(layout: ServerLayout, secrets: Secrets, env: dict[str, str],
                       notify: Notify) -> None:
    """Before anything starts: can doccano reach its database and its broker? A ServerError
    names the one that failed and how to check it, never with its password."""
    if not secrets.database_url and not secrets.broker_url:
        return  # the SQLite file in the data folder
    notify("checking the connection to the database" + (" and the broker"
                                                        if secrets.broker_url else ""))
    urls = (secrets.database_url, secrets.broker_url)
    try:
        done = subprocess.run([str(layout.venv.python), "-c", _CHECK_SCRIPT], env=env,
                              cwd=layout.venv.backend_dir(), capture_output=True, text=True,
                              timeout=CHECK_TIMEOUT, stdin=subprocess.DEVNULL)
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        raise ServerError(f"the database or the broker did not answer within "
                          f"{CHECK_TIMEOUT:.0f} s; check that they run and that this computer "
                          "can reach them") from None
    except (ValueError, IndexError):
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ServerError("doccano's settings could not be loaded to check the connections: "
                          f"{_redact(last, *urls)}") from None
    if found.get("database"):
        url = secrets.database_url or ""
        hint = ""
        if "SSL" in found["database"]:
            hint = (" (doccano asks PostgreSQL for TLS unless the URL says otherwise: add "
                    "?sslmode=disable for a server on this computer or a trusted network, or "
                    "enable TLS on the server)")
        raise ServerError(f"cannot connect to the database {redact_url(url)}: "
                          f"{_redact(found['database'], *urls)}{hint}; check that PostgreSQL "
                          "runs and accepts this user and password: psql \"$URL\" -c 'select 1' "
                          "(the URL is kept in " f"{layout.secrets_file})")
    if found.get("broker"):
        url = secrets.broker_url or ""
        check = ("redis-cli -u \"$URL\" ping" if _scheme(url).startswith("redis")
                 else "rabbitmqctl status (on the broker's machine)")
        raise ServerError(f"cannot connect to the broker {redact_url(url)}: "
                          f"{_redact(found['broker'], *urls)}; check that it runs and accepts "
                          f"connections from this computer: {check}")


def _initialised_as(secrets: Secrets) -> str:
    """What the initialised marker holds: doccano's version and the database (its URL without
    the password), so that a new database or a new doccano is initialised again."""
    return f"{DOCCANO_VERSION} {redact_url(secrets.database_url or 'sqlite')}"


def _initialise(layout: ServerLayout, secrets: Secrets, env: dict[str, str],
                notify: Notify) -> None:
    """Create the database tables, roles and the admin (first start, a new doccano, or a new
    database)."""
    marker = layout.home / ".mlt-initialised"
    if marker.exists() and marker.read_text(encoding="utf-8").strip() in (
            _initialised_as(secrets), DOCCANO_VERSION if not secrets.database_url else None):
        return
    notify("initialising the doccano database")
    layout.home.mkdir(parents=True, exist_ok=True)
    layout.log_dir.mkdir(parents=True, exist_ok=True)
    log = layout.log("install")
    with open(log, "a", encoding="utf-8") as out:
        code = subprocess.call([str(layout.venv.script("doccano")), "init"], env=env,
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if code == 0:
            # The password goes through stdin: a command line is visible to every local user.
            admin = subprocess.run([str(layout.venv.python), "-c", _ADMIN_SCRIPT, secrets.username],
                                   input=secrets.password + "\n", text=True, env=env,
                                   cwd=layout.venv.backend_dir(), stdout=out,
                                   stderr=subprocess.STDOUT)
            code = admin.returncode
    if code != 0:
        last = (tail(log, 1) or "(no output)").strip()
        where = f" {redact_url(secrets.database_url)}" if secrets.database_url else ""
        raise ServerError(f"initialising doccano's database{where} failed: "
                          f"{_redact(last, secrets.database_url, secrets.broker_url)} (the whole "
                          f"output is in {log})")
    marker.write_text(_initialised_as(secrets) + "\n", encoding="utf-8")


def _set_journal_mode(database: Path, mode: str) -> None:
    """Give the toolkit's SQLite file `mode` (e.g. WAL) while no doccano process has it open;
    a ServerError when SQLite refuses (a file system without shared memory keeps its mode)."""
    try:
        with sqlite3.connect(database, timeout=10) as connection:
            found = connection.execute(f"PRAGMA journal_mode={mode}").fetchone()[0]
        connection.close()
    except sqlite3.Error as exc:
        raise ServerError(f"{database}: cannot set SQLite's journal mode to {mode}: {exc} (is "
                          "another program using the database?)") from None
    if str(found).lower() != mode.lower():
        raise ServerError(f"{database}: SQLite kept the journal mode {found} instead of {mode} "
                          "(a network file system? keep --data-dir on a local disk)")


def _spawn(layout: ServerLayout, name: str, command: list[str], env: dict[str, str]) -> int:
    layout.log_dir.mkdir(parents=True, exist_ok=True)
    with open(layout.log(name), "ab") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   cwd=layout.home)
    return process.pid


def _load_secrets(layout: ServerLayout, database_url: str | None,
                  broker_url: str | None) -> tuple[Secrets, bool]:
    """The server's secrets, and whether they must be saved: a database or broker URL given
    now replaces the stored one (a URL given once is used by every later start). Saved only
    once the connections are checked, so a mistyped URL never replaces a working one."""
    if layout.secrets_file.exists():
        secrets = Secrets.load(layout.secrets_file)
        if (database_url and database_url != secrets.database_url) or (
                broker_url and broker_url != secrets.broker_url):
            return Secrets(secrets.secret_key, secrets.username, secrets.password,
                           database_url or secrets.database_url,
                           broker_url or secrets.broker_url), True
        return secrets, False
    return Secrets.generate(database_url=database_url, broker_url=broker_url), True


@_no_os_errors
def start(data_dir: Path | None = None, port: int = 8000, *, public: bool = False,
          database_url: str | None = None, broker_url: str | None = None,
          workers: int = WORKERS, venv_dir: Path | None = None,
          config_path: Path | None = None, notify: Notify = lambda _: None) -> ServerStatus:
    """Install (first time), initialise and start doccano; wait until `/v1/health/` answers.
    A half-dead server (one process gone) is stopped and started again. The port, the URLs and
    the number of workers are checked before anything is installed or started; the database
    and the broker are checked before doccano starts (a ServerError names the one that failed:
    database, broker or web server)."""
    check_port_number(port)
    check_workers(workers)
    check_database_url(database_url)
    check_broker_url(broker_url)
    current = status(data_dir, venv_dir)
    if current.half_dead:
        notify(f"doccano is half running ({describe_down(current)}); stopping what is left and "
               "starting again")
        stop(data_dir, venv_dir, notify)
        current = status(data_dir, venv_dir)
    if current.running:
        return ServerStatus(current.layout, current.url, current.pids, True, current.healthy,
                            already_running=True)
    layout = current.layout
    if layout.state_file.exists():
        notify(f"removing the stale {layout.state_file} (its processes are gone)")
        stop(data_dir, venv_dir, notify)  # also ends workers a killed process left behind
    host = "0.0.0.0" if public else "127.0.0.1"
    _check_port(host, port)
    layout.data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.data_dir, 0o700)
    secrets, changed = _load_secrets(layout, database_url, broker_url)
    drivers = tuple(d for d in (check_database_url(secrets.database_url),
                                check_broker_url(secrets.broker_url)) if d)
    ensure_installed(layout.venv, layout.log("install"), notify, drivers)
    env = _server_env(layout, secrets)
    _check_connections(layout, secrets, env, notify)
    if changed:
        secrets.save(layout.secrets_file)
    _initialise(layout, secrets, env, notify)
    if not secrets.database_url:  # the toolkit's own SQLite file; doccano is not running yet
        _set_journal_mode(layout.home / "db.sqlite3", SQLITE_JOURNAL_MODE)
    url = f"http://127.0.0.1:{port}"
    notify(f"starting doccano on {host}:{port}")
    venv = layout.venv
    pids = {
        "gunicorn": _spawn(layout, "gunicorn", [
            str(venv.script("gunicorn")), "--bind", f"{host}:{port}", "--workers", str(workers),
            "--chdir", str(venv.backend_dir()), "--timeout", "300", "--capture-output",
            "config.wsgi"], env),
        "celery": _spawn(layout, "celery", [str(venv.script("doccano")), "task",
                                            "--concurrency", str(TASK_CONCURRENCY)], env),
    }
    atomic_write_text(layout.state_file, json.dumps(
        {"url": url, "host": host, "port": port, "venv": str(venv.path), "workers": workers,
         "pids": pids}) + "\n")
    _wait_healthy(layout, url, pids, (secrets.database_url, secrets.broker_url))
    ConnectionSettings(url, secrets.username, secrets.password).save(
        config_path or default_config_path())
    return ServerStatus(layout, url, pids, True, True)


def _wait_healthy(layout: ServerLayout, url: str, pids: dict[str, int],
                  urls: tuple[str | None, ...] = ()) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if _health(url, timeout=2.0):
            return
        dead = [name for name, pid in pids.items() if not _alive_and_ours(pid, layout.venv)]
        if dead:
            stop(layout.data_dir, layout.venv_dir)
            name = dead[0]
            what = ("the web server (gunicorn)" if name == "gunicorn"
                    else "the task worker (celery)")
            last = (tail(layout.log(name), 1) or "(no output)").strip()
            raise ServerError(f"{what} exited while starting: {_redact(last, *urls)} (the "
                              f"whole log is {layout.log(name)}; `mlt server logs`)")
        time.sleep(0.5)
    failing = _failing_checks(url)
    stop(layout.data_dir, layout.venv_dir)
    if failing is None:
        raise ServerError(f"the web server (gunicorn) did not answer at {url}/v1/health/ within "
                          f"{START_TIMEOUT:.0f} s; check it with `curl {url}/v1/health/` and see "
                          f"{layout.log('gunicorn')} (`mlt server logs`)")
    raise ServerError(f"doccano did not become healthy at {url}/v1/health/ within "
                      f"{START_TIMEOUT:.0f} s: {_redact(failing, *urls)}; see "
                      f"{layout.log('gunicorn')} and {layout.log('celery')} (`mlt server logs`)")


#: The parts of doccano's health report, as the messages name them.
_CHECK_NAMES = {"DatabaseBackend": "database", "CeleryHealthCheckCelery": "task worker (celery) "
                "or broker", "DefaultFileStorageHealthCheck": "file storage",
                "MigrationsHealthCheck": "database migrations"}


def _failing_checks(url: str) -> str | None:
    """What doccano's health report says is not working ('' when it answers but names
    nothing; None when the web server does not answer at all)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/v1/health/?format=json", timeout=5) as answer:
            body = answer.read()
    except urllib.error.HTTPError as error:
        body = error.read()
    except (urllib.error.URLError, OSError, ValueError):
        return None
    try:
        report = json.loads(body)
    except ValueError:
        return ""
    return "; ".join(f"{_CHECK_NAMES.get(name, name)}: {state}" for name, state in
                     sorted(report.items()) if str(state).lower() != "working")


@_no_os_errors
def stop(data_dir: Path | None = None, venv_dir: Path | None = None,
         notify: Notify = lambda _: None) -> dict[str, int]:
    """End the processes `start` recorded (SIGTERM, then SIGKILL after a grace period) and
    whatever they left in their process groups; return the ids that were stopped."""
    current = status(data_dir, venv_dir)
    for name, pid in current.pids.items():
        notify(f"stopping {name} (pid {pid})")
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    venv = _state_venv(current.layout)
    waiting = dict(current.pids)
    deadline = time.monotonic() + STOP_TIMEOUT
    while waiting and time.monotonic() < deadline:
        for pid in waiting.values():
            _reap(pid)
        waiting = {n: p for n, p in waiting.items() if _alive_and_ours(p, venv)}
        time.sleep(0.2)
    for name, pid in waiting.items():
        notify(f"{name} (pid {pid}) ignored SIGTERM for {STOP_TIMEOUT:.0f} s; killing it")
        _signal_group(pid, signal.SIGKILL)
    for pid in current.pids.values():  # workers the main process left behind, by group
        _end_group(pid)
    for name, pid in current.down.items():  # a killed process's workers may outlive it
        _reap(pid)
        leftovers = _group_members(pid, venv)
        if leftovers:
            notify(f"stopping what {name} (pid {pid}) left behind: pids "
                   f"{', '.join(map(str, leftovers))}")
            _end_processes(leftovers, venv)
    current.layout.state_file.unlink(missing_ok=True)
    return current.pids


def _group_members(pgid: int, venv: DoccanoVenv) -> list[int]:
    """The processes of our doccano venv in process group `pgid` (read from /proc)."""
    members = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(stat_file.parent.name)
        if len(fields) > 2 and fields[2] == str(pgid) and _alive_and_ours(pid, venv):
            members.append(pid)
    return sorted(members)


def _end_processes(pids: list[int], venv: DoccanoVenv, grace: float = 10.0) -> None:
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while pids and time.monotonic() < deadline:
            for pid in pids:
                _reap(pid)
            pids = [pid for pid in pids if _alive_and_ours(pid, venv)]
            time.sleep(0.1)
        if not pids:
            return


def _reap(pid: int) -> None:
    """Collect the exit status of our own child (a server started in this process)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _signal_group(pgid: int, signum: int) -> bool:
    """Send a signal to a process group; False when the group is empty."""
    try:
        os.killpg(pgid, signum)
        return True
    except ProcessLookupError:
        return False


def _end_group(pgid: int, grace: float = 10.0) -> None:
    _reap(pgid)
    if not _signal_group(pgid, signal.SIGTERM):
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pgid)
        if not _signal_group(pgid, 0):
            return
        time.sleep(0.1)
    _signal_group(pgid, signal.SIGKILL)


def _state_venv(layout: ServerLayout) -> DoccanoVenv:
    state = _read_state(layout)
    return DoccanoVenv(Path(state["venv"])) if "venv" in state else layout.venv


@_no_os_errors
def logs(data_dir: Path | None = None, lines: int = 50) -> str:
    """The last `lines` lines of the gunicorn and celery logs, each under a heading."""
    layout = ServerLayout.at(data_dir)
    parts = []
    for name in PROCESSES:
        path = layout.log(name)
        body = tail(path, lines) if path.exists() else "(no log yet)"
        parts.append(f"==> {path} <==\n{body}")
    return "\n\n".join(parts)
