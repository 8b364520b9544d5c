"""The labelled external answers as files: the labels (JSON Lines, an answer a row, with its split, its
source and the sha256 of its text) and the texts, kept outside the repository (id and text), joined by
id and checked by hash. Apart from the review on purpose: rebuilding the texts needs this and not the
review's imports (scipy alone takes seconds to import).
"""

from __future__ import annotations

import collections
import hashlib
import json
from pathlib import Path
from typing import Any

GUIDE = Path(__file__).resolve().parents[1] / "interview_guide"
LABELS = GUIDE / "external_answer_labels.jsonl"
SECOND = GUIDE / "external_answer_labels_second.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file; blank lines are skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def splits_in(labels_file: Path) -> list[str]:
    """The names of the splits a labels file holds, sorted."""
    return sorted({row["split"] for row in read_jsonl(labels_file)})


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(
    texts_files: Path | list[Path],
    labels_file: Path,
    splits: list[str] | None = None,
    *,
    without_text: collections.Counter[str] | None = None,
) -> list[dict[str, Any]]:
    """The labelled rows (of `splits`, default all) with their texts.

    Every row must have its text, unless `without_text` is given: then rows with none are left out and
    counted there per split (a rebuild of the texts on a new machine may not find them all).
    """
    files = [texts_files] if isinstance(texts_files, Path) else texts_files
    texts, origin = {}, {}
    for texts_file in files:
        for row in read_jsonl(texts_file):
            texts[row["id"]], origin[row["id"]] = row["text"], texts_file
    rows = []
    for row in read_jsonl(labels_file):
        if splits and row["split"] not in splits:
            continue
        text = texts.get(row["id"])
        if text is None and without_text is not None:
            without_text[row["split"]] += 1
            continue
        if text is None:
            raise SystemExit(f"{', '.join(map(str, files))}: no text for {row['id']}")
        if sha256(text) != row["sha256"]:
            raise SystemExit(f"{origin[row['id']]}: the text of {row['id']} is not the one that was labelled")
        rows.append({**row, "text": text})
    return rows
