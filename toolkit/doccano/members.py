"""`mlt doccano members add`: student accounts from a class roster, added as annotators.

The roster is a CSV file with a `username` column and an optional `password` column. Accounts
that do not exist yet are created (with a generated password when the roster gives none);
existing accounts keep their password; existing members are skipped. Every password the
toolkit knows is written to a CSV file that only its owner can read, never to the screen.
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_open
from ..errors import InvalidInputError, Problem
from .errors import AuthenticationFailed, DoccanoError
from .session import Session
from .settings import PRIVATE

#: Django's username rule (letters, digits and @ . + - _, at most 150).
USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Student:
    """One roster line (the password is never shown in a repr)."""

    username: str
    password: str | None = None

    def __repr__(self) -> str:
        return f"Student({self.username!r})"


@dataclass(frozen=True)
class MembersReport:
    """What `add_members` did."""

    created: tuple[str, ...]
    existing_accounts: tuple[str, ...]
    added: tuple[str, ...]
    already_members: tuple[str, ...]
    passwords_file: Path
    wrong_passwords: tuple[str, ...] = ()   # existing accounts the roster's password does not open
    unignored: str | None = None            # a warning: the passwords file could be committed


def read_roster(path: Path) -> list[Student]:
    """The students of a roster CSV; InvalidInputError lists every bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DoccanoError(f"{path}: cannot read the roster ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "username" not in fields:
        raise InvalidInputError([Problem(str(path), 1, "the first line must name the columns: "
                                         "username[,password]")], what=str(path))
    reader.fieldnames = fields
    students, problems, seen = [], [], {}
    for number, row in enumerate(reader, start=2):
        name = (row.get("username") or "").strip()
        password = (row.get("password") or "").strip() or None
        if not name and not password:
            continue
        if not USERNAME.match(name):
            problems.append(Problem(str(path), number, f"username {name!r} is not allowed (use "
                                    "letters, digits and @ . + - _, at most 150)"))
        elif name.startswith("."):
            problems.append(Problem(str(path), number, f"username {name!r} may not start with "
                                    "'.' (pull names a file after every user)"))
        elif name in seen:
            problems.append(Problem(str(path), number, f"username {name!r} is already on line "
                                    f"{seen[name]}"))
        elif password is not None and len(password) < MIN_PASSWORD:
            problems.append(Problem(str(path), number, f"the password of {name!r} is shorter "
                                    f"than {MIN_PASSWORD} characters (leave it empty to have "
                                    "one generated)"))
        else:
            seen[name] = number
            students.append(Student(name, password))
    if problems:
        raise InvalidInputError(problems, what=str(path))
    return students


def read_passwords(path: Path) -> dict[str, str]:
    """username -> password from a passwords CSV written by `add_members`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise DoccanoError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    except UnicodeDecodeError as exc:
        raise DoccanoError(f"{path}: not a passwords file written by `mlt doccano members add` "
                           f"(invalid UTF-8 at byte {exc.start})") from None
    if os.stat(path).st_mode & 0o077:
        raise DoccanoError(f"{path}: other users can read this password file; run "
                           f"`chmod 600 {path}`")
    try:
        return {row["username"]: row["password"] for row in csv.DictReader(io.StringIO(text))
                if row.get("username") and row.get("password")}
    except csv.Error as exc:
        raise DoccanoError(f"{path}: not a passwords file written by `mlt doccano members add` "
                           f"({exc})") from None


def write_passwords(path: Path, passwords: dict[str, str]) -> None:
    """Write username,password lines atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    os.chmod(path, PRIVATE)
    with atomic_open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["username", "password"])
        writer.writerows(sorted(passwords.items()))


def default_passwords_file(roster: Path) -> Path:
    """`ROSTER.passwords.csv` beside the roster."""
    return roster.with_name(roster.stem + ".passwords.csv")


def add_members(session: Session, project_name: str, roster: Path,
                passwords_file: Path | None = None, role: str = "annotator") -> MembersReport:
    """Create missing accounts and add every student of `roster` to the project."""
    students = read_roster(roster)
    project = session.require_project(project_name)
    target = passwords_file or default_passwords_file(roster)
    known = read_passwords(target)
    created, existing, wrong = [], [], []
    for student in students:
        if session.find_user(student.username) is not None:
            existing.append(student.username)
            continue
        password = student.password or secrets.token_urlsafe(9)
        session.create_user(student.username, password)
        known[student.username] = password
        created.append(student.username)
        write_passwords(target, known)  # after each account: a failure later loses nothing
    for student in students:
        if student.username in existing and student.password \
                and known.get(student.username) != student.password:
            # an existing account keeps its password: keep the roster's only if it opens it
            if _opens(session, student.username, student.password):
                known[student.username] = student.password
            else:
                wrong.append(student.username)
    if known:
        write_passwords(target, known)
    members = session.members(project.id)
    added, already = [], []
    for student in students:
        if student.username in members:
            already.append(student.username)
        else:
            session.add_member(project.id, student.username, role)
            added.append(student.username)
    return MembersReport(tuple(created), tuple(existing), tuple(added), tuple(already), target,
                         tuple(wrong), unignored_in_git(target) if known else None)


def _opens(session: Session, username: str, password: str) -> bool:
    """Does this password log in to this account? (One login; the password is not shown.)"""
    try:
        Session.connect(session.settings.as_user(username, password), retries=1)
    except AuthenticationFailed:
        return False
    return True


def unignored_in_git(path: Path) -> str | None:
    """A warning when `path` lies in a git work tree that does not ignore it (one `git add .`
    would publish every password), else None."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return None
    folder = path.resolve().parent
    try:
        inside = subprocess.run([git, "-C", str(folder), "rev-parse", "--show-toplevel"],
                                capture_output=True, text=True, timeout=10)
        if inside.returncode != 0:
            return None
        ignored = subprocess.run([git, "-C", str(folder), "check-ignore", "-q", str(path.resolve())],
                                 capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if ignored.returncode == 0:
        return None
    return (f"{path} is inside the git work tree {inside.stdout.strip()} and git does not ignore "
            "it: add `*.passwords.csv` to its .gitignore, or keep the file outside (--passwords)")
