"""`mlt doccano members add`: accounts from a roster, passwords kept private."""

from __future__ import annotations

import stat

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.doccano.errors import AuthenticationFailed
from toolkit.doccano.members import read_passwords, read_roster
from toolkit.doccano.project import setup_project
from toolkit.doccano.session import Session
from toolkit.errors import InvalidInputError


def test_roster_problems_are_all_reported_with_lines(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("Username,Password\nli.wei,\nbad name,\nli.wei,\nzhao,short\n.hidden,\n",
                      encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        read_roster(roster)
    assert [str(p) for p in error.value.problems] == [
        f"{roster}:3: username 'bad name' is not allowed (use letters, digits and @ . + - _, "
        "at most 150)",
        f"{roster}:4: username 'li.wei' is already on line 2",
        f"{roster}:5: the password of 'zhao' is shorter than 8 characters (leave it empty to "
        "have one generated)",
        f"{roster}:6: username '.hidden' may not start with '.' (pull names a file after every "
        "user)"]
    roster.write_text("name\nli\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as error:
        read_roster(roster)
    assert str(error.value.problems[0]) == (f"{roster}:1: the first line must name the columns: "
                                            "username[,password]")


def test_members_add_creates_accounts_once(doccano_server, admin, catalogue, project_name,
                                          tmp_path):
    setup_project(admin, project_name, catalogue)
    suffix = project_name[-6:]
    names = [f"s{suffix}a", f"s{suffix}b"]
    roster = tmp_path / "class.csv"
    roster.write_text(f"username,password\n{names[0]},\n{names[1]},Given-password-1\n",
                      encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["doccano", "members", "add", project_name, str(roster)])
    assert result.exit_code == 0, result.output
    secrets_file = tmp_path / "class.passwords.csv"
    assert result.stdout == (f"2 account(s) created, 0 already existed; 2 added to "
                             f"{project_name!r}, 0 already members\n"
                             f"passwords: {secrets_file} (readable only by you)\n")
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    passwords = read_passwords(secrets_file)
    assert sorted(passwords) == names and passwords[names[1]] == "Given-password-1"
    assert passwords[names[0]] not in result.output
    for name in names:
        Session.connect(doccano_server.admin.as_user(name, passwords[name]))
    again = runner.invoke(app, ["doccano", "members", "add", project_name, str(roster)])
    assert again.stdout == (f"0 account(s) created, 2 already existed; 0 added to "
                            f"{project_name!r}, 2 already members\n")
    assert read_passwords(secrets_file) == passwords
    assert admin.members(admin.require_project(project_name).id) == {
        "admin": "project_admin", names[0]: "annotator", names[1]: "annotator"}
    with pytest.raises(AuthenticationFailed):
        Session.connect(doccano_server.admin.as_user(names[0], "not-the-password"))
