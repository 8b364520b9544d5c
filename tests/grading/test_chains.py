"""Does nbgrader_config.py install exactly mleprep's chains, and does the fork server preload them?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from traitlets.utils.importstring import import_item

from mleprep.core import defaults
from mleprep.course.root import Course
from mleprep.grading import chains
from mleprep.grading.fork_server import AFTER_EXECUTION, PRELOAD
from mleprep.grading.late_penalty import AttemptLatePenalty
from tests.conftest import REPO


@pytest.fixture(scope="module")
def config():
    return Course(REPO).nbgrader_config()


def test_the_course_config_has_exactly_the_chains_of_mleprep(config):
    assert list(config.Autograde.sanitize_preprocessors) == chains.SANITIZE
    assert list(config.Autograde.autograde_preprocessors) == chains.AUTOGRADE
    assert list(config.GenerateFeedback.preprocessors) == chains.FEEDBACK


def test_the_chains_hold_mleprep_repairs_in_their_place():
    names = [p.rsplit(".", 1)[1] for p in chains.SANITIZE]
    # Duplicates lose their ids before deleted cells are restored, and both before nbgrader checks metadata.
    assert (
        names.index("DropDuplicateIds")
        < names.index("RestoreDeletedCells")
        < names.index("CheckCellMetadata")
    )
    autograde = [p.rsplit(".", 1)[1] for p in chains.AUTOGRADE]
    assert (
        autograde.index("Execute") < autograde.index("LimitOutputBytes") < autograde.index("SaveAutoGrades")
    )
    feedback = [p.rsplit(".", 1)[1] for p in chains.FEEDBACK]
    assert feedback.index("RedactHiddenTracebacks") < feedback.index("ClearHiddenTests")


def test_the_course_config_uses_the_late_plugin_and_the_shared_budgets(config):
    assert config.AssignLatePenalties.plugin_class == "mleprep.grading.late_penalty.AttemptLatePenalty"
    assert import_item(config.AssignLatePenalties.plugin_class) is AttemptLatePenalty
    assert config.Execute.timeout == defaults.CELL_TIMEOUT_S
    assert config.Execute.startup_timeout == defaults.KERNEL_STARTUP_TIMEOUT_S
    assert config.LimitOutputBytes.max_bytes == defaults.OUTPUT_BYTES
    # Waiting for a graded kernel's own exit handlers cost about 0.7 s a submission.
    assert config.Execute.shutdown_kernel == "immediate"


def test_the_fork_servers_preload_imports_every_preprocessor_of_the_chains():
    wanted = sorted(
        {import_item(p).__module__ for p in (*chains.SANITIZE, *chains.AUTOGRADE, *chains.FEEDBACK)}
        | {AttemptLatePenalty.__module__}
    )
    assert "mleprep.grading.repairs.restore_deleted_cells" in wanted  # the list is the chains' own modules
    assert _after_preload("[m for m in arg if m not in sys.modules]", wanted) == []


def test_a_lone_submissions_worker_starts_before_what_only_scoring_needs_is_imported():
    # A lone submission's worker forks once the preload is in; scikit-learn (1.4 s) is only needed
    # after the notebook has run, so the worker imports it while its kernel runs.
    heavy = "{m.split('.')[0] for m in sys.modules} & {'sklearn', 'pandas', 'scipy', 'matplotlib'}"
    assert _after_preload(f"sorted({heavy} | set(sys.modules) & set(arg))", AFTER_EXECUTION) == []


def _after_preload(expression: str, arg: list[str]) -> object:
    """`expression` (JSON-able, with `arg` bound) in a fresh interpreter that imported the preload."""
    probe = (
        "import importlib, json, sys\n"
        "preload, arg = json.loads(sys.argv[1])\n"
        "for name in preload: importlib.import_module(name)\n"
        f"print(json.dumps({expression}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps([PRELOAD, arg])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
    )
    return json.loads(done.stdout)


def test_every_name_in_the_chains_is_a_preprocessor_nbconvert_can_import():
    from nbconvert.preprocessors import Preprocessor

    for name in (*chains.SANITIZE, *chains.AUTOGRADE, *chains.FEEDBACK):
        assert issubclass(import_item(name), Preprocessor), name


def test_reading_the_course_config_imports_no_nbgrader():
    probe = (
        "import sys\nfrom pathlib import Path\nfrom mleprep.course.root import Course\n"
        "Course(Path(sys.argv[1])).nbgrader_config()\nprint('nbgrader' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(REPO)], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False"
