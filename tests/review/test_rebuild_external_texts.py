"""Can a new machine get the external answers' texts back from their pinned sources, exactly?

The texts stay out of the repository; the labels keep a GitHub URL pinned to a commit and each text's
sha256. These tests build a real git repository, pin answers in it, and rebuild them through both ways
the script finds a repository: a folder of copies, and a clone.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "rebuild_external_texts.py"

NOTES = """# Behavioural answers

## Tell me about a time you fixed a model

At my last job our churn model drifted.
I was asked to fix it before the campaign.

I retrained it on the last three months. Complaints fell by 20 percent.

## What is your greatest weakness?

*Answer:* I say yes too often.
I now keep a list of what I have promised.

## Where do you see yourself?

\u2705 Example: \u201cLeading a small platform team.\u201d
"""
PERSONA = {"answers": [{"q": "Why us?", "a": "  I like your product and your team.\n"}]}


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _pinned_repo(tmp_path: Path) -> tuple[Path, str]:
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "prep notes.md").write_text(NOTES, encoding="utf-8")
    (work / "persona.json").write_text(json.dumps(PERSONA), encoding="utf-8")
    _git("init", "--quiet", cwd=work)
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "notes", cwd=work)
    commit = _git("rev-parse", "HEAD", cwd=work)
    # A later commit changes the file: the pinned commit, not the newest, must be read.
    (work / "docs" / "prep notes.md").write_text("moved away\n", encoding="utf-8")
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "later", cwd=work)
    return work, commit


STORY = (
    "At my last job our churn model drifted.\nI was asked to fix it before the campaign.\n\n"
    "I retrained it on the last three months. Complaints fell by 20 percent."
)
# Copied without the label ahead of the answer, as the collectors did.
WEAKNESS = "I say yes too often.\nI now keep a list of what I have promised."
WHY_US = "I like your product and your team."
FIVE_YEARS = "\u201cLeading a small platform team.\u201d"


def _labels(tmp_path: Path, commit: str) -> Path:
    base = f"https://github.com/ann/prep/blob/{commit}"
    rows = [
        ("ext-1", f"{base}/docs/prep%20notes.md", STORY),
        ("ext-2", f"{base}/docs/prep%20notes.md", WEAKNESS),
        ("ext-3", f"{base}/persona.json", WHY_US),
        ("ext-4", f"{base}/docs/prep%20notes.md", "A text that is in no file."),
        ("ext-5", "https://example.com/blog/answers", "A text from a web page."),
        ("ext-6", f"{base}/docs/prep%20notes.md", FIVE_YEARS),
    ]
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "".join(
            json.dumps(
                {"id": i, "source": s, "split": "heldout9", "sha256": hashlib.sha256(t.encode()).hexdigest()}
            )
            + "\n"
            for i, s, t in rows
        )
    )
    return labels


def _rebuild(tmp_path: Path, labels: Path, *where: str) -> tuple[dict[str, str], dict]:
    out = tmp_path / "texts.jsonl"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(out), "--labels", str(labels), "--json", *where],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    texts = {r["id"]: r["text"] for r in map(json.loads, out.read_text().splitlines())}
    return texts, json.loads(done.stdout)


def test_answers_are_rebuilt_exactly_from_the_pinned_commit_in_a_folder_of_copies(tmp_path: Path) -> None:
    work, commit = _pinned_repo(tmp_path)
    mirrors = tmp_path / "mirrors"
    subprocess.run(
        ["git", "clone", "--quiet", "--bare", str(work), str(mirrors / "ann+prep" / "repo")], check=True
    )

    texts, report = _rebuild(tmp_path, _labels(tmp_path, commit), "--mirrors", str(mirrors))

    assert texts == {"ext-1": STORY, "ext-2": WEAKNESS, "ext-3": WHY_US, "ext-6": FIVE_YEARS}
    assert report["splits"] == {"heldout9": {"rebuilt": 4, "missing": 2}}
    assert "no span" in report["missing"]["ext-4"]
    assert "web page" in report["missing"]["ext-5"]


def test_repositories_not_copied_yet_are_cloned(tmp_path: Path) -> None:
    work, commit = _pinned_repo(tmp_path)
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "prep").symlink_to(work)

    texts, _ = _rebuild(
        tmp_path,
        _labels(tmp_path, commit),
        "--clone-into",
        str(tmp_path / "clones"),
        "--clone-base",
        f"file://{tmp_path}",
    )

    assert texts["ext-1"] == STORY and texts["ext-3"] == WHY_US
    assert (tmp_path / "clones" / "ann" / "prep").is_dir()


def test_a_repository_that_cannot_be_found_is_reported_not_fatal(tmp_path: Path) -> None:
    _, commit = _pinned_repo(tmp_path)

    texts, report = _rebuild(tmp_path, _labels(tmp_path, commit), "--mirrors", str(tmp_path / "none"))

    assert texts == {}
    assert report["missing"]["ext-1"] == "no git copy of ann/prep"
