"""A take-home's source notebook from its plan: churn's shape for any table and task kind.

Load and clean, a pipeline, an honest estimate, holdout predictions, a written summary with a
5-line rubric; solution and hidden cells tagged for nbgrader, the grading table from assignment.toml.
After `mleprep new` the notebook is the mentor's: they edit it in JupyterLab like any other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mleprep.authoring import notebook_prose as prose
from mleprep.authoring import template_code as code
from mleprep.authoring.nbgrader_cells import SourceNotebook
from mleprep.authoring.take_home_plan import TakeHomePlan
from mleprep.core.notebook_cells import grade_id
from mleprep.course.spec import Assignment


def _solution(text: str) -> str:
    return f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def take_home_notebook(plan: TakeHomePlan, assignment: Assignment) -> dict[str, Any]:
    """The source notebook; `assignment` is the spec `mleprep new` wrote for the same plan."""
    estimate = assignment.check("holdout_estimate")
    nb = SourceNotebook()
    nb.markdown("intro", prose.intro(plan))
    nb.markdown(prose.GRADING_CELL, prose.grading_table(assignment))
    nb.setup(code.SETUP)
    nb.markdown("task_load", prose.task_load(plan))
    nb.answer("load_data", code.load_answer(plan))
    nb.check("check_load", assignment.check("check_load").points, code.check_load(plan))
    nb.markdown("task_model", prose.task_model(plan))
    nb.answer("build_model", _solution(code.model_code(plan)))
    nb.check("check_model", assignment.check("check_model").points, code.check_model(plan))
    nb.markdown("task_evaluate", prose.task_evaluate(plan))
    nb.answer("evaluate", _solution(code.evaluate_answer(plan)))
    nb.check("check_evaluation", assignment.check("check_evaluation").points, code.check_evaluation(plan))
    nb.hidden(
        "holdout_estimate",
        estimate.points,
        f"Hidden check: the grader compares your `cv_score` with your model's {plan.metric_label} "
        "on the holdout.",
        code.export_estimate(),
    )
    nb.markdown("task_predict", prose.task_predict(plan))
    nb.answer("predict", _solution(code.predict_answer(plan)))
    nb.check("check_predictions", assignment.check("check_predictions").points, code.check_predictions(plan))
    nb.hidden(
        "holdout_quality",
        assignment.check("holdout_quality").points,
        f"Hidden check: the grader scores `model` on the holdout ({plan.metric_label}), "
        "outside this notebook.",
        code.export_holdout(plan),
    )
    nb.markdown("task_summary", prose.task_summary(plan))
    nb.written("summary", assignment.manual[0].points, prose.summary_draft(plan))
    return nb.to_dict()


def rewrite_grading_table(assignment: Assignment) -> Path | None:
    """Re-render the grading table in the assignment's notebook file; the file, or None when the
    notebook has no grading table."""
    notebook = assignment.folder / assignment.notebook
    nb = json.loads(notebook.read_text())
    if not refresh_grading_table(nb, assignment):
        return None
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    return notebook


def refresh_grading_table(nb: dict[str, Any], assignment: Assignment) -> bool:
    """Re-render the grading table cell from assignment.toml; False when the notebook has none."""
    for cell in nb["cells"]:
        if grade_id(cell) == prose.GRADING_CELL:
            cell["source"] = prose.grading_table(assignment)
            return True
    return False
