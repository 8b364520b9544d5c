"""Do the notebooks a trial grades (seeded references, swapped answers) differ from the source in
exactly the intended cell, and is a typo in a baseline file caught with its name?"""

from __future__ import annotations

import copy
import json

import pytest

from mleprep.authoring.trial_grading import with_answers, with_seed
from mleprep.core.notebook_cells import answer_sources, cell_source, grade_id, read_notebook
from mleprep.core.toml_data import SpecError, load_toml
from tests.conftest import REPO

REFERENCE = REPO / "source" / "churn" / "churn.ipynb"


@pytest.fixture
def reference() -> dict:
    return read_notebook(REFERENCE)


def test_with_seed_puts_random_state_right_after_the_setup_cell(reference):
    seeded = with_seed(reference, 7)
    at = next(n for n, c in enumerate(seeded["cells"]) if grade_id(c) == "setup")
    cell = seeded["cells"][at + 1]
    assert cell["cell_type"] == "code" and cell_source(cell) == "RANDOM_STATE = 7"
    assert grade_id(cell) is None and cell["outputs"] == []
    assert len(seeded["cells"]) == len(reference["cells"]) + 1
    assert seeded["cells"][: at + 1] + seeded["cells"][at + 2 :] == reference["cells"]


def test_with_seed_leaves_its_input_untouched(reference):
    before = json.dumps(reference, sort_keys=True)
    with_seed(reference, 3)
    assert json.dumps(reference, sort_keys=True) == before


def test_two_seeds_give_cells_with_distinct_ids(reference):
    at = next(n for n, c in enumerate(reference["cells"]) if grade_id(c) == "setup") + 1
    ids = {with_seed(reference, s)["cells"][at]["id"] for s in (0, 1)}
    assert len(ids) == 2


def test_with_seed_without_a_setup_cell_puts_it_first(reference):
    nb = copy.deepcopy(reference)
    nb["cells"] = [c for c in nb["cells"] if grade_id(c) != "setup"]
    assert cell_source(with_seed(nb, 5)["cells"][0]) == "RANDOM_STATE = 5"


def answers_file(tmp_path, body: str):
    path = tmp_path / "baseline.toml"
    path.write_text(body)
    return path


def test_with_answers_replaces_answer_cells_by_grade_id(tmp_path, reference):
    path = answers_file(
        tmp_path, "[answers]\nbuild_model = '''\nmodel = None\n'''\npredict = \"predictions = []\"\n"
    )
    answers = load_toml(path).sub("answers")
    swapped = with_answers(reference, answers)
    new, old = answer_sources(swapped), answer_sources(reference)
    assert new["build_model"] == "model = None" and new["predict"] == "predictions = []"
    assert {k: v for k, v in new.items() if k not in ("build_model", "predict")} == {
        k: v for k, v in old.items() if k not in ("build_model", "predict")
    }
    assert answer_sources(read_notebook(REFERENCE)) == old  # the input is untouched


def test_with_answers_refuses_an_unknown_grade_id_naming_the_file_and_the_key(tmp_path, reference):
    path = answers_file(tmp_path, '[answers]\nbuild_modle = "model = None"\n')
    with pytest.raises(SpecError) as info:
        with_answers(reference, load_toml(path).sub("answers"))
    message = str(info.value)
    assert str(path) in message and "'answers.build_modle'" in message
    assert "is not an answer cell of the notebook" in message


def test_with_answers_refuses_a_graded_test_cell_as_an_answer(tmp_path, reference):
    path = answers_file(tmp_path, '[answers]\ncheck_model = "pass"\n')
    with pytest.raises(SpecError, match=r"'answers\.check_model': is not an answer cell"):
        with_answers(reference, load_toml(path).sub("answers"))


def test_the_committed_churn_baseline_applies_to_the_reference(reference):
    answers = load_toml(REPO / "autograders" / "churn" / "baseline.toml").sub("answers")
    swapped = answer_sources(with_answers(reference, answers))
    assert "DummyClassifier" in swapped["build_model"]
