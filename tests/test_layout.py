"""Does every import run with the flow, as each subpackage's docstring says it may?"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mleprep"
# What each room may import, besides itself (README "Layout"; each __init__.py says the same).
MAY_IMPORT = {
    "core": set(),
    "metrics": {"core"},
    "course": {"core", "metrics"},
    "review": {"core", "course"},
    # handin: where the hidden cells' exports lie, read back by the grader.
    "grading": {"core", "metrics", "course", "review", "handin"},
    # handin: calibration reads the exports of trial gradings; `new` scores its first model the same way.
    "authoring": {"core", "metrics", "course", "review", "grading", "handin"},
    "attempts": {"core", "metrics", "course", "review", "grading", "handin"},
    # cohort: the report reads grading's result records; the hub's clock is read by the lab.
    "cohort": {"core", "course", "grading"},
    # practice: the lab's mock-interview panel runs the same rounds as `mleprep practice mock`.
    "lab": {"core", "course", "attempts", "cohort", "practice"},
    "practice": {"core", "course", "review"},
    # grading: the result record `mleprep submit` writes beside an attempt's feedback (SubmissionResult).
    "readiness": {"core", "course", "review", "practice", "attempts", "grading"},
    "cli": {"core", "metrics", "course", "review", "grading", "authoring", "attempts", "lab", "practice"}
    | {"cohort", "readiness"},
    # The one module notebooks import (mleprep.handin): it runs in the candidate's kernel.
    "handin": {"core"},
}
MAX_LINES = 300


def _room(module_path: Path) -> str:
    rel = module_path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _mleprep_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mleprep"):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("mleprep")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_rooms_upstream_of_its_own(path: Path) -> None:
    room = _room(path)
    allowed = MAY_IMPORT[room] | {room}
    against_the_flow = [
        f"line {line}: {module}"
        for line, module in _mleprep_imports(path)
        if module == "mleprep" or module.split(".")[1] not in allowed
    ]
    assert not against_the_flow, f"{room} may import {sorted(allowed)} only"


def test_every_room_is_a_documented_subpackage() -> None:
    rooms = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert rooms == set(MAY_IMPORT) - {"handin"}
    for room in rooms:
        doc = importlib.import_module(f"mleprep.{room}").__doc__ or ""
        assert "May import" in doc, f"mleprep/{room}/__init__.py must say what it owns and may import"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
