"""Hostile and broken submissions, each built from the real released or source notebook."""

from __future__ import annotations

import copy
import json

from tests.conftest import REPO, notebook_with

RELEASED = REPO / "assignments" / "churn" / "churn.ipynb"


def cells_by_id(nb: dict) -> dict[str, dict]:
    return {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in nb["cells"]}


def without(nb: dict, *grade_ids: str) -> dict:
    nb = copy.deepcopy(nb)
    nb["cells"] = [
        c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") not in grade_ids
    ]
    return nb


def reference() -> dict:
    """The reference answers in the released notebook (what a perfect candidate hands in)."""
    released = json.loads(RELEASED.read_text())
    answers = {gid: "".join(c["source"]) for gid, c in cells_by_id(notebook_with({})).items()}
    for gid, cell in cells_by_id(released).items():
        if cell["metadata"].get("nbgrader", {}).get("solution") and gid in answers:
            lines = answers[gid].splitlines(keepends=True)
            cell["source"] = "".join(
                line for line in lines if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
            )
    return released


def with_answers(answers: dict[str, str], base: dict | None = None) -> dict:
    nb = copy.deepcopy(base or reference())
    for gid, cell in cells_by_id(nb).items():
        if gid in answers:
            cell["source"] = answers[gid]
    return nb


def prepend(grade_id: str, code: str) -> dict:
    nb = reference()
    cell = cells_by_id(nb)[grade_id]
    cell["source"] = code + "\n" + "".join(cell["source"])
    return nb


def append(grade_id: str, code: str) -> dict:
    nb = reference()
    cell = cells_by_id(nb)[grade_id]
    cell["source"] = "".join(cell["source"]) + "\n" + code
    return nb


def duplicated() -> dict:
    """check_model copy-pasted above itself and gutted, and an answer cell pasted twice."""
    nb = reference()
    index = next(i for i, c in enumerate(nb["cells"]) if cells_by_id({"cells": [c]}).get("check_model"))
    gutted = copy.deepcopy(nb["cells"][index])
    gutted["source"] = "pass"
    nb["cells"].insert(index, gutted)
    answer = next(i for i, c in enumerate(nb["cells"]) if cells_by_id({"cells": [c]}).get("build_model"))
    nb["cells"].insert(answer, copy.deepcopy(nb["cells"][answer]))
    return nb


def retyped() -> dict:
    nb = reference()
    cells = cells_by_id(nb)
    for gid, new_type in (("check_load", "markdown"), ("build_model", "raw")):
        cell = cells[gid]
        cell["cell_type"] = new_type
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
    return nb


def tampered() -> dict:
    """A non-model with its check replaced by `pass`, and the locked setup cell edited."""
    nb = with_answers({"build_model": "model = 'not a model'"})
    cells = cells_by_id(nb)
    cells["check_model"]["source"] = "pass  # nothing to see here"
    cells["setup"]["source"] = "".join(cells["setup"]["source"]) + "\nprint('edited setup')"
    return nb


SPAWN = """
import subprocess
subprocess.Popen(["sleep", "613"])
# A daemon: bash exits at once, its child leaves the process tree for a new session.
subprocess.Popen(["bash", "-c", "setsid sleep 617 >/dev/null 2>&1 < /dev/null &"])
"""

# Tries to read the holdout labels by every path a kernel could guess; records what happened.
READ_LABELS = """
import os
from pathlib import Path
_found = []
for _base in [Path.cwd(), *Path.cwd().parents]:
    _labels = _base / "autograders" / "churn" / "holdout_labels.csv"
    for _p in (_labels, Path(os.path.relpath(_labels))):
        try:
            _found.append(f"read {len(_p.read_bytes())} bytes of {_p}")
        except OSError as _exc:
            pass
Path("leak.txt").write_text("\\n".join(_found) or "denied")
"""

# Deletes everything it can reach around its own folder, up to the test's temporary folder that
# holds the course and the submissions (only run where kernels are isolated).
DELETE_AROUND = """
import os, shutil
from pathlib import Path
_here = Path.cwd().resolve()
for _parent in list(_here.parents)[:4]:
    try:
        _children = list(_parent.iterdir())
    except OSError:
        continue
    for _child in _children:
        if _child == _here or _here.is_relative_to(_child) or _parent == Path("/"):
            continue
        try:
            shutil.rmtree(_child) if _child.is_dir() and not _child.is_symlink() else _child.unlink()
        except OSError:
            pass
"""


# A one-feature model: runs fine, earns partial holdout credit.
WEAK_MODEL = """
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

model = make_pipeline(make_column_transformer((SimpleImputer(), ["tenure"])), LogisticRegression())
model.fit(X, y)
"""
