"""The text files `mleprep new` writes besides the notebook and the data: assignment.toml, the
dummy baseline and the calibration ladder (hidden, in autograders/<id>/), and the README.
"""

from __future__ import annotations

import json

from mleprep.authoring import template_code as code
from mleprep.authoring.credit_bands import Proposal
from mleprep.authoring.take_home_plan import TakeHomePlan

_SKILLS = {
    "classification": "binary and multi-class classification",
    "regression": "regression",
    "forecast": "forecasting with time-ordered validation",
    "ranking": "ranking by predicted risk",
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _code(text: str) -> str:
    return "'''\n" + text.strip() + "\n'''"


def _number(value: float) -> str:
    return f"{value:.10g}"


def assignment_toml(
    plan: TakeHomePlan, *, proposal: Proposal, data_name: str, source: str, licence: str
) -> str:
    skills = [
        "data cleaning",
        "scikit-learn pipelines",
        "honest validation",
        _SKILLS[plan.task],
        "communicating results to non-technical stakeholders",
    ]
    bands = "".join(
        f"\n[[metric.partial_credit]]\nat_least = {_number(b.at_least)}\ncredit = {b.credit:g}\n"
        for b in proposal.bands
    )
    return f"""\
# Written by `mleprep new`; the reference for every key is source/README.md.
# Hidden material (holdout labels, baseline, calibration ladder) lives in autograders/{plan.id}/.
title = {_q(plan.title)}
kind = "modelling"
stage = "take_home"
summary = {
        _q(
            f"Clean a table, build a scikit-learn pipeline, estimate its {plan.metric_label} honestly, "
            f"predict `{plan.target}` for unseen rows and explain the result to a non-technical team."
        )
    }
time_limit = {_q(plan.time_limit)}
notebook = "{plan.id}.ipynb"
skills = {json.dumps(skills)}
deliverables = [
    "a fitted scikit-learn pipeline `model`",
    "a cross-validated estimate `cv_score`",
    "predictions.csv for the holdout rows",
    "a 150-300 word summary for the team",
]

[dataset]
name = {_q(data_name)}
source = {_q(source)}
licence = {_q(licence)}
files = ["data/train.csv", "data/holdout_features.csv"]

[task]
target = {_q(plan.target)}
id_column = {_q(plan.id_column)}
holdout_features = "data/holdout_features.csv"

# Starting values from one in-process fit of the reference and the dummy on the holdout;
# `mleprep calibrate {plan.id} --write` replaces them with bands measured through the grader.
[metric]
scorer = {_q(plan.metric)}
pass_threshold = {_number(proposal.pass_threshold)}
{bands}
[grading]
timeout = "10m"
memory = "2GB"
output = "1MB"

[[checks]]
id = "check_load"
title = "Data loaded and cleaned"
kind = "visible"
points = 1
answers = ["load_data"]

[[checks]]
id = "check_model"
title = "A fitted scikit-learn pipeline that takes raw features"
kind = "visible"
points = 2
answers = ["build_model"]

[[checks]]
id = "check_evaluation"
title = "A cross-validated estimate"
kind = "visible"
points = 1
answers = ["evaluate"]

[[checks]]
id = "holdout_estimate"
title = "The estimate agrees with the holdout"
kind = "estimate"
points = 2
answers = ["evaluate"]
of = "holdout_quality"
tolerance = {_number(proposal.tolerance)}

[[checks]]
id = "check_predictions"
title = "Holdout predictions in the requested format"
kind = "visible"
points = 1
answers = ["predict"]

[[checks]]
id = "holdout_quality"
title = {_q(f"{plan.metric_label[0].upper()}{plan.metric_label[1:]} on the hidden holdout")}
kind = "holdout"
points = 5
answers = ["build_model"]

[[manual]]
id = "summary"
title = "Summary for the team"
points = 5

[late_policy]
grace = "5m"
deduct_per = "10m"
deduct = 0.05
zero_after = "1h"
"""


def baseline_toml(plan: TakeHomePlan) -> str:
    return f"""\
# The dummy baseline `mleprep verify` submits: the starter's answer cells (by grade_id) replaced with
# this code. It passes the format checks and must fail the holdout check, proving it measures quality.
[answers]
load_data = {_code(code.load_answer(plan, markers=False))}
build_model = {_code(code.model_code(plan, "dummy"))}
evaluate = {_code(code.evaluate_answer(plan))}
predict = {_code(code.predict_answer(plan))}
"""


def ladder_toml(plan: TakeHomePlan) -> str:
    single = ""
    if plan.best_feature is not None:
        single = f"""
[[rung]]
name = {_q(f"one feature: {plan.best_feature}")}
[rung.answers]
build_model = {_code(code.model_code(plan, "single", feature=plan.best_feature))}
"""
    linear = "logistic regression" if plan.classifies else "ridge regression"
    return f"""\
# Models `mleprep calibrate` grades between the dummy baseline and the reference (gradient boosting):
# each rung is the reference notebook with the listed answer cells (by grade_id) replaced.
{single}
[[rung]]
name = "linear model: {linear}"
[rung.answers]
build_model = {_code(code.model_code(plan, "linear"))}
"""


def readme(
    plan: TakeHomePlan, *, data_name: str, source: str, licence: str, seed: int, made_with: str | None = None
) -> str:
    made = f"\n- **Made with**: `{made_with}`" if made_with else ""
    return f"""\
# Take-home: {plan.title}

A {plan.time_limit} take-home: clean a table, build a scikit-learn pipeline, estimate its
{plan.metric_label} honestly, predict `{plan.target}` for rows whose outcome only the grader knows, and
explain the result to a non-technical team.

## Data
- **Source**: {data_name}: {source}
- **Licence**: {licence}
- **Split** (`mleprep new`, seed {seed}): {plan.split_how}. `data/train.csv` ({plan.train_rows:,} rows with
  `{plan.target}`), `data/holdout_features.csv` ({plan.holdout_rows:,} rows without it). The holdout labels
  live only in `autograders/{plan.id}/`; sha256 sums are in `data/SHA256SUMS`.{made}

## Grading
The notebook's grading table is rendered from `assignment.toml`; the summary is graded by a mentor on the
5-line rubric in the notebook.

## Calibration
Not calibrated yet: run `mleprep calibrate {plan.id} --write`, which replaces this section with the ladder
of models it grades, from the dummy to the reference, and the credit bands they support.
"""
