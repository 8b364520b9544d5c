"""source/README.md, the reference of assignment.toml and of the hidden material, rendered from spec_fields.

Regenerate it with `python -m mleprep.course.spec_reference > source/README.md`; a test fails while the
committed page differs from `reference_markdown()`.
"""

from __future__ import annotations

import sys

from mleprep.course.spec_fields import TABLES, TOP, Table, children

REGENERATE = "python -m mleprep.course.spec_reference > source/README.md"

INTRO = f"""\
# assignment.toml reference

Generated from src/mleprep/course/spec_fields.py by `{REGENERATE}`; do not edit by hand.

Each assignment is one folder, `source/<id>/`, described by one file, `source/<id>/assignment.toml`
(a folder without it, or a plain file such as this page, is not an assignment). mleprep parses the
file once, and again only when it changes; every command reads the same parsed assignment. A mistake
stops with an error that names the file and the key, and a key that is not listed on this page
is refused: `source/churn/assignment.toml: key 'titel': is not a known key (did you mean 'title'?)`.

Durations are written like "4h", "90m", "3h30m" or "45s"; sizes like "2GB", "512MB" or "1GiB"
(decimal units unless written binary). Numbers may be written with or without a decimal point.
"""

HIDDEN = """\
## Hidden material in `autograders/<id>/`

Files the candidate never sees. They are read by the grading process after the candidate's kernel
has stopped, and by `mleprep verify`.

### holdout_labels.csv

A CSV file with a header row. Columns other than the two below are ignored.

- For a scikit-learn scorer: one row per holdout row, with the `[task] id_column` and the
  `[task] target` columns. Ids are compared as text and may be in any order; the model's exported
  answers must cover exactly these ids. For classification, the labels are the model's classes
  (compared as text, so `0`/`1` in the file matches classes 0 and 1).

  ```
  customer_id,churn
  CUST-10003,0
  CUST-10005,0
  ```

- For `precision_at_K`: one row per (user, relevant item) pair, with the columns `[task] id_column`
  (the user) and `[task] target` (an item they went on to choose); a user has one row per relevant
  item. Every user in the file must get a ranking of K different items.

  ```
  learner_id,course_id
  L-00000,CRS-1079
  L-00000,CRS-1090
  ```

- Optionally a `cluster` column: rows with the same value (one day's market move, one customer's
  rows) are resampled together by `mleprep calibrate`'s bootstrap, whose sampling error would
  otherwise come out too small. Scoring ignores it.

### baseline.toml

An `[answers]` table: each key is the grade_id of an answer cell of the released (starter)
notebook, each value the source that replaces that cell (a TOML multi-line string `'''...'''`);
the other cells keep the starter code. `mleprep verify` grades the result like a submission, and
it must fail every holdout check, which proves the check measures quality. A key that is not an
answer cell of the released notebook is an error. Required when the assignment has a holdout check.

```toml
[answers]
build_model = '''
model = make_pipeline(preprocess, DummyClassifier(strategy="prior")).fit(X, y)
'''
```

### ladder.toml

A `[[rung]]` array of tables, each with `name` (a row label of the calibration table), optionally
`credit = false` (a rule candidates must beat, such as today's rule or a naive forecast: the proposed
bands give it nothing, like the dummy), and a `[rung.answers]` table: each key is the grade_id of
an answer cell of the reference solution notebook (`source/<id>/`), each value the source that
replaces that cell. `mleprep calibrate` grades each rung, the reference with several seeds (a cell
setting `RANDOM_STATE` is inserted after the setup cell) and the baseline, and proposes the credit
bands (`[[metric.partial_credit]]`) and the estimate check's `tolerance`.

```toml
[[rung]]
name = "logistic regression"

[rung.answers]
build_model = '''
model = make_pipeline(preprocess, LogisticRegression(max_iter=1000)).fit(X, y)
'''
```

### variant/ and expected_answers.json (analysis take-homes)

`variant/` holds a hidden variant of the public data: the same files and schema, made by the same
script with another seed and other findings (another segment to blame, another effect size), with
its own SHA256SUMS. The grader copies it to `variant/` beside the candidate's notebook after
nbgrader's copy and before the run, replacing anything of that name the candidate submitted; the
hidden cells of `answers` checks call the candidate's functions on it
(`mleprep.handin.variant_path`, `export_answers`). Showing it to the kernel is harmless: only the
answers on it are secret.

`expected_answers.json` holds those answers, written by `mleprep calibrate <id> --write` from two
runs of the reference (which must agree): `{check id: {key: {"answer": ..., "tolerance": ...}}}`,
answers in the tagged JSON `export_answers` writes (`{"type": "number", "value": 0.013}`, `"text"`,
`"table"` with `columns` and `rows`, `"record"` with `fields`, `"list"`). Each key's tolerance is the
check's `tolerance`; change it in assignment.toml and calibrate again (which also rewrites
SHA256SUMS), not in this file. A check earns its points in proportion to the keys that match; a table matches
when every expected column is there and every value agrees after sorting rows by the columns that
are not numbers. For an analysis take-home, `baseline.toml` types in the answers on the public
data, and `mleprep verify` requires it to earn nothing from any answers check.

### reference/ (engineering take-homes)

The reference solution's `[package] paths`, laid out as in a candidate's folder (for example
`reference/churn_service/__init__.py` and `reference/tests/test_service.py`). `verify`, `calibrate`
and `try` submit them with the reference notebook and the baseline; the starter is submitted with
the released stubs.

### probes/ (checks of kind "probe")

One Python script per probe check, `probes/<check id>.py`. The grader runs it after the notebook, in
the submission's sandbox (the kernel's user, limits and namespaces) but a fresh interpreter in the
graded folder, with the script on standard input, so nothing of it lies in the candidate's folder.
It starts with `verdict = mleprep.handin.probe_verdict()`, which takes the grader's nonce out of the
environment, then takes its tools (a clock, `subprocess`) before importing any of the candidate's
files, and ends with `verdict(passed, message)`: the line `MLEPREP-PROBE <nonce> passed: <message>`
(or `failed:`), whose message is what the candidate reads. No verdict line (the candidate's code
ended the process) fails the check.

### SHA256SUMS

In `autograders/<id>/` and in `source/<id>/data/`: one line per file, `<sha256 hex>  <file name>`
(two spaces, as `sha256sum` writes it and `sha256sum -c` reads it), names relative to that folder.
`mleprep verify` reports a listed file that is missing or whose content changed; the data scripts
in scripts/ rewrite it when they regenerate the files.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _section(t: Table) -> str:
    lines = [f"## {t.header}", ""]
    if t.name != TOP:
        lines += [f"Required {t.required_when}." if t.required_when else "Optional.", ""]
    lines += [t.description, "", "| Key | Type | Required | Description |", "| --- | --- | --- | --- |"]
    lines += [
        f"| `{k.name}` | {_cell(k.type)} | {_cell(k.required_text)} | {_cell(k.description)} |"
        for k in t.keys
    ]
    if inside := children(t.name):
        lines += ["", "Tables inside it: " + ", ".join(c.header for c in inside) + "."]
    return "\n".join(lines) + "\n"


def reference_markdown() -> str:
    """The whole page: intro, one section per table of assignment.toml, then the hidden material."""
    return "\n".join([INTRO, *(_section(t) for t in TABLES), HIDDEN])


if __name__ == "__main__":
    sys.stdout.write(reference_markdown())
