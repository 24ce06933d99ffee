"""A throwaway PostgreSQL cluster and Redis server on loopback, from Debian's packages.

Used by the scale tests (tests/doccano/test_scale.py) and by benchmarks/doccano.py. Each one
lives in its own temporary folder on a free port, with a generated password, and is stopped and
removed at the end. PostgreSQL refuses to run as root: as root the cluster belongs to the
`postgres` account the Debian package creates.

`unavailable()` says why these cannot run here (None when they can). The system step
(`scripts/test-deps.sh`, run by `make test`) installs the packages as root on Debian; where it
cannot (not root, not Debian), the tests are skipped with that reason.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), newest version first."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def unavailable() -> str | None:
    """Why a PostgreSQL cluster and a Redis server cannot be started here, or None."""
    missing = []
    if postgres_bin() is None:
        missing.append("postgresql (initdb, pg_ctl)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    if not missing:
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return "PostgreSQL refuses to run as root and there is no `postgres` account"
        return None
    return f"missing {' and '.join(missing)}"


def installable() -> bool:
    """Could the system step have installed the packages (root on Debian/Ubuntu)?"""
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def _wait(check, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


@dataclass
class Postgres:
    """A running throwaway cluster with one database for doccano."""

    folder: Path
    port: int
    user: str = "mlt"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16), repr=False)
    database: str = "doccano"

    def url(self, database: str | None = None) -> str:
        """The connection URL doccano is given (loopback, no TLS)."""
        return (f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/"
                f"{database or self.database}?sslmode=disable")

    def _as_owner(self, command: list[str], **kwargs) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(prefix + command, check=True, capture_output=True, text=True,
                              timeout=120, **kwargs)

    @classmethod
    def start(cls) -> Postgres:
        """initdb, start on a free loopback port, create the database."""
        folder = Path(tempfile.mkdtemp(prefix="mlt-pg-"))
        pg = cls(folder, free_port())
        owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        pwfile = folder / "pwfile"
        pwfile.write_text(pg.password + "\n", encoding="utf-8")
        if owner:
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        binary = postgres_bin()
        assert binary is not None
        data = folder / "data"
        try:
            pg._as_owner([str(binary / "initdb"), "-D", str(data), "-U", pg.user,
                          "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                          "--locale=C.UTF-8"])
            pg._as_owner([str(binary / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                          "-o", f"-p {pg.port} -k {folder} -c listen_addresses=127.0.0.1 "
                          "-c fsync=on", "-w", "start"])
            env = {**os.environ, "PGPASSWORD": pg.password}  # never on a command line
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", str(pg.port), "-U", pg.user,
                            "-d", "postgres", "-c", f"CREATE DATABASE {pg.database}"],
                           check=True, capture_output=True, text=True, env=env, timeout=60)
        except BaseException:
            pg.stop()
            raise
        return pg

    def create_database(self, name: str) -> str:
        """Another empty database on the same cluster; its URL."""
        env = {**os.environ, "PGPASSWORD": self.password}
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                        "-d", "postgres", "-c", f"CREATE DATABASE {name}"],
                       check=True, capture_output=True, text=True, env=env, timeout=60)
        return self.url(name)

    def stop(self) -> None:
        """Stop the cluster and remove its folder."""
        binary = postgres_bin()
        data = self.folder / "data"
        if binary and (data / "postmaster.pid").exists():
            try:
                self._as_owner([str(binary / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                                "stop"])
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Redis:
    """A running throwaway Redis, password protected, persistence off."""

    folder: Path
    port: int
    process: subprocess.Popen
    password: str = field(repr=False, default="")

    def url(self, db: int = 0) -> str:
        """The broker URL celery is given."""
        return f"redis://:{self.password}@127.0.0.1:{self.port}/{db}"

    @classmethod
    def start(cls) -> Redis:
        """redis-server on a free loopback port in a temporary folder."""
        folder = Path(tempfile.mkdtemp(prefix="mlt-redis-"))
        port, password = free_port(), secrets.token_urlsafe(16)
        config = folder / "redis.conf"  # the password in a private file, not on a command line
        config.write_text(f"port {port}\nbind 127.0.0.1\ndir {folder}\nsave \"\"\n"
                          f"appendonly no\nrequirepass {password}\nlogfile {folder}/log\n",
                          encoding="utf-8")
        os.chmod(config, 0o600)
        process = subprocess.Popen(["redis-server", str(config)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        redis = cls(folder, port, process, password)

        def answers() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {process.returncode}; see "
                                   f"{folder}/log")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    conn.sendall(f"AUTH {password}\r\nPING\r\n".encode())
                    return b"PONG" in conn.recv(100) or b"PONG" in conn.recv(100)
            except OSError:
                return False
        try:
            _wait(answers, "redis-server")
        except BaseException:
            redis.stop()
            raise
        return redis

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
