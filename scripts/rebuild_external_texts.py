"""Rebuild the texts of the labelled external answers from their pinned sources, by hash.

    .venv/bin/python scripts/rebuild_external_texts.py OUT.jsonl --mirrors DIR [--split S ...] [--json]
    .venv/bin/python scripts/rebuild_external_texts.py OUT.jsonl --clone-into DIR     # with internet

The answers' texts stay out of the repository (they belong to their authors), so a new machine has
none of them and `scripts/measure_external_review.py` cannot run. What the repository keeps is enough
to get them back: each answer's source is a GitHub file pinned to a commit, and its text's sha256 is in
interview_guide/external_answer_labels.jsonl. This script reads each pinned file from a git copy of its
repository and keeps the span whose hash matches: a run of whole lines (as written, trimmed, or joined
into one paragraph) or a string inside a JSON file. A match is exact by construction, so what it
writes is the text that was labelled, or nothing.

Git copies are looked up under each `--mirrors` DIR as DIR/OWNER+NAME/repo (how the team's fetch tool
lays them out) or DIR/OWNER/NAME; `--clone-into` clones what is missing from `--clone-base`
(https://github.com by default). Answers taken from web pages cannot be rebuilt this way; they are
listed as missing with the reason, as is every answer whose file or span was not found.

Example, on the answers never read while tuning:
    .venv/bin/python scripts/rebuild_external_texts.py /tmp/heldout.jsonl --mirrors /work/.mirror \\
        --split heldout19 --split heldout22
    .venv/bin/python scripts/measure_external_review.py /tmp/heldout.jsonl --split heldout19
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from external_labels import LABELS, read_jsonl, sha256

# The first set pinned a few files to HEAD (the snapshot's newest commit) and noted a title after
# the URL; the hash still decides whether what is found there is the text.
PINNED = re.compile(r"^https://github\.com/([^/]+)/([^/]+)/blob/([0-9a-f]{40}|HEAD)/(\S+)")
# An answer is rarely longer than this many lines; the bound keeps a long file's scan quadratic in
# this, not in the file's length.
LONGEST_ANSWER_LINES = 100
EMPHASIS = r"(?:\*\*|__|[*_`])?"
# A leading quote mark, bullet or emoji, emphasis, then "A." or a short label and its colon.
LABEL = re.compile(
    rf"^\s*(?:>\s*)?(?:[-*+]\s+)?(?:[^\w\s*_`>-]{{1,2}}\s*)?{EMPHASIS}"
    rf"(?:[A-Z]\.|[A-Za-z][\w ()/'&-]{{0,30}}{EMPHASIS}:){EMPHASIS}:?\s+"
)

RepoFinder = Callable[[str, str], Path | None]


def pinned_source(url: str) -> tuple[str, str, str, str] | None:
    """(owner, name, commit, path) of a GitHub file URL pinned to a commit (or HEAD), else None."""
    match = PINNED.match(url)
    if not match:
        return None
    owner, name, commit, path = match.groups()
    return owner, name, commit, unquote(path)


def _forms(lines: list[str]) -> Iterator[str]:
    # The ways the collectors copied a run of lines: as written, trimmed, with blank runs closed up,
    # and each of those without a label ahead of the answer ("A.", "*Example:*", "`Answer:`", "✅ Example:").
    raw = "\n".join(lines)
    yield raw
    if not lines[-1].strip():
        return  # trimmed, a span ending in blank lines is a shorter span's text
    unlabelled = LABEL.sub("", lines[0], count=1)
    for first in (lines[0], unlabelled) if unlabelled != lines[0] else (lines[0],):
        run = [first, *lines[1:]]
        joined = "\n".join(run)
        yield joined
        yield joined.strip()
        yield "\n".join(line.rstrip() for line in run).strip()
        yield re.sub(r"\n\s*\n+", "\n\n", "\n".join(line.strip() for line in run).strip())


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        yield value.strip()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def find_spans(text: str, wanted: set[str]) -> dict[str, str]:
    """The spans of `text` whose sha256 is in `wanted`, keyed by that hash."""
    found: dict[str, str] = {}

    def keep(candidates: Iterable[str]) -> bool:
        for candidate in set(candidates):
            digest = sha256(candidate)
            if digest in wanted and digest not in found:
                found[digest] = candidate
        return len(found) == len(wanted)

    try:
        if keep(_json_strings(json.loads(text))):
            return found
    except ValueError:
        pass
    lines = text.replace("\r\n", "\n").split("\n")
    for start, first in enumerate(lines):
        if not first.strip():
            continue
        for end in range(start + 1, min(len(lines), start + LONGEST_ANSWER_LINES) + 1):
            if keep(_forms(lines[start:end])):
                return found
    return found


def mirror_finder(roots: list[Path]) -> RepoFinder:
    def find(owner: str, name: str) -> Path | None:
        for root in roots:
            for candidate in (root / f"{owner}+{name}" / "repo", root / owner / name):
                if candidate.is_dir():
                    return candidate
        return None

    return find


def clone_finder(into: Path, base: str, fallback: RepoFinder) -> RepoFinder:
    def find(owner: str, name: str) -> Path | None:
        found = fallback(owner, name)
        if found is not None:
            return found
        target = into / owner / name
        if not target.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            url = f"{base.rstrip('/')}/{owner}/{name}"
            done = subprocess.run(
                ["git", "clone", "--quiet", "--bare", url, str(target)], capture_output=True, text=True
            )
            if done.returncode != 0:
                print(f"could not clone {url}: {done.stderr.strip()}", file=sys.stderr)
                return None
        return target

    return find


def _file_at(repo: Path, commit: str, path: str) -> str | None:
    git_dir = repo / ".git" if (repo / ".git").is_dir() else repo
    done = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], capture_output=True)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def rebuild(rows: list[dict[str, Any]], *, find_repo: RepoFinder) -> tuple[dict[str, str], dict[str, str]]:
    """Texts rebuilt per answer id, and the reason for each answer that was not."""
    texts: dict[str, str] = {}
    missing: dict[str, str] = {}
    by_file: dict[tuple[str, str, str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        pinned = pinned_source(row["source"])
        if pinned is None:
            missing[row["id"]] = "not a file in a GitHub repository (a web page: save it by hand)"
        else:
            by_file[pinned].append(row)
    for done, ((owner, name, commit, path), answers) in enumerate(by_file.items(), 1):
        # A long file with an answer not in it costs seconds; show where the run is.
        print(f"[{done}/{len(by_file)}] {owner}/{name} {path}", file=sys.stderr, flush=True)
        repo = find_repo(owner, name)
        content = _file_at(repo, commit, path) if repo is not None else None
        if content is None:
            reason = f"no git copy of {owner}/{name}" if repo is None else f"{path} not at {commit[:10]}"
            missing.update((row["id"], reason) for row in answers)
            continue
        spans = find_spans(content, {row["sha256"] for row in answers})
        for row in answers:
            if row["sha256"] in spans:
                texts[row["id"]] = spans[row["sha256"]]
            else:
                missing[row["id"]] = f"no span of {path} has this text's sha256"
    return texts, missing


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="where to write the texts, one {id, text} per line")
    parser.add_argument("--mirrors", type=Path, action="append", default=[], help="folder of git copies")
    parser.add_argument("--clone-into", type=Path, help="clone repositories not found into this folder")
    parser.add_argument("--clone-base", default="https://github.com", help="where to clone from")
    parser.add_argument("--split", action="append", help="only these splits (repeatable)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--json", action="store_true", help="print counts and missing ids as JSON")
    args = parser.parse_args()

    rows = read_jsonl(args.labels)
    if args.split:
        unknown = set(args.split) - {row["split"] for row in rows}
        if unknown:
            parser.error(f"{args.labels} has no split {', '.join(sorted(unknown))}")
        rows = [row for row in rows if row["split"] in args.split]
    finder = mirror_finder(args.mirrors)
    if args.clone_into:
        finder = clone_finder(args.clone_into, args.clone_base, finder)
    texts, missing = rebuild(rows, find_repo=finder)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            if row["id"] in texts:
                out.write(json.dumps({"id": row["id"], "text": texts[row["id"]]}) + "\n")

    per_split: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in rows:
        per_split[row["split"]]["rebuilt" if row["id"] in texts else "missing"] += 1
    if args.json:
        print(json.dumps({"splits": per_split, "missing": missing}, indent=2))
        return
    for split, counts in sorted(per_split.items()):
        print(f"{split:>10}: {counts['rebuilt']:>3} rebuilt, {counts['missing']:>3} missing")
    for answer_id, reason in sorted(missing.items()):
        print(f"  {answer_id}: {reason}", file=sys.stderr)
    print(f"wrote {len(texts)} of {len(rows)} texts to {args.out}")


if __name__ == "__main__":
    main()
