"""Is agreement with hand labels measured honestly: per field, beyond chance, each disagreement listed?

tests/review/test_answer_review.py pins the review's agreement on the real labels; this pins the measure.
"""

from __future__ import annotations

import pytest
from sklearn.metrics import cohen_kappa_score

from mleprep.core.toml_data import SpecError
from mleprep.review.agreement import (
    FIELDS,
    cohen_kappa,
    keyword_reader,
    load_labelled,
    measure,
    review_reader,
)
from tests.conftest import REPO

T, F = True, False


def answer(id, text="text", **labels):
    return {"id": id, "text": text, **dict.fromkeys(FIELDS, False), **labels}


@pytest.mark.parametrize(
    ("truth", "guess", "kappa"),
    [
        ([T, F, T, F], [T, F, T, F], 1.0),
        ([T, T, F, F], [T, F, T, F], 0.0),
        ([T, F], [F, T], -1.0),
        ([T, T, T, F], [T, T, F, F], 0.5),
    ],
)
def test_kappa_is_agreement_beyond_chance(truth, guess, kappa):
    assert cohen_kappa(truth, guess) == kappa


def test_kappa_matches_scikit_learn_to_three_places():
    truth = [T, T, F, T, F, F, T, T, F, T, T]
    guess = [T, F, F, T, T, F, T, T, F, F, T]
    assert cohen_kappa(truth, guess) == round(cohen_kappa_score(truth, guess), 3)


def test_kappa_of_two_readers_that_never_vary_and_agree_is_one():
    assert cohen_kappa([T, T, T], [T, T, T]) == 1.0
    assert cohen_kappa([F, F], [F, F]) == 1.0


def test_kappa_of_two_constant_readers_that_disagree_is_zero():
    assert cohen_kappa([T, T, T], [F, F, F]) == 0.0


def test_kappa_needs_as_many_guesses_as_labels():
    with pytest.raises(ValueError):
        cohen_kappa([T, F, T], [T, F])


def test_measure_reports_each_field_and_lists_every_disagreement():
    labelled = [
        answer("la-1", situation=True, action=True),
        answer("la-2", situation=True, result=True),
    ]

    def says_situation_and_action(text):
        return {f: f in ("situation", "action") for f in FIELDS}

    agreement = measure(labelled, says_situation_and_action)
    assert agreement.answers == 2
    assert agreement.by_field["situation"] == {"agreement": 1.0, "kappa": 1.0}
    assert agreement.by_field["action"]["agreement"] == 0.5
    assert agreement.by_field["result"]["agreement"] == 0.5
    assert agreement.by_field["task"] == {"agreement": 1.0, "kappa": 1.0}
    assert agreement.disagreements == [
        {"id": "la-2", "field": "action", "labelled": False, "review": True},
        {"id": "la-2", "field": "result", "labelled": True, "review": False},
    ]
    assert agreement.overall == round(1 - 2 / 10, 3)


def test_measure_passes_each_answer_text_to_the_reader():
    seen = []

    def reader(text):
        seen.append(text)
        return dict.fromkeys(FIELDS, False)

    agreement = measure([answer("a", text="one"), answer("b", text="two")], reader)
    assert seen == ["one", "two"]
    assert agreement.overall == 1.0 and agreement.disagreements == []


def test_the_keyword_reader_fires_on_a_cue_word_anywhere():
    found = keyword_reader("I think the goal was 5 things.")
    assert found == {
        "situation": True,
        "task": True,
        "action": True,
        "result": False,
        "quantified_result": True,
    }
    assert not any(keyword_reader("Nothing here.").values())


def test_the_review_reader_gives_every_field():
    story = (
        "Last year our pipeline broke every week. My job was to make it reliable. "
        "I wrote data checks for every input. As a result, failed runs fell by 12 percent."
    )
    assert review_reader(story) == dict.fromkeys(FIELDS, True)
    assert review_reader("I always try to work hard.") == dict.fromkeys(FIELDS, False)


def test_the_labelled_answers_have_an_id_a_text_and_every_field():
    labelled = load_labelled(REPO / "interview_guide")
    ids = [a["id"] for a in labelled]
    assert len(ids) == len(set(ids))
    assert all(a["text"].strip() and all(isinstance(a[f], bool) for f in FIELDS) for a in labelled)


def test_labelled_answers_are_read_in_file_order(tmp_path):
    (tmp_path / "labelled_answers.toml").write_text(
        '[[answers]]\nid = "b"\ntext = "x"\n\n[[answers]]\nid = "a"\ntext = "y"\n'
    )
    assert [a["id"] for a in load_labelled(tmp_path)] == ["b", "a"]


def test_a_missing_labels_file_is_named(tmp_path):
    with pytest.raises(SpecError, match=r"labelled_answers\.toml: file is missing"):
        load_labelled(tmp_path)


def test_a_labelled_answer_that_is_not_a_table_is_named(tmp_path):
    (tmp_path / "labelled_answers.toml").write_text('answers = ["just text"]\n')
    with pytest.raises(SpecError, match=r"key 'answers\[0\]': must be a table"):
        load_labelled(tmp_path)
