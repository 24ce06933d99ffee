"""The saved login belongs to its server; roster passwords are checked; passwords stay out of git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from toolkit.doccano.errors import DoccanoError
from toolkit.doccano.members import add_members, read_passwords, unignored_in_git
from toolkit.doccano.settings import ConnectionSettings, resolve_connection, same_server


@pytest.fixture
def saved(tmp_path: Path, monkeypatch) -> Path:
    for name in ("DOCCANO_URL", "DOCCANO_USERNAME", "DOCCANO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "doccano.json"
    ConnectionSettings("http://127.0.0.1:8000", "admin", "s3cret-admin").save(path)
    return path


def test_the_saved_password_is_used_only_for_its_own_server(saved, monkeypatch):
    assert resolve_connection(config_path=saved).password == "s3cret-admin"
    assert resolve_connection(url="http://127.0.0.1:8000/", config_path=saved).password == \
        "s3cret-admin"
    with pytest.raises(DoccanoError) as error:
        resolve_connection(url="http://127.0.0.1:9999", config_path=saved)
    assert str(error.value) == (
        f"no password for http://127.0.0.1:9999: the saved login in {saved} is for another "
        "server and is never sent elsewhere; pass --password or $DOCCANO_PASSWORD (and "
        "--username) for this one")
    monkeypatch.setenv("DOCCANO_URL", "http://school.example:8000")
    with pytest.raises(DoccanoError, match="is for another server"):
        resolve_connection(config_path=saved)
    monkeypatch.setenv("DOCCANO_PASSWORD", "their-own")
    settings = resolve_connection(username="teacher", config_path=saved)
    assert (settings.url, settings.username, settings.password) == (
        "http://school.example:8000", "teacher", "their-own")


def test_same_server():
    assert same_server("http://localhost:80", "http://LOCALHOST/")
    assert not same_server("http://127.0.0.1:8000", "https://127.0.0.1:8000")
    assert not same_server("http://127.0.0.1:8000", "http://127.0.0.1:8001")
    assert not same_server("http://[::1", "http://127.0.0.1:8000")  # no address: no traceback
    assert not same_server("http://127.0.0.1:8000", "http://x:99999")


def test_a_passwords_file_in_a_git_tree_that_does_not_ignore_it_is_named(tmp_path: Path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    target = tmp_path / "roster.passwords.csv"
    target.write_text("username,password\n", encoding="utf-8")
    warning = unignored_in_git(target)
    assert warning is not None and "git does not ignore it" in warning
    (tmp_path / ".gitignore").write_text("*.passwords.csv\n", encoding="utf-8")
    assert unignored_in_git(target) is None


def test_the_projects_gitignore_covers_passwords_files():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(["git", "-C", str(root), "check-ignore", "-q",
                           "roster.passwords.csv"])
    assert done.returncode == 0


def test_members_add_checks_a_roster_password_for_an_existing_account(
        admin, doccano_server, catalogue, project_name, tmp_path):
    from toolkit.doccano.project import setup_project

    setup_project(admin, project_name, catalogue)
    roster = tmp_path / "roster.csv"
    roster.write_text("username,password\nold_student,First-pass-1\n", encoding="utf-8")
    add_members(admin, project_name, roster, tmp_path / "first.csv")
    # the same account again, with another password in a new roster: the server keeps its own
    roster.write_text("username,password\nold_student,Other-pass-2\n", encoding="utf-8")
    report = add_members(admin, project_name, roster, tmp_path / "second.csv")
    assert report.wrong_passwords == ("old_student",)
    assert "old_student" not in read_passwords(tmp_path / "second.csv")
    roster.write_text("username,password\nold_student,First-pass-1\n", encoding="utf-8")
    report = add_members(admin, project_name, roster, tmp_path / "third.csv")
    assert report.wrong_passwords == ()
    assert read_passwords(tmp_path / "third.csv") == {"old_student": "First-pass-1"}


def test_bad_choices_are_refused_before_connecting(tmp_path: Path):
    from typer.testing import CliRunner

    from toolkit.cli import app

    source = tmp_path / "a.jsonl"
    source.write_text('{"doc_id": "d", "text": "x"}\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["doccano", "--url", "http://127.0.0.1:9", "push", "p",
                                 str(source), "--suggestions-for", "parents"])
    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())
    assert "'parents' (allowed: teacher, students, all)" in flat
    result = runner.invoke(app, ["doccano", "--url", "http://127.0.0.1:9", "status", "p",
                                 "--format", "xml"])
    flat = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and "'xml' (allowed: table, json)" in flat
