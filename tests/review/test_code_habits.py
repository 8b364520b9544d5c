"""Does the review notice, from the source alone, randomness nobody seeded and paths only the
author's machine has?"""

from __future__ import annotations

import pytest

from mleprep.review.code_habits import absolute_paths, unseeded_randomness

ANSWERS = {"build_model"}
RF_IMPORT = "from sklearn.ensemble import RandomForestClassifier"


def seeds(answer: str, *setup: str) -> list[str]:
    """The seed messages for one answer cell, after any setup (non-answer) cells."""
    cells = [(f"setup_{i}", source) for i, source in enumerate(setup)] + [("build_model", answer)]
    return [f.message for f in unseeded_randomness(cells, answers=ANSWERS)]


def paths(answer: str) -> list[str]:
    return [f.message for f in absolute_paths([("build_model", answer)], answers=ANSWERS)]


# scikit-learn estimators and splitters


def test_a_random_forest_without_random_state_is_flagged() -> None:
    (message,) = seeds(f"{RF_IMPORT}\nmodel = RandomForestClassifier(n_estimators=100)")
    assert "RandomForestClassifier" in message and "random_state" in message


def test_the_finding_names_the_answer_cell_and_line() -> None:
    cells = [("build_model", f"{RF_IMPORT}\n\nmodel = RandomForestClassifier()")]
    (finding,) = unseeded_randomness(cells, answers=ANSWERS)
    assert (finding.kind, finding.cell, finding.line) == ("seed", "build_model", 3)


def test_a_random_forest_with_random_state_is_not_flagged() -> None:
    assert seeds(f"{RF_IMPORT}\nmodel = RandomForestClassifier(random_state=0)") == []


def test_a_random_forest_given_keyword_unpacking_is_not_flagged() -> None:
    assert seeds(f"{RF_IMPORT}\nmodel = RandomForestClassifier(**params)") == []


def test_a_deterministic_by_default_estimator_is_not_flagged() -> None:
    assert seeds("from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()") == []


def test_numpy_seeded_in_a_setup_cell_silences_sklearn_and_numpy() -> None:
    setup = f"import numpy as np\n{RF_IMPORT}\nnp.random.seed(0)"
    assert seeds("model = RandomForestClassifier()\nnoise = np.random.rand(3)", setup) == []


def test_train_test_split_without_random_state_is_flagged() -> None:
    answer = "from sklearn.model_selection import train_test_split\nX_tr, X_te = train_test_split(X)"
    (message,) = seeds(answer)
    assert "train_test_split" in message


def test_kfold_without_shuffle_is_not_flagged() -> None:
    assert seeds("from sklearn.model_selection import KFold\ncv = KFold(5)") == []


def test_kfold_with_shuffle_is_flagged() -> None:
    (message,) = seeds("from sklearn.model_selection import KFold\ncv = KFold(5, shuffle=True)")
    assert "KFold" in message


def test_stratified_kfold_with_shuffle_and_random_state_is_not_flagged() -> None:
    answer = (
        "from sklearn.model_selection import StratifiedKFold\n"
        "cv = StratifiedKFold(5, shuffle=True, random_state=1)"
    )
    assert seeds(answer) == []


def test_an_imported_alias_is_resolved() -> None:
    (message,) = seeds("from sklearn.ensemble import RandomForestClassifier as RF\nmodel = RF()")
    assert "random_state" in message


def test_a_module_alias_is_resolved() -> None:
    (message,) = seeds("import sklearn.ensemble as ens\nmodel = ens.ExtraTreesClassifier()")
    assert "ExtraTreesClassifier" in message


def test_an_import_made_in_a_setup_cell_is_resolved_in_the_answer() -> None:
    assert len(seeds("model = RandomForestClassifier()", RF_IMPORT)) == 1


def test_a_name_not_imported_from_sklearn_is_not_flagged() -> None:
    assert seeds("model = RandomForestClassifier()") == []


def test_the_same_call_twice_in_a_cell_is_reported_once() -> None:
    assert len(seeds(f"{RF_IMPORT}\na = RandomForestClassifier()\nb = RandomForestClassifier()")) == 1


# pandas, numpy and the random module


def test_dataframe_sample_without_random_state_is_flagged() -> None:
    (message,) = seeds("half = df.sample(frac=0.5)")
    assert ".sample(...)" in message


def test_dataframe_sample_with_random_state_is_not_flagged() -> None:
    assert seeds("half = df.sample(frac=0.5, random_state=3)") == []


def test_default_rng_without_a_seed_is_flagged() -> None:
    (message,) = seeds("import numpy as np\nrng = np.random.default_rng()")
    assert "default_rng()" in message


def test_default_rng_with_a_seed_is_not_flagged() -> None:
    assert seeds("import numpy as np\nrng = np.random.default_rng(0)") == []


def test_numpy_legacy_draws_without_a_seed_are_flagged() -> None:
    (message,) = seeds("import numpy as np\nnp.random.shuffle(rows)")
    assert "np.random.shuffle" in message


def test_the_random_module_without_a_seed_is_flagged() -> None:
    (message,) = seeds("import random\nrandom.shuffle(rows)")
    assert "random.seed" in message


def test_the_random_module_seeded_is_not_flagged() -> None:
    assert seeds("import random\nrandom.seed(42)\nrandom.shuffle(rows)") == []


def test_a_function_imported_from_the_random_module_is_flagged() -> None:
    assert len(seeds("from random import shuffle\nshuffle(rows)")) == 1


# which cells, and what they hold


def test_findings_are_only_for_answer_cells() -> None:
    cells = [("setup", f"{RF_IMPORT}\nbaseline = RandomForestClassifier()"), ("build_model", "x = 1")]
    assert unseeded_randomness(cells, answers=ANSWERS) == []


def test_a_cell_with_an_ipython_magic_is_still_parsed() -> None:
    answer = f"%matplotlib inline\n!pip list\n{RF_IMPORT}\nmodel = RandomForestClassifier()"
    (finding,) = unseeded_randomness([("build_model", answer)], answers=ANSWERS)
    assert finding.line == 4


def test_a_cell_with_a_syntax_error_is_ignored_without_raising() -> None:
    cells = [("build_model", "def broken(:\n    pass"), ("other", f"{RF_IMPORT}\nRandomForestClassifier()")]
    assert unseeded_randomness(cells, answers={"build_model", "other"})[0].cell == "other"
    assert absolute_paths(cells, answers={"build_model"}) == []


# absolute paths


@pytest.mark.parametrize(
    "literal",
    ["/home/alice/data.csv", "C:\\Users\\bob\\train.csv", "~/data/x.csv", "/kaggle/input/churn/train.csv"],
)
def test_a_path_only_the_authors_machine_has_is_flagged(literal: str) -> None:
    (message,) = paths(f"df = pd.read_csv({literal!r})")
    assert repr(literal) in message


@pytest.mark.parametrize("literal", ["data/train.csv", "https://example.com/a.csv", "/", "a / b"])
def test_a_relative_path_url_or_plain_slash_is_not_flagged(literal: str) -> None:
    assert paths(f"x = {literal!r}") == []


def test_an_absolute_path_gives_kind_cell_and_line() -> None:
    (finding,) = absolute_paths([("build_model", "x = 1\npath = '/home/alice/data.csv'")], answers=ANSWERS)
    assert (finding.kind, finding.cell, finding.line) == ("path", "build_model", 2)


def test_absolute_paths_outside_answer_cells_are_not_flagged() -> None:
    assert absolute_paths([("setup", "path = '/home/alice/data.csv'")], answers=ANSWERS) == []
