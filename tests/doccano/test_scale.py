"""doccano on a real PostgreSQL and a real Redis, both started by the suite on loopback.

The toolkit's round trip (setup, members, push with suggestions, the class's work, pull, agree)
runs on that server and on the suite's SQLite one, and the pulled files and the agreement
report must come back the same. Connection failures name the part that failed (database,
broker) and never show a password: not in the output, not in the server's files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import free_port
from toolkit.cli import app
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.doccano import server
from toolkit.doccano.labels import resolve_labels
from toolkit.doccano.members import add_members, read_passwords
from toolkit.doccano.project import setup_project
from toolkit.doccano.pull import pull
from toolkit.doccano.push import push
from toolkit.doccano.session import Session
from toolkit.doccano.suggestions import Audience

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
runner = CliRunner()
PROJECT = "scale-round-trip"
STUDENTS = ("rt_lin", "rt_mei", "rt_zhao")


def round_trip(running, catalogue, work: Path) -> tuple[dict[str, bytes], dict]:
    """The whole cycle on one server; the pulled folder's files and `mlt agree`'s JSON."""
    admin = Session.connect(running.admin)
    setup_project(admin, PROJECT, catalogue, language="zh")
    roster = work / "roster.csv"
    roster.write_text("username\n" + "".join(f"{n}\n" for n in STUDENTS), encoding="utf-8")
    add_members(admin, PROJECT, roster)
    labelled = [d for d in read_jsonl(DEV) if d.spans][:3]
    folder = work / "annotations" / PROJECT
    folder.mkdir(parents=True)
    write_jsonl(folder / "articles.jsonl",
                [Document.create(d.text, (), doc_id=d.doc_id) for d in labelled])
    write_jsonl(folder / "suggestions.jsonl",
                [Document.create(d.text, d.spans, doc_id=d.doc_id) for d in labelled])
    passwords = read_passwords(work / "roster.passwords.csv")
    report = push(admin, PROJECT, folder / "articles.jsonl", catalogue,
                  folder / "suggestions.jsonl", passwords, audience=Audience.ALL, concurrency=4)
    assert set(report.suggestions.delivered) == {"admin", *STUDENTS}

    # The class works: everyone deletes their first suggestion on the first article, tags a
    # passage of their own, and marks it done; rt_zhao also submits the second article.
    project = admin.require_project(PROJECT)
    labels = resolve_labels(admin.labels(project.id), catalogue)
    examples = {e["meta"]["doc_id"]: e["id"] for e in admin.get_json(
        "examples", f"projects/{project.id}/examples", limit=10)["results"]}
    first, second = labelled[0].doc_id, labelled[1].doc_id
    for offset, name in enumerate(("admin", *STUDENTS)):
        person = admin if name == "admin" else Session.connect(
            running.admin.as_user(name, passwords[name]))
        base = f"projects/{project.id}/examples/{examples[first]}"
        spans = person.get_json("spans", f"{base}/spans")
        earliest = min(spans, key=lambda s: (s["start_offset"], s["end_offset"]))
        person.delete("deleting a span", f"{base}/spans/{earliest['id']}")
        person.post_json("tagging", f"{base}/spans", {
            "label": labels.to_label["LOADED_LANGUAGE"].id, "start_offset": 2 + offset,
            "end_offset": 8 + offset, "prob": 0.0})
        person.post_json("marking done", f"{base}/states", {})
        if name == "rt_zhao":
            person.post_json("marking done", f"projects/{project.id}/examples/"
                             f"{examples[second]}/states", {})
    pulled = folder  # where the record of delivered suggestions is
    pull(admin, PROJECT, pulled, catalogue)
    files = {p.name: p.read_bytes() for p in sorted(pulled.iterdir()) if p.is_file()}
    agree = runner.invoke(app, ["agree", str(pulled), "--format", "json"])
    assert agree.exit_code == 0, agree.output
    return files, json.loads(agree.stdout)


@pytest.fixture(scope="module")
def on_postgres(postgres_server, catalogue, tmp_path_factory):
    return round_trip(postgres_server, catalogue, tmp_path_factory.mktemp("on-postgres"))


@pytest.fixture(scope="module")
def on_sqlite(doccano_server, catalogue, tmp_path_factory):
    return round_trip(doccano_server, catalogue, tmp_path_factory.mktemp("on-sqlite"))


def test_the_server_runs_on_postgresql_and_redis(postgres_server, scale_services):
    state = json.loads((postgres_server.data_dir / "server.json").read_text())
    assert state["workers"] == 3
    celery = Path(f"/proc/{state['pids']['celery']}/cmdline").read_bytes().split(b"\0")
    assert celery[celery.index(b"--concurrency") + 1] == b"2"  # pull's two exports side by side
    celery_log = (postgres_server.data_dir / "logs" / "celery.log").read_text()
    assert f"Connected to redis://:**@127.0.0.1:{scale_services.redis.port}/0" in celery_log
    # the tables are in PostgreSQL: doccano made its admin there, and no SQLite file exists
    assert not (postgres_server.data_dir / "home" / "db.sqlite3").exists()
    assert server.status(postgres_server.data_dir, postgres_server.venv_dir).healthy


def test_the_round_trip_on_postgresql_matches_sqlite(on_postgres, on_sqlite):
    files, agreement = on_postgres
    assert {"admin.jsonl", "rt_lin.jsonl", "rt_mei.jsonl", "rt_zhao.jsonl",
            "collection.yaml"} <= set(files)
    assert files == on_sqlite[0]
    assert agreement == on_sqlite[1]
    # and the figures are about real work: rt_zhao submitted two of the three articles
    reviews = [json.loads(line)["review"]
               for line in files["rt_zhao.jsonl"].decode("utf-8").splitlines()]
    assert [r["submitted"] for r in reviews] == [True, True, False]
    assert all(r["suggested"] for r in reviews)
    assert {(p["first"], p["second"]) for p in agreement["pairs"]} >= {("rt_lin", "rt_mei")}


def test_no_password_in_the_servers_files(postgres_server, scale_services, on_postgres):
    secrets = (scale_services.postgres.password, scale_services.redis.password)
    for path in postgres_server.data_dir.rglob("*"):
        if path.is_file() and path.name != "credentials.json":
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, path
    assert (postgres_server.data_dir / "credentials.json").stat().st_mode & 0o077 == 0


def start(tmp_path: Path, *options: str):
    data = tmp_path / "server"
    return data, runner.invoke(app, ["server", "start", "--data-dir", str(data), "--port",
                                     str(free_port()), "--venv",
                                     str(_venv()), *options])


def _venv() -> Path:
    from conftest import cached_venv
    return cached_venv()


def assert_clean_failure(result, data: Path, secrets: tuple[str, ...], starts: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()  # progress notes, then the one error line
    assert lines[-1].startswith("Error: " + starts), result.stderr
    assert [line for line in lines if line.startswith("Error")] == lines[-1:]
    for secret in secrets:
        assert secret not in result.output
        for path in (data.rglob("*") if data.exists() else ()):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    assert not (data / "server.json").exists()  # nothing was started


def test_a_wrong_database_password_names_the_database(scale_services, tmp_path):
    pg = scale_services.postgres
    url = pg.url().replace(pg.password, "Wrong-Secret-77")
    data, result = start(tmp_path, "--database-url", url)
    assert_clean_failure(result, data, ("Wrong-Secret-77", pg.password),
                         f"cannot connect to the database postgresql://mlt:***@127.0.0.1:"
                         f"{pg.port}/doccano?sslmode=disable: ")
    assert 'password authentication failed for user "mlt"' in result.stderr
    assert not (data / "credentials.json").exists()  # a URL that does not work is not kept


def test_a_database_without_tls_says_how_to_connect(scale_services, tmp_path):
    pg = scale_services.postgres
    data, result = start(tmp_path, "--database-url", pg.url().replace("?sslmode=disable", ""))
    assert_clean_failure(result, data, (pg.password,), "cannot connect to the database ")
    assert "add ?sslmode=disable for a server on this computer" in result.stderr


def test_a_broker_that_does_not_answer_names_the_broker(scale_services, tmp_path):
    pg, redis = scale_services.postgres, scale_services.redis
    closed = free_port()
    broker = f"redis://:{redis.password}@127.0.0.1:{closed}/0"
    data, result = start(tmp_path, "--database-url", pg.url(), "--broker-url", broker)
    assert_clean_failure(result, data, (pg.password, redis.password),
                         f"cannot connect to the broker redis://:***@127.0.0.1:{closed}/0: ")
    assert 'redis-cli -u "$URL" ping' in result.stderr


def test_a_wrong_broker_password_names_the_broker(scale_services, tmp_path):
    pg, redis = scale_services.postgres, scale_services.redis
    data, result = start(tmp_path, "--database-url", pg.url(), "--broker-url",
                         redis.url().replace(redis.password, "Not-The-Redis-Pw"))
    assert_clean_failure(result, data, (pg.password, redis.password, "Not-The-Redis-Pw"),
                         "cannot connect to the broker redis://:***@127.0.0.1:")


@pytest.mark.parametrize("options, message", [
    (["--database-url", "mysql://u:Pw-123456@db/x"],
     "--database-url mysql://u:***@db/x: mysql is not a database the toolkit runs doccano on "
     "(allowed: postgresql://USER:PASSWORD@HOST:PORT/NAME, or sqlite:///PATH; without the "
     "option, a SQLite file in the data folder)"),
    (["--broker-url", "kafka://h:9092"],
     "--broker-url kafka://h:9092: kafka is not a Celery broker the toolkit supports (allowed: "
     "redis://HOST:PORT/0, rediss://..., amqp://USER:PASSWORD@HOST:PORT/VHOST (RabbitMQ); "
     "without the option, the database doubles as the broker)"),
    (["--workers", "0"], "--workers 0 is not a number of web server processes (allowed: 1-64; "
                         "each takes about 180 MB of memory)"),
])
def test_bad_options_are_refused_before_anything_happens(tmp_path, options, message):
    data, result = start(tmp_path, *options)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert "Pw-123456" not in result.output
    assert not data.exists()
