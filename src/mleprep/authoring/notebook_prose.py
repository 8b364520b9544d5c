"""The words of a generated take-home: the brief, each task's instructions, the grading table and
the written summary's rubric. The grading table is rendered from assignment.toml, so the numbers a
candidate reads are the ones the grader applies (`mleprep calibrate --write` re-renders it).
"""

from __future__ import annotations

from mleprep.authoring.take_home_plan import TakeHomePlan
from mleprep.course.spec import Assignment, Check

GRADING_CELL = "grading"
_GOAL = {
    "classification": "predicts `{target}` for rows it has never seen",
    "regression": "predicts `{target}` for rows it has never seen",
    "forecast": "forecasts `{target}` for the period after the data ends",
    "ranking": "ranks rows so those with a positive `{target}` come first",
}


def intro(plan: TakeHomePlan) -> str:
    goal = _GOAL[plan.task].format(target=plan.target)
    holdout = {
        True: "The holdout is the latest period of the data: your model must forecast forward in time.",
        False: "",
    }[plan.time_column is not None]
    if plan.group_column and not plan.time_column:
        holdout = (
            f"Every holdout row belongs to a `{plan.group_column}` that never appears in the training data."
        )
    return f"""\
# Take-home: {plan.title}

You are interviewing for a machine-learning engineer role. The team you would join wants a model that
{goal}, and a short note they can read without being data scientists.

**Time limit: {plan.time_limit}.** Work top to bottom. Cells that start with `# Check:` test your work as you
go; run them. Cells that say *Hidden check* are empty for you: the grader fills them in.

**You get** `data/train.csv` ({plan.train_rows:,} rows with the `{plan.target}` column) and
`data/holdout_features.csv` ({plan.holdout_rows:,} other rows, without it). The grader knows the holdout's
answers; you do not, just as in production. {holdout}"""


def _credit_text(check: Check, assignment: Assignment) -> str:
    metric = assignment.metric
    assert metric is not None
    word = "at most" if metric.is_error else "from"
    parts = [f"full marks {word} {metric.shown(metric.pass_threshold).rstrip('0').rstrip('.')}"]
    for band in metric.partial_credit:
        share = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters"}.get(band.credit, f"{band.credit:g}")
        parts.append(f"{share} {word} {metric.shown(band.at_least).rstrip('0').rstrip('.')}")
    return f"hidden check: {metric.kind.label} on the holdout, " + ", ".join(parts)


def grading_table(assignment: Assignment) -> str:
    """The candidate's view of how the notebook is graded, from assignment.toml."""
    total = assignment.auto_points + assignment.manual_points
    rows = []
    for check in assignment.checks:
        if check.kind == "holdout":
            how = _credit_text(check, assignment)
        elif check.kind == "estimate":
            label = assignment.metric.kind.label if assignment.metric else "metric"
            how = (
                f"hidden check: your estimate must agree with the holdout within {check.tolerance:g} {label}"
            )
        elif check.kind == "probe":
            how = "hidden check: run on your files after the notebook, in a fresh process"
        elif check.kind == "answers":
            how = "hidden check: your functions run on another sample of the same data"
        elif check.kind == "hidden":
            how = "hidden check"
        else:
            how = "visible check"
        rows.append(f"| {check.title} | {check.points:g} | {how} |")
    rows += [
        f"| {m.title} | {m.points:g} | a mentor grades it on the rubric shown there |"
        for m in assignment.manual
    ]
    return (
        f"**How this is graded ({total:g} points: {assignment.auto_points:g} autograded, "
        f"{assignment.manual_points:g} by a mentor)**\n\n| part | points | how |\n|---|---|---|\n"
        + "\n".join(rows)
    )


def _y_text(plan: TakeHomePlan) -> str:
    if plan.positive is None:
        return f'the target, `train["{plan.target}"]`'
    return f"1 when `{plan.target}` is {plan.positive!r} (the case the team acts on), else 0"


