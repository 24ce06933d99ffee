"""Where the server lives and how commands connect: data folder, secrets, the config file.

Connection settings come from flags, then the environment (`DOCCANO_URL`, `DOCCANO_USERNAME`,
`DOCCANO_PASSWORD`), then the config file that `mlt server start` writes
(`$MLT_DOCCANO_CONFIG`, default `~/.config/mlt/doccano.json`). Secrets are written to files only
their owner can read, and never appear in a repr, a message or a log line.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..atomic import atomic_open
from .errors import DoccanoError

DATA_DIR_ENV = "MLT_DOCCANO_HOME"
CONFIG_ENV = "MLT_DOCCANO_CONFIG"
VENV_ENV = "MLT_DOCCANO_VENV"
URL_ENV, USERNAME_ENV, PASSWORD_ENV = "DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD"
DEFAULT_TIMEOUT = 30.0
PRIVATE = 0o600


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else Path.home() / fallback


def default_data_dir() -> Path:
    """`$MLT_DOCCANO_HOME`, else `~/.local/share/mlt/doccano`."""
    value = os.environ.get(DATA_DIR_ENV)
    return Path(value) if value else _xdg("XDG_DATA_HOME", ".local/share") / "mlt" / "doccano"


def default_config_path() -> Path:
    """`$MLT_DOCCANO_CONFIG`, else `~/.config/mlt/doccano.json`."""
    value = os.environ.get(CONFIG_ENV)
    return Path(value) if value else _xdg("XDG_CONFIG_HOME", ".config") / "mlt" / "doccano.json"


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    """Write `data` as JSON to `path` atomically, readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # atomic_open gives the new file the mode of the file it replaces: make that one private
    # first, so the secrets are never readable by others, not even for a moment.
    created = not path.exists()
    if created:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    try:
        os.chmod(path, PRIVATE)
        with atomic_open(path, "w") as handle:
            json.dump(data, handle, indent=2)
            handle.write("\n")
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise


def read_private_json(path: Path) -> dict[str, Any]:
    """Read a secrets file; refuse one that others can read (its mode would leak the password)."""
    try:
        mode = path.stat().st_mode
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise DoccanoError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise DoccanoError(f"{path}: other users can read this file of secrets; "
                           f"run `chmod 600 {path}` and try again")
    if not isinstance(data, dict):
        raise DoccanoError(f"{path}: expected a JSON object")
    return data


@dataclass(frozen=True)
class Secrets:
    """The server's generated secret key and the admin account."""

    secret_key: str = field(repr=False)
    username: str
    password: str = field(repr=False)
    database_url: str | None = field(default=None, repr=False)
    broker_url: str | None = field(default=None, repr=False)

    @classmethod
    def generate(cls, username: str = "admin", database_url: str | None = None,
                 broker_url: str | None = None) -> Secrets:
        """Fresh random secrets."""
        return cls(secrets.token_urlsafe(48), username, secrets.token_urlsafe(18), database_url,
                   broker_url)

    @classmethod
    def load(cls, path: Path) -> Secrets:
        """Read the secrets file written by `save`."""
        data = read_private_json(path)
        try:
            return cls(data["secret_key"], data["username"], data["password"],
                       data.get("database_url"), data.get("broker_url"))
        except KeyError as exc:
            raise DoccanoError(f"{path}: missing key {exc.args[0]!r}") from None

    def save(self, path: Path) -> None:
        """Write the secrets to `path` with mode 0600."""
        write_private_json(path, {"secret_key": self.secret_key, "username": self.username,
                                  "password": self.password, "database_url": self.database_url,
                                  "broker_url": self.broker_url})


@dataclass(frozen=True)
class ConnectionSettings:
    """How to reach a doccano server and as whom (the password never shows in a repr)."""

    url: str
    username: str
    password: str = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise DoccanoError(f"doccano URL {self.url!r} must start with http:// or https://")
        try:
            parts = urlsplit(self.url)
            parts.port  # noqa: B018 (parsed only on access: a bad port raises here)
        except ValueError as exc:
            raise DoccanoError(f"doccano URL {self.url!r} is not an address ({exc})") from None
        if not parts.hostname:
            raise DoccanoError(f"doccano URL {self.url!r} names no server (e.g. "
                               "http://127.0.0.1:8000)")
        if not self.username:
            raise DoccanoError("a doccano username is needed")
        if not 0 < self.timeout < float("inf"):  # also refuses nan
            raise DoccanoError(f"timeout must be a positive number of seconds, got "
                               f"{self.timeout}")

    def as_user(self, username: str, password: str) -> ConnectionSettings:
        """The same server under another account."""
        return ConnectionSettings(self.url, username, password, self.timeout)

    def save(self, path: Path) -> None:
        """Write these settings as the config file other commands find (mode 0600)."""
        write_private_json(path, {"url": self.url, "username": self.username,
                                  "password": self.password})


def same_server(first: str, second: str) -> bool:
    """Do two URLs name the same server (scheme, host and port; the default port spelled or
    not, any trailing slash)?"""
    a, b = urlsplit(first.strip()), urlsplit(second.strip())
    defaults = {"http": 80, "https": 443}
    try:
        ports = (a.port or defaults.get(a.scheme), b.port or defaults.get(b.scheme))
    except ValueError:
        return False
    return (a.scheme.lower(), (a.hostname or "").lower(), ports[0], a.path.rstrip("/")) == \
        (b.scheme.lower(), (b.hostname or "").lower(), ports[1], b.path.rstrip("/"))


def resolve_connection(url: str | None = None, username: str | None = None,
                       password: str | None = None, config_path: Path | None = None,
                       timeout: float = DEFAULT_TIMEOUT) -> ConnectionSettings:
    """Settings from flags, then $DOCCANO_URL/USERNAME/PASSWORD, then the config file. The
    config file's account belongs to the config file's server: with another URL (a flag or
    $DOCCANO_URL), its username and password are never used, and a missing password is an
    error before anything is sent."""
    config: dict[str, Any] = {}
    path = config_path or default_config_path()
    try:
        config = read_private_json(path)
    except FileNotFoundError:
        pass
    chosen_url = url or os.environ.get(URL_ENV) or config.get("url")
    if chosen_url and config.get("url") and not same_server(str(chosen_url), str(config["url"])):
        config = {}  # the stored account is for another server
        own_password = password or os.environ.get(PASSWORD_ENV)
        if not own_password:
            raise DoccanoError(f"no password for {chosen_url}: the saved login in {path} is for "
                               "another server and is never sent elsewhere; pass --password or "
                               "$DOCCANO_PASSWORD (and --username) for this one")
    chosen = {
        "url": chosen_url,
        "username": username or os.environ.get(USERNAME_ENV) or config.get("username"),
        "password": password or os.environ.get(PASSWORD_ENV) or config.get("password"),
    }
    missing = [key for key, value in chosen.items() if not value]
    if missing:
        flags = ", ".join(f"--{key} or ${'DOCCANO_' + key.upper()}" for key in missing)
        raise DoccanoError(f"no doccano {', '.join(missing)} given: pass {flags}, or start a "
                           f"local server with `mlt server start` (it writes {path})")
    return ConnectionSettings(str(chosen["url"]).rstrip("/"), str(chosen["username"]),
                              str(chosen["password"]), timeout)
