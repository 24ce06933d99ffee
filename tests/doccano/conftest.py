"""One real doccano server per test session, started by the same code as `mlt server start`.

The server's virtual environment (about 700 MB) is installed by that code too, into
$MLT_DOCCANO_VENV or the user's cache folder (~/.cache/mlt/doccano-1.8.4-venv), so repeated
local runs reuse it; a fresh machine (CI) installs it on the first run.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.devices import Catalogue, load_catalogue
from toolkit.doccano import server
from toolkit.doccano.install import DOCCANO_VERSION
from toolkit.doccano.session import Session
from toolkit.doccano.settings import ConnectionSettings, Secrets



def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cached_venv() -> Path:
    """Where the test server's doccano lives between runs."""
    given = os.environ.get("MLT_DOCCANO_VENV")
    if given:
        return Path(given)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "mlt" / f"doccano-{DOCCANO_VERSION}-venv"


@dataclass(frozen=True)
class RunningServer:
    """The session's server: where it lives and how to log in as its admin."""

    data_dir: Path
    venv_dir: Path
    port: int
    config_path: Path
    admin: ConnectionSettings

    @property
    def url(self) -> str:
        return self.admin.url

    def restart(self) -> None:
        """Start it again after a test stopped it."""
        server.start(self.data_dir, self.port, venv_dir=self.venv_dir,
                     config_path=self.config_path)


@pytest.fixture(scope="session")
def doccano_server(tmp_path_factory: pytest.TempPathFactory,
                   request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """Start doccano on a free loopback port in a temporary folder; stop it at the end. Output
    is not captured while it starts, so a first run's 700 MB install notice reaches the screen."""
    data_dir = tmp_path_factory.mktemp("doccano-server")
    config_path = tmp_path_factory.mktemp("doccano-config") / "doccano.json"
    venv_dir = cached_venv()
    port = free_port()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD", "MLT_DOCCANO_HOME",
                     "MLT_DOCCANO_VENV"):
            patch.delenv(name, raising=False)
        patch.setenv("MLT_DOCCANO_CONFIG", str(config_path))
        try:
            with request.config.pluginmanager.getplugin("capturemanager"
                                                         ).global_and_fixture_disabled():
                state = server.start(data_dir, port, venv_dir=venv_dir, config_path=config_path)
            secrets = Secrets.load(data_dir / "credentials.json")
            yield RunningServer(data_dir, venv_dir, port, config_path,
                                ConnectionSettings(state.url, secrets.username, secrets.password))
        finally:
            server.stop(data_dir, venv_dir)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The built-in device catalogue."""
    return load_catalogue()


@pytest.fixture
def admin(doccano_server: RunningServer) -> Session:
    """A session logged in as the server's admin."""
    return Session.connect(doccano_server.admin)


@pytest.fixture
def project_name() -> str:
    """A project name no other test uses."""
    return f"lesson-{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class ScaleServices:
    """A throwaway PostgreSQL cluster and Redis server (tests/doccano/localservices.py)."""

    postgres: "localservices.Postgres"
    redis: "localservices.Redis"


@pytest.fixture(scope="session")
def scale_services() -> Iterator[ScaleServices]:
    """PostgreSQL and Redis from Debian's packages, started on loopback in temporary folders.
    Skipped, saying why, only where the packages cannot be installed; on a Debian machine run as
    root (CI) `make test`'s system step installs them, and their absence is a failure."""
    import localservices

    reason = localservices.unavailable()
    if reason:
        if localservices.installable():
            pytest.fail(f"PostgreSQL and Redis are needed for the scale tests and could be "
                        f"installed here ({reason}): run `sh scripts/test-deps.sh` (as `make "
                        "test` does)")
        pytest.skip(f"scale tests not run: {reason}, and this user cannot install Debian "
                    "packages (as root: sh scripts/test-deps.sh; else apt-get install "
                    "postgresql redis-server)")
    postgres = localservices.Postgres.start()
    try:
        redis = localservices.Redis.start()
    except BaseException:
        postgres.stop()
        raise
    try:
        yield ScaleServices(postgres, redis)
    finally:
        redis.stop()
        postgres.stop()


@pytest.fixture(scope="session")
def postgres_server(scale_services: ScaleServices, tmp_path_factory: pytest.TempPathFactory,
                    request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A second doccano for the session, on the PostgreSQL database and the Redis broker, with
    3 web server workers; stopped at the end."""
    data_dir = tmp_path_factory.mktemp("doccano-postgres")
    config_path = tmp_path_factory.mktemp("doccano-postgres-config") / "doccano.json"
    venv_dir = cached_venv()
    port = free_port()
    try:
        with request.config.pluginmanager.getplugin("capturemanager"
                                                     ).global_and_fixture_disabled():
            state = server.start(data_dir, port, venv_dir=venv_dir, config_path=config_path,
                                 database_url=scale_services.postgres.url(),
                                 broker_url=scale_services.redis.url(), workers=3)
        secrets = Secrets.load(data_dir / "credentials.json")
        yield RunningServer(data_dir, venv_dir, port, config_path,
                            ConnectionSettings(state.url, secrets.username, secrets.password))
    finally:
        server.stop(data_dir, venv_dir)
