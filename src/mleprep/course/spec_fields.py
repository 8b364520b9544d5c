"""Every table and key of source/<id>/assignment.toml, described once.

It exists so that the parser and the documentation cannot drift apart: spec.py and late_policy.py
accept exactly the keys listed here (`keys(table)`), and source/README.md is rendered from the same
descriptions (spec_reference.py). A key cannot be accepted without being documented.
"""

from __future__ import annotations

from dataclasses import dataclass

from mleprep.core.defaults import MEMORY_BYTES, OUTPUT_BYTES, SUBMISSION_TIMEOUT_S
from mleprep.core.sizes import format_size

KIND_MEANINGS = {
    "modelling": "a timed take-home: build a model on provided data, predict a hidden holdout, explain it",
    "analysis": "a timed take-home: answer questions about a data set with numbers, charts and a memo",
    "engineering": "a timed take-home: ship a small package that serves a model, with its own tests",
    "behavioural": "written answers a mentor grades",
}
# The kinds that are take-homes: timed 3-8 hours, autograded, in the take-home stage.
TAKE_HOME_KINDS = ("modelling", "analysis", "engineering")
STAGES = ("recruiter_screen", "take_home", "hiring_manager")
CHECK_KIND_MEANINGS = {
    "visible": "tests the candidate also runs with `mleprep check`",
    "hidden": "tests in a hidden region, run only when grading",
    "holdout": "the model's answers scored against holdout_labels.csv with [metric]",
    "estimate": "the candidate's own estimate compared with the score of check `of`",
    "probe": (
        "a hidden script (autograders/<id>/probes/<check id>.py) run after the notebook, in the same "
        "sandbox but a fresh process, that tests the candidate's files (their package, its tests)"
    ),
    "answers": (
        "the candidate's functions called on a hidden variant of the data (autograders/<id>/variant/); "
        "what they return is compared outside the kernel with autograders/<id>/expected_answers.json"
    ),
}
WRITEUP_READER_MEANINGS = {
    "recommendation_first": "what the team should do, in the first two sentences",
    "audience_terms": "quality as a count of the audience's own things (calls, customers, emails, forms)",
    "drivers_not_causes": "what drives the outcome named (the part's `drivers` words), with no causal claim",
    "limits_and_risks": "at least one limit or risk stated",
    "plain_writing": "no unexplained jargon, no sentence over 40 words, numbers rounded",
}
BUSINESS_READINGS = {"top_n_share": "how many positives are among the N highest-scored holdout rows"}
KINDS = tuple(KIND_MEANINGS)
WRITEUP_READERS = tuple(WRITEUP_READER_MEANINGS)
CHECK_KINDS = tuple(CHECK_KIND_MEANINGS)
# Real take-homes give 3 to 8 hours; a limit outside that trains the wrong habit.
TAKE_HOME_LIMITS_S = (3 * 3600, 8 * 3600)
MIN_MEMORY = 500 * 10**6

TOP = ""  # the name of the file's top-level table

STRING, NUMBER, TEXTS = "string", "number", "list of strings"
DURATION, SIZE = 'duration such as "4h"', 'size such as "2GB"'


@dataclass(frozen=True)
class Key:
    name: str
    type: str
    required: bool
    description: str
    # When the key is required only sometimes: the condition, as people read it.
    required_when: str = ""

    @property
    def required_text(self) -> str:
        return "yes" if self.required else self.required_when or "no"


@dataclass(frozen=True)
class Table:
    name: str  # TOP, or a dotted path such as "metric.partial_credit"
    array: bool  # [[name]]: an array of tables
    required_when: str  # "" when the table is optional
    description: str
    keys: tuple[Key, ...]

    @property
    def header(self) -> str:
        if self.name == TOP:
            return "Top level"
        return f"[[{self.name}]]" if self.array else f"[{self.name}]"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _meanings(meanings: dict[str, str]) -> str:
    named = [f'"{name}" ({meaning})' for name, meaning in meanings.items()]
    return "One of " + ", ".join(named[:-1]) + " or " + named[-1]


def _size(n_bytes: int) -> str:
    return format_size(n_bytes).replace(" ", "")


def _hours(seconds: int) -> str:
    return f"{seconds // 3600}h" if seconds % 3600 == 0 else f"{seconds // 60}m"


