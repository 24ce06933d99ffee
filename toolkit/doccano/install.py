"""Install doccano into its own virtual environment (it pins libraries the toolkit cannot share)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ServerError

DOCCANO_VERSION = "1.8.4"
#: numpy 2 breaks pandas 1.5 and marshmallow 4 breaks environs 9.5 (FINDINGS.md).
REQUIREMENTS = (f"doccano=={DOCCANO_VERSION}", "numpy<2", "marshmallow<4")
MARKER = ".mlt-installed"
#: Drivers doccano needs for a database or broker beyond SQLite, by URL scheme family. doccano
#: 1.8.4 declares a `postgresql` extra, but its wheel's metadata lists nothing under it (the
#: optional dependency was lost in packaging), so `doccano[postgresql]` installs no driver:
#: the toolkit names the driver itself, pinned. Redis needs the client kombu's `redis` extra
#: accepts (redis>=6.4,<9); RabbitMQ (amqp://) uses py-amqp, already a dependency of celery.
DRIVERS = {
    "postgresql": ("psycopg2-binary==2.9.10",),
    "redis": ("redis==6.4.0",),
}

#: Receives one line of progress text.
Notify = Callable[[str], None]


@dataclass(frozen=True)
class DoccanoVenv:
    """A virtual environment holding the doccano server."""

    path: Path

    @property
    def python(self) -> Path:
        """The environment's interpreter."""
        return self.path / "bin" / "python"

    def script(self, name: str) -> Path:
        """An executable of the environment (doccano, gunicorn, ...)."""
        return self.path / "bin" / name

    @property
    def marker(self) -> Path:
        """Written last by `install`; its content names what was installed."""
        return self.path / MARKER

    @property
    def complete(self) -> bool:
        """True when a finished install of the pinned requirements is here."""
        try:
            return self.marker.read_text(encoding="utf-8").split() == list(REQUIREMENTS)
        except OSError:
            return False

    def driver_marker(self, driver: str) -> Path:
        """Written when a driver of DRIVERS was added; its content names the pins."""
        return self.path / f"{MARKER}-{driver}"

    def has_driver(self, driver: str) -> bool:
        """True when the pinned packages of `driver` were installed here."""
        try:
            return self.driver_marker(driver).read_text(encoding="utf-8").split() == \
                list(DRIVERS[driver])
        except OSError:
            return False

    def backend_dir(self) -> Path:
        """doccano's Django project folder (gunicorn's --chdir)."""
        found = sorted(self.path.glob("lib/python3*/site-packages/backend"))
        if not found:
            raise ServerError(f"{self.path}: no doccano backend inside; delete the folder and "
                              "run `mlt server start` again to reinstall")
        return found[0]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock so that two starts never install into one folder at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_installed(venv: DoccanoVenv, log: Path, notify: Notify = lambda _: None,
                     drivers: tuple[str, ...] = ()) -> None:
    """Install doccano and its pins into `venv` unless a complete install is already there;
    then add the `drivers` (keys of DRIVERS) it lacks, to the existing environment."""
    with _locked(venv.path):
        if not venv.complete:
            _install(venv, log, notify)
        for driver in drivers:
            if not venv.has_driver(driver):
                _add_driver(venv, driver, log, notify)


def _add_driver(venv: DoccanoVenv, driver: str, log: Path, notify: Notify) -> None:
    """pip-install a driver into an existing environment, together with doccano's own pins so
    that the resolver changes nothing else."""
    pins = DRIVERS[driver]
    notify(f"adding {' '.join(pins)} (doccano's {driver} driver) to {venv.path}; pip output "
           f"in {log}")
    log.parent.mkdir(parents=True, exist_ok=True)
    _run([str(venv.python), "-m", "pip", "install", "--disable-pip-version-check", *pins,
          *REQUIREMENTS], log, "pip install " + " ".join(pins), what=f"doccano's {driver} driver")
    venv.driver_marker(driver).write_text(" ".join(pins) + "\n", encoding="utf-8")


def _install(venv: DoccanoVenv, log: Path, notify: Notify) -> None:
    """A fresh environment with doccano and its pins (an unfinished one is removed)."""
    if venv.path.exists():
        notify(f"removing the unfinished doccano install in {venv.path}")
        shutil.rmtree(venv.path)
    # Straight to stderr, whoever the caller is (a test run too): 700 MB must not be silent.
    print(f"installing doccano {DOCCANO_VERSION} into {venv.path}: a download of about "
          f"700 MB (first start only, 30-45 s on a fast line; pip output in {log})",
          file=sys.stderr, flush=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        _run([sys.executable, "-m", "venv", str(venv.path)], log, f"python -m venv {venv.path}")
        _run([str(venv.python), "-m", "pip", "install", "--disable-pip-version-check",
              *REQUIREMENTS], log, "pip install " + " ".join(REQUIREMENTS))
    except BaseException:
        shutil.rmtree(venv.path, ignore_errors=True)
        raise
    venv.marker.write_text(" ".join(REQUIREMENTS) + "\n", encoding="utf-8")


def _run(command: list[str], log: Path, shown: str, what: str = "doccano") -> None:
    with open(log, "a", encoding="utf-8") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        code = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT,
                               env={**os.environ, "PIP_NO_INPUT": "1"})
    if code != 0:
        raise ServerError(f"installing {what} failed (`{shown}` exited with "
                          f"{code}); the last lines of {log}:\n{tail(log, 15)}")


def tail(path: Path, lines: int) -> str:
    """The last `lines` lines of a text file ('' if it does not exist)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64 * 1024))
            data = handle.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""
    return "\n".join(data.splitlines()[-lines:])
