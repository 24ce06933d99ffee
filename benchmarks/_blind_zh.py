"""The blind Chinese set: real articles nobody on the project had read before the rule
generalisation of issue #14, annotated by zh-dev's conventions and kept out of rule development.

The texts are not ours, so only the annotation is in the tree (benchmarks/data/blind-zh.jsonl:
source repository, path, commit, the fingerprint (toolkit.corpus.fingerprint) of the cleaned text, labels). The texts
are read from a fetched mirror of the source repository (``git show COMMIT:PATH``) and cleaned
here the way zh-dev's README describes (wiki-link, image and link markup, heading marks, page
chrome removed; wording and punctuation kept). A text whose fingerprint differs is an error,
never scored.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.corpus import fingerprint  # noqa: E402

ANNOTATION = ROOT / "benchmarks" / "data" / "blind-zh.jsonl"
#: Where `fetch github:ourhimalayas/txt` puts its mirror; BLIND_MIRROR overrides it.
MIRRORS = {"ourhimalayas/txt": Path(os.environ.get(
    "BLIND_MIRROR", "/work/.mirror/ourhimalayas+txt/repo"))}

#: A footer line: the page's text ends before it (sources, credits, channel links, disclaimer).
_FOOTER = re.compile(r"^(?:资料来源|信息源|信息来源|参考链接|原文链接|更多|免责声明|上传|发布[：:]|"
                     r"撰稿/|审核|校对|责任编辑|\* \* \*)")
#: A line of page chrome inside the text: credits, image captions of the page, channel banners.
_CHROME = re.compile(r"^(?:翻译|编辑|翻译/编辑|翻译&评论|编译|撰稿|作者|图片|图片来源|视频来源)[：:]|"
                     r"^(?:分享澳洲生活点滴|图片来自网络$)")


def clean(raw: str) -> str:
    """Headline + blank line + body paragraphs of one GNews archive page."""
    lines = raw.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## "))
    paragraphs = [_inline(lines[start][3:])]
    for line in lines[start + 1:]:
        if line.lstrip().startswith("`") and len(paragraphs) == 1:
            continue
        text = _inline(line)
        if _FOOTER.search(text):
            break
        if not text or _CHROME.search(text):
            continue
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _inline(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
    line = re.sub(r"\[\[zh:([^\]]*)\]\]", r"\1", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"<[^>]+>", "", line)
    line = re.sub(r"^#+\s*", "", line.strip())
    line = line.replace("**", "").replace("\u200b", "").strip()
    if len(line) > 2 and line.startswith("*") and line.endswith("*"):
        line = line[1:-1]
    return line.strip()


def read_text(repo: str, path: str, commit: str) -> str:
    """The cleaned text of one article from the mirror; SystemExit with what to do when absent."""
    mirror = MIRRORS.get(repo)
    if mirror is None or not mirror.exists():
        raise SystemExit(f"blind set: no mirror of {repo} at {mirror}; fetch github:{repo} "
                         "(or set BLIND_MIRROR to its git directory) to score this set")
    shown = subprocess.run(["git", "--git-dir", str(mirror), "show", f"{commit}:{path}"],
                           capture_output=True, text=True)
    if shown.returncode != 0:
        raise SystemExit(f"blind set: {repo} mirror at {mirror} lacks {commit[:12]}:{path} "
                         f"({shown.stderr.strip()})")
    return clean(shown.stdout)


def load() -> list[dict]:
    """The annotation records with their texts; every fingerprint checked."""
    records = []
    for number, line in enumerate(ANNOTATION.read_text(encoding="utf-8").splitlines(), 1):
        record = json.loads(line)
        text = read_text(record["repo"], record["path"], record["commit"])
        if fingerprint(text) != record["fingerprint"]:
            raise SystemExit(f"{ANNOTATION}:{number}: the text of {record['path']} differs "
                             "from the annotated one (fingerprint mismatch); not scored")
        records.append({**record, "text": text})
    return records