TABLES: tuple[Table, ...] = (
    Table(TOP, False, "always", "The public facts about the assignment.", (
        Key("title", STRING, True, "The assignment's name as candidates read it: in `mleprep list`, on the "
            "feedback page and in reports."),
        Key("kind", STRING, True, f"{_meanings(KIND_MEANINGS)}."),
        Key("stage", STRING, True, f"The hiring round it rehearses, one of {_quoted(STAGES)}."),
        Key("summary", STRING, True, "One or two sentences of what the candidate does; shown by "
            "`mleprep list --json`."),
        Key("time_limit", DURATION, True, "The candidate's clock: their deadline is start + time_limit, "
            f"and [late_policy] counts lateness from it. A take-home gets {_hours(TAKE_HOME_LIMITS_S[0])} "
            f"to {_hours(TAKE_HOME_LIMITS_S[1])}, as real ones do."),
        Key("notebook", STRING, True, "The source notebook (solutions and hidden tests) in `source/<id>/`, "
            "e.g. \"churn.ipynb\"; it must exist. `mleprep release` makes the starter notebook from it."),
        Key("skills", TEXTS, True, "What the assignment practises, one skill per string; shown by "
            "`mleprep list`."),
        Key("deliverables", TEXTS, True, "What the candidate hands in (variables, files, written parts), "
            "one per string, in the candidate's words."),
    )),
    Table("dataset", False, "", "Where the data candidates get comes from.", (
        Key("name", STRING, True, "What the data is, with its size (rows, positive rate, period)."),
        Key("source", STRING, True, "Where it comes from and which script in scripts/ made or split it, "
            "so anyone can regenerate it."),
        Key("licence", STRING, True, "The licence of the data and of anything that transports it; check it "
            "before publishing the course."),
        Key("files", TEXTS, True, "The data files candidates get, relative to `source/<id>/` (e.g. "
            "\"data/train.csv\"); each must exist and be listed in data/SHA256SUMS."),
    )),
    Table("task", False, 'when a check has kind "holdout" or "estimate"',
        "What the model predicts and how its answers are matched with the hidden labels.", (
        Key("target", STRING, True, "The label column of `autograders/<id>/holdout_labels.csv`; for "
            "precision_at_K, the relevant item."),
        Key("id_column", STRING, True, "The column that names a holdout row in the holdout features and in "
            "holdout_labels.csv (for precision_at_K, the user); ids are compared as text."),
        Key("holdout_features", STRING, True, "The file candidates predict for, relative to `source/<id>/` "
            "(e.g. \"data/holdout_features.csv\"); its labels stay in `autograders/<id>/`."),
    )),
    Table("metric", False, 'when a check has kind "holdout" or "estimate"',
        "How a holdout check scores the model's answers, and the credit a score earns.", (
        Key("scorer", STRING, True, "A scikit-learn scorer name (`sklearn.metrics.get_scorer_names()`, "
            "e.g. \"roc_auc\", \"neg_mean_absolute_error\") or \"precision_at_K\" (K 1-100) for rankings. "
            "Higher is always better: errors are neg_* and shown to candidates without the minus sign."),
        Key("pass_threshold", NUMBER, True, "The score that earns a holdout check all its points, in the "
            "scorer's sign (an error as a negative number, e.g. -0.90)."),
    )),
    Table("metric.partial_credit", True, "",
        "Credit bands below pass_threshold; a score below the last band earns nothing.", (
        Key("at_least", NUMBER, True, "A score at or above this earns `credit`; bands are below "
            "pass_threshold and in descending order."),
        Key("credit", NUMBER, True, "The fraction of the holdout check's points this band earns, strictly "
            "between 0 and 1 (e.g. 0.5)."),
    )),
    Table("grading", False, "", "Budgets for grading one submission (`mleprep grade`, `mleprep submit`).", (
        Key("timeout", DURATION, False, "Wall-clock time to run one submission's whole notebook (default "
            f"\"{SUBMISSION_TIMEOUT_S // 60}m\"); past it the run is stopped and reported."),
        Key("memory", SIZE, False, f"Memory of the grading kernel (default \"{_size(MEMORY_BYTES)}\", at "
            f"least \"{_size(MIN_MEMORY)}\"); going over raises MemoryError in the candidate's cell."),
        Key("output", SIZE, False, f"All cell outputs together (default \"{_size(OUTPUT_BYTES)}\"); more "
            "is cut from the graded notebook and reported."),
    )),
    Table("checks", True, "", "The autograded cells of the notebook, one table each.", (
        Key("id", STRING, True, "The grade_id of the autograder test cell; unique among checks and manual "
            "parts."),
        Key("title", STRING, True, "What the check verifies, as the candidate reads it in feedback."),
        Key("kind", STRING, True, f"{_meanings(CHECK_KIND_MEANINGS)}. Holdout and estimate checks need "
            "[task] and [metric]."),
        Key("points", NUMBER, True, "Positive, and equal to the cell's points in the notebook "
            "(`mleprep release` checks it). A holdout check earns them by [metric]'s bands."),
        Key("answers", TEXTS, False, "The grade_ids of the answer cells it reads (default none): while they "
            "hold the starter code it is \"not attempted\", and their errors are blamed on them."),
        Key("of", STRING, False, "The id of the holdout check whose score the estimate must match.",
            'when kind is "estimate"'),
        Key("tolerance", NUMBER, False, "For an estimate: the largest gap between the candidate's estimate "
            "and that holdout score (errors compared as positive numbers) that earns the points; beyond it, "
            "none. For answers: a number matches when it is within tolerance x max(1, |expected|) of the "
            "expected answer (absolute for rates and p-values, relative for counts and money; default "
            "1e-6); `mleprep calibrate --write` copies it to each key of expected_answers.json.",
            'when kind is "estimate"'),
    )),
    Table("manual", True, "", "Manually graded answer cells, one table each.", (
        Key("id", STRING, True, "The grade_id of a manually graded answer cell; a mentor grades it in "
            "nbgrader's formgrader on the rubric written above it."),
        Key("title", STRING, True, "What the part is, as mentors and candidates read it."),
        Key("points", NUMBER, True, "The part's points; equal to the cell's points in the notebook."),
        Key("question", STRING, False, "The id of a question in interview_guide/questions_*.toml: the "
            "answer then also gets automatic feedback (STAR parts, a number in the result, length)."),
        Key("rubric", TEXTS, False, "The rubric lines an automatic reader reviews, in the rubric's order, "
            f"each one of: {_meanings(WRITEUP_READER_MEANINGS)}. Its readings are suggestions in the "
            "feedback and in the mentor's comment box; the mentor's score decides."),
        Key("drivers", TEXTS, False, "Plain words for what drives the outcome in this data (e.g. "
            "\"contract\", \"tenure\"), for the drivers_not_causes reader."),
    )),
    Table("package", False, "", "An engineering take-home's deliverable besides the notebook: files the "
          "candidate writes (a package, its tests), graded exactly as submitted.", (
        Key("paths", TEXTS, True, "Folders or files beside the notebook, e.g. "
            "[\"churn_service\", \"tests\"]. The starter's versions in `source/<id>/` are released; when "
            "grading, nbgrader never overwrites the candidate's copies with them, and `verify` submits "
            "the reference's from `autograders/<id>/reference/`."),
    )),
    Table("business", False, "", "How the holdout score reads in the team's own terms, shown in feedback.", (
        Key("reading", STRING, True, f"{_meanings(BUSINESS_READINGS)}."),
        Key("top_n", NUMBER, True, "N: how many the team can act on (e.g. calls a week)."),
        Key("rows", STRING, True, "What a holdout row is, plural (e.g. \"customers\")."),
        Key("positives", STRING, True, "What a positive label is, plural (e.g. \"leavers\")."),
    )),
    Table("late_policy", False, "",
        "Points taken off for lateness past the candidate's own deadline (start + time_limit), applied "
        "by `mleprep submit` and `mleprep grade`; without this table lateness costs nothing.", (
        Key("grace", DURATION, False, "Lateness that costs nothing (default \"0s\")."),
        Key("deduct_per", DURATION, False, "After the grace, each started period of this length costs "
            "`deduct`.", "when deduct is set"),
        Key("deduct", NUMBER, False, "The fraction of the points (0 to 1) taken off per started "
            "deduct_per, e.g. 0.05.", "when deduct_per is set"),
        Key("zero_after", DURATION, False, "A submission more than this late earns nothing; not shorter "
            "than grace."),
    )),
)  # fmt: skip


def table(name: str) -> Table:
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


def children(name: str) -> tuple[Table, ...]:
    """The tables directly inside `name` (for TOP: [dataset], [[checks]], ...)."""
    return tuple(t for t in TABLES if t.name != TOP and t.name.rpartition(".")[0] == name)


def keys(name: str) -> set[str]:
    """Every key `name` may hold: its documented keys and the tables directly inside it."""
    return {k.name for k in table(name).keys} | {t.name.rpartition(".")[2] for t in children(name)}
