"""scripts/system-deps.sh with stand-ins for dpkg-query, apt-get and id on the PATH (the real
ones would change the machine): package states that count as installed, waiting for a lock
another program holds, giving up, and the advice for a user who is not root."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "system-deps.sh"
PACKAGES = ["fonts-noto-cjk", "fonts-noto-color-emoji", "fonts-hanazono", "libharfbuzz-subset0",
            "poppler-utils", "fontconfig"]
LISTS_LOCKED = ("E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 "
                "(unattended-upgr)\nE: Unable to lock directory /var/lib/apt/lists/")
DPKG_LOCKED = ("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4243 "
               "(apt-get)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/"
               "lock-frontend), is another process using it?")


def run(tmp_path: Path, states: dict[str, str], *, uid: int = 0, locked: dict[str, int] = {},
        wait: int = 600) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run the script; `states` gives dpkg's status per package (absent: not known),
    `locked` how many calls of `apt-get update`/`install` fail on a lock first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (tmp_path / "states").write_text("".join(f"{p} {s}\n" for p, s in states.items()))
    for what, count in locked.items():
        (tmp_path / f"locked-{what}").write_text(str(count))
    stubs = {
        "dpkg-query": f"""line=$(grep "^$3 " {tmp_path}/states) || exit 1
printf '%s' "${{line#* }}"
""",
        "id": f"echo {uid}\n",
        "apt-get": f"""echo "$*" >> {tmp_path}/apt-calls
for what in update install; do
    case " $* " in *" $what "*) ;; *) continue ;; esac
    left=$(cat {tmp_path}/locked-$what 2>/dev/null || echo 0)
    if [ "$left" -gt 0 ]; then
        echo $((left - 1)) > {tmp_path}/locked-$what
        [ $what = update ] && echo "{LISTS_LOCKED}" >&2 || echo "{DPKG_LOCKED}" >&2
        exit 100
    fi
done
""",
    }
    for name, body in stubs.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "SYSTEM_DEPS_LOCK_WAIT": str(wait)}
    result = subprocess.run(["sh", str(SCRIPT)], env=env, capture_output=True, text=True,
                            timeout=60)
    calls = tmp_path / "apt-calls"
    return result, calls.read_text().splitlines() if calls.exists() else []


INSTALLED = {p: "install ok installed" for p in PACKAGES}


@pytest.mark.parametrize("state", ["install ok triggers-pending", "install ok triggers-awaited",
                                   "hold ok installed"])
def test_installed_but_pending_packages_count_as_installed(tmp_path: Path, state: str) -> None:
    result, calls = run(tmp_path, {**INSTALLED, "fontconfig": state})
    assert (result.returncode, result.stdout, result.stderr, calls) == (0, "", "", [])


def test_waits_for_the_lists_lock_and_the_dpkg_lock_saying_who_holds_them(tmp_path: Path) -> None:
    states = {**INSTALLED, "fonts-hanazono": "install ok unpacked"}
    del states["fonts-noto-color-emoji"]
    result, calls = run(tmp_path, states, locked={"update": 2, "install": 1})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "system-deps: installing fonts-noto-color-emoji fonts-hanazono\n"
    assert result.stderr == (
        "system-deps: waiting for /var/lib/apt/lists/lock (held by process 4242 "
        "(unattended-upgr)): another program is installing packages; waiting up to 600 s\n"
        "system-deps: waiting for /var/lib/dpkg/lock-frontend (held by process 4243 (apt-get)): "
        "another program is installing packages; waiting up to 600 s\n")
    install = "install -y -qq --no-install-recommends fonts-noto-color-emoji fonts-hanazono"
    timeouts = [int(call.split()[1].split("=")[1]) for call in calls]
    assert [call.split(" ", 2)[2] for call in calls] == ["update -qq"] * 3 + [install] * 2
    # first without waiting (to say who holds the lock), then apt-get waits for what is left
    assert timeouts[0] == timeouts[3] == 0
    assert all(590 <= t <= 600 for t in timeouts[1:3] + timeouts[4:])


def test_gives_up_when_the_lock_stays_held(tmp_path: Path) -> None:
    states = {p: s for p, s in INSTALLED.items() if p != "fonts-hanazono"}
    result, _ = run(tmp_path, states, locked={"update": 0, "install": 99}, wait=1)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("system-deps: waiting for /var/lib/dpkg/lock-frontend (held by "
                               "process 4243 (apt-get))")
    assert lines[-2].startswith("system-deps: gave up after ")
    assert lines[-2].endswith(" s: /var/lib/dpkg/lock-frontend is still locked")
    assert lines[-1] == "system-deps: apt-get failed to install fonts-hanazono"


def test_not_root_gets_the_command_to_run(tmp_path: Path) -> None:
    states = {p: s for p, s in INSTALLED.items()
              if p not in ("fonts-noto-color-emoji", "fonts-hanazono")}
    result, calls = run(tmp_path, states, uid=1000)
    assert result.returncode == 0 and calls == []
    assert result.stderr.splitlines()[:2] == [
        "system-deps: missing Debian packages: fonts-noto-color-emoji fonts-hanazono",
        "system-deps: install them with: sudo apt-get install fonts-noto-color-emoji "
        "fonts-hanazono"]