def task_load(plan: TakeHomePlan) -> str:
    return f"""\
## 1. Load and clean the data

Look at the data before you model it: types, missing values, odd codes, columns you would not have at
prediction time.

Write `clean(raw)`: it takes a raw table as read from either CSV file (train or holdout, with `{plan.id_column}`,
with or without `{plan.target}`) and returns a cleaned copy **with the same rows in the same order**. Then define:
- `train`: the cleaned training table,
- `X`: the features (every column except `{plan.id_column}` and `{plan.target}`),
- `y`: {_y_text(plan)}."""


def task_model(plan: TakeHomePlan) -> str:
    what = "classifier" if plan.classifies else "regressor"
    returns = (
        "returns probabilities with `predict_proba`" if plan.binary else "returns predictions with `predict`"
    )
    return f"""\
## 2. Build a scikit-learn pipeline

Define `model`: a scikit-learn {what}, fitted on `X` and `y`, that takes the cleaned feature table **as it is**
(numbers, text categories, missing values) and {returns}. Put every preprocessing step inside the pipeline,
so that exactly the same steps run on new rows."""


def task_evaluate(plan: TakeHomePlan) -> str:
    name, _ = plan.folds
    sign = " (report an error as a positive number)" if plan.is_error else ""
    why = {
        "TimeSeriesSplit": "The holdout lies after the training data in time, so validate forward in time.",
        "GroupKFold": f"The holdout has `{plan.group_column}` values the model never saw: validate the same way.",
        "StratifiedGroupKFold": f"The holdout has `{plan.group_column}` values the model never saw: "
        "validate the same way.",
    }.get(name, "")
    return f"""\
## 3. Estimate how good the model is, honestly

The team will ask *"how good is it?"* before they trust it. Estimate the model's {plan.metric_label} on rows it
has not seen, using only the training data.{" " + why if why else ""} Define `cv_scores` (the score of each of at least 5
cross-validation folds, as `cross_val_score(..., scoring="{plan.metric}")` returns them) and `cv_score`
(their mean, a float{sign}).

The hidden check compares your `cv_score` with your model's real {plan.metric_label} on the holdout. An
estimate far from it usually means the model was evaluated on data it was fitted on, or validated in a way
the holdout does not resemble."""


def task_predict(plan: TakeHomePlan) -> str:
    what = "the probability of the positive class" if plan.binary else "the model's prediction"
    if plan.task == "ranking":
        what = "the model's score (higher = more likely positive)"
    return f"""\
## 4. Predict for the holdout rows

Define `holdout_predictions`: a DataFrame with one row per row of `data/holdout_features.csv`, in the same order,
with the columns `{plan.id_column}` and `{plan.prediction_column}` ({what}). Also save it as `predictions.csv`,
the file the team would receive."""


def task_summary(plan: TakeHomePlan) -> str:
    return f"""\
## 5. A summary for the team

Write 150 to 300 words for the team lead, who is not a data scientist. A mentor grades it on this rubric
(5 points, one per line):
1. **The recommendation**: what the team should do with the model, stated first.
2. **How good it is, in their terms**: what {plan.metric_label} means for their decisions, compared with what
   they do today, not only the number.
3. **What drives the predictions**: two or three features the model relies on, in plain words, without
   claiming they are causes.
4. **Limits and risks**: what the model cannot see, when it would go stale, who could be treated unfairly.
5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly."""


def summary_draft(plan: TakeHomePlan) -> str:
    return f"""\
**Recommendation.** Use the model's {plan.prediction_column.replace("_", " ")} to decide where to act first,
and compare it for a few weeks with the way the team decides today.

**How good it is.** Its cross-validated {plan.metric_label} is close to what it reached on the holdout, so the
figure is what to expect on new rows; say what that means for the team's decisions in their own units.

**What drives it.** Name the two or three features the model leans on most, in plain words, and say that
they are patterns, not proven causes.

**Limits.** The model only knows the columns in this table; it should be re-checked regularly and retrained
when the business changes. Check that no group of people is treated unfairly by its errors.

(This is the mentor's model answer, generated as a starting point: rewrite it with this data's numbers.)"""
