"""A push killed mid-upload leaves its upload folder (a full copy of the articles) behind; the
next push removes the folders of pushes whose process is gone, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from toolkit.doccano.push import UPLOAD_PREFIX, remove_stale_upload_folders


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_folders_of_finished_processes_are_removed(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = tmp_path / f"{UPLOAD_PREFIX}{dead_pid()}-abc"
        live = tmp_path / f"{UPLOAD_PREFIX}{sleeper.pid}-def"
        mine = tmp_path / f"{UPLOAD_PREFIX}{os.getpid()}-ghi"
        other = tmp_path / "mlt-push-notapid"
        for folder in (dead, live, mine, other):
            folder.mkdir()
            (folder / "upload.jsonl").write_text("{}\n", encoding="ascii")
        assert remove_stale_upload_folders(str(tmp_path)) == [str(dead)]
        assert not dead.exists() and live.exists() and mine.exists() and other.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_missing_temporary_folder_is_not_an_error(tmp_path: Path) -> None:
    assert remove_stale_upload_folders(str(tmp_path / "absent")) == []
