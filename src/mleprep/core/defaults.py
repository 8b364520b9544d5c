"""Names and budgets that several rooms share, defined once.

nbgrader_config.py reads the budgets from here too, so the course's configuration and mleprep's
defaults cannot drift apart.
"""

from __future__ import annotations

# Course folders beside nbgrader_config.py.
SOURCE_DIR = "source"
RELEASE_DIR = "assignments"
AUTOGRADERS_DIR = "autograders"
SUBMITTED_DIR = "submitted"
AUTOGRADED_DIR = "autograded"
FEEDBACK_DIR = "feedback"
REPORTS_DIR = "reports"
GUIDE_DIR = "interview_guide"
GRADEBOOK_FILE = "gradebook.db"
CONFIG_FILE = "nbgrader_config.py"
SPEC_FILE = "assignment.toml"

# Files a candidate's folder holds besides their work.
ATTEMPT_FILE = "attempt.json"
# In an attempt folder: the snapshot of its first submission and its own exports (mleprep submit).
SUBMISSION_DIR = ".submission"
# Hidden cells write the model's answers here (mleprep.handin); the grader reads them back.
EXPORT_DIR = ".mleprep_exports"
HOLDOUT_LABELS_FILE = "holdout_labels.csv"
# Analysis take-homes: a hidden variant of the data (autograders/<id>/variant/, same schema, another
# seed) is copied to this folder of the grading workdir, and the answers the reference gives on it
# sit in autograders/<id>/expected_answers.json, read only by the grading process.
VARIANT_DIR = "variant"
EXPECTED_ANSWERS_FILE = "expected_answers.json"
# source/<id>/README.md: the author's notes (how the data was made, the trap, the hidden variant's
# story, calibration). Never released, and never copied beside a notebook being graded.
AUTHOR_NOTES = "README.md"
# Engineering take-homes: the reference solution's [package] files, laid out as a candidate's folder.
REFERENCE_DIR = "reference"
# In an attempt folder, what is not the candidate's work: never copied to be checked or submitted.
NOT_WORK = (".ipynb_checkpoints", "__pycache__", EXPORT_DIR, FEEDBACK_DIR, SUBMISSION_DIR)
BASELINE_FILE = "baseline.toml"
# In autograders/<id>/: the models calibrate grades between the baseline and the reference.
RUNGS_FILE = "ladder.toml"
# Beside a take-home's notebook: its calibration ladder as data (mleprep calibrate), released with it.
LADDER_FILE = "ladder.json"

# A probe check's verdict line starts with this and the nonce the grader passes in PROBE_NONCE_ENV.
PROBE_VERDICT = "MLEPREP-PROBE"
PROBE_NONCE_ENV = "MLEPREP_PROBE_NONCE"
# The socket of the lab's warm grader (grading/standby.py), set by the lab for the Submit it runs.
GRADER_STANDBY_ENV = "MLEPREP_GRADER_STANDBY"

# `check`/`submit --progress` start every progress line on stderr with this; the lab's jobs follow
# them and take any other line as what went wrong.
PROGRESS_PREFIX = "progress: "

# Model training takes minutes, not nbgrader's default 30 s per cell.
CELL_TIMEOUT_S = 600
KERNEL_STARTUP_TIMEOUT_S = 120
# Grading budgets per submission when assignment.toml's [grading] table does not set them.
SUBMISSION_TIMEOUT_S = 600
MEMORY_BYTES = 2 * 10**9
OUTPUT_BYTES = 10**6
