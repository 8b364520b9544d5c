"""Does every TOML read name the file and the key when the data cannot be used?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mleprep.core.errors import MleprepError
from mleprep.core.toml_data import SpecError, TableReader, load_toml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.toml"
    path.write_text(text, encoding="utf-8")
    return path


def reader(tmp_path: Path, text: str) -> TableReader:
    return load_toml(write(tmp_path, text))


def test_a_spec_error_is_an_mleprep_error_and_a_value_error():
    assert issubclass(SpecError, MleprepError) and issubclass(SpecError, ValueError)


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "absent.toml"
    with pytest.raises(SpecError, match=re.escape(f"{path}: file is missing")):
        load_toml(path)


def test_a_folder_in_place_of_the_file_counts_as_missing(tmp_path):
    with pytest.raises(SpecError, match="file is missing"):
        load_toml(tmp_path)


@pytest.mark.parametrize("text", ["title = \n", "[a\n", "a = 1\na = 2\n"])
def test_invalid_toml_names_the_file(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(SpecError, match=re.escape(f"{path}: not valid TOML")):
        load_toml(path)


def test_a_file_that_is_not_utf8_is_reported_as_invalid_toml(tmp_path):
    path = tmp_path / "data.toml"
    path.write_bytes(b'title = "caf\xe9"\n')
    with pytest.raises(SpecError, match="not valid TOML"):
        load_toml(path)


def test_the_top_table_is_read(tmp_path):
    r = reader(tmp_path, 'title = "Churn"\n[grading]\ntimeout = "5m"\n')
    assert r.table == {"title": "Churn", "grading": {"timeout": "5m"}}
    assert r.prefix == ""


def test_a_nested_error_names_the_file_and_the_full_key(tmp_path):
    path = write(tmp_path, '[a]\n[[a.b]]\nc = 1\n[[a.b]]\nc = "x"\n')
    second = load_toml(path).sub("a").items("b")[1]
    with pytest.raises(SpecError) as err:
        second.get("c", int)
    assert str(err.value) == f"{path}: key 'a.b[1].c': must be int, not str 'x'"


def test_get_returns_a_value_of_the_asked_type(tmp_path):
    r = reader(tmp_path, 'n = 3\nname = "x"\nflag = true\n')
    assert r.get("n", int) == 3
    assert r.get("name", str) == "x"
    assert r.get("flag", bool) is True


def test_a_whole_number_is_read_as_a_float_where_a_float_is_asked(tmp_path):
    value = reader(tmp_path, "points = 5\n").get("points", float)
    assert value == 5.0 and isinstance(value, float)


def test_a_missing_key_is_named_unless_it_has_a_default(tmp_path):
    r = reader(tmp_path, "a = 1\n")
    with pytest.raises(SpecError, match=r"key 'b': is missing"):
        r.get("b", int)
    assert r.get("b", int, 7) == 7
    assert r.get("b", int, None) is None


@pytest.mark.parametrize(
    ("kind", "says"),
    [(int, "must be int, not bool True"), (float, "must be float, not bool True")],
)
def test_a_boolean_is_not_accepted_as_a_number(tmp_path, kind, says):
    with pytest.raises(SpecError, match=re.escape(says)):
        reader(tmp_path, "points = true\n").get("points", kind)


def test_a_boolean_is_not_accepted_where_one_of_several_number_types_is_asked(tmp_path):
    with pytest.raises(SpecError, match=r"must be int or float, not bool"):
        reader(tmp_path, "points = false\n").get("points", (int, float))


def test_a_wrong_type_names_what_was_expected_and_what_was_found(tmp_path):
    with pytest.raises(SpecError, match=re.escape("key 'points': must be float, not str 'five'")):
        reader(tmp_path, 'points = "five"\n').get("points", float)


def test_a_float_is_not_accepted_as_an_int(tmp_path):
    with pytest.raises(SpecError, match=re.escape("must be int, not float 2.5")):
        reader(tmp_path, "n = 2.5\n").get("n", int)


@pytest.mark.parametrize("value", ['""', '"   "'])
def test_empty_text_is_refused(tmp_path, value):
    with pytest.raises(SpecError, match=r"key 'title': must not be empty"):
        reader(tmp_path, f"title = {value}\n").text("title")


def test_text_that_is_missing_may_default_to_none(tmp_path):
    assert reader(tmp_path, "").text("title", None) is None


def test_a_duration_is_read_in_seconds(tmp_path):
    assert reader(tmp_path, 'limit = "3h30m"\n').duration("limit") == 12600


def test_a_missing_duration_may_default_to_none_or_to_a_duration(tmp_path):
    r = reader(tmp_path, "")
    assert r.duration("limit", None) is None
    assert r.duration("limit", "90m") == 5400


def test_a_non_duration_names_the_key_and_shows_the_form(tmp_path):
    with pytest.raises(SpecError, match=r"key 'limit': 'soon' is not a duration; write it like '4h'"):
        reader(tmp_path, 'limit = "soon"\n').duration("limit")


def test_a_duration_must_be_text(tmp_path):
    with pytest.raises(SpecError, match=r"key 'limit': must be str, not int 600"):
        reader(tmp_path, "limit = 600\n").duration("limit")


def test_texts_are_a_tuple_of_strings(tmp_path):
    assert reader(tmp_path, 'skills = ["a", "b"]\n').texts("skills") == ("a", "b")
    assert reader(tmp_path, "").texts("skills", []) == ()


@pytest.mark.parametrize("value", ['["a", ""]', '["a", 3]', '["a", " "]'])
def test_texts_refuse_empty_or_non_string_items(tmp_path, value):
    with pytest.raises(SpecError, match=r"key 'skills': must be a list of non-empty strings"):
        reader(tmp_path, f"skills = {value}\n").texts("skills")


def test_texts_must_be_a_list(tmp_path):
    with pytest.raises(SpecError, match=r"key 'skills': must be list, not str"):
        reader(tmp_path, 'skills = "a"\n').texts("skills")


def test_a_choice_is_one_of_the_listed_values(tmp_path):
    r = reader(tmp_path, 'kind = "holdout"\n')
    assert r.choice("kind", ("visible", "holdout")) == "holdout"
    with pytest.raises(SpecError, match=r"key 'kind': 'holdout' is not one of visible, estimate"):
        r.choice("kind", ("visible", "estimate"))


def test_a_sub_table_reports_keys_under_its_name(tmp_path):
    path = write(tmp_path, '[grading]\nmemory = 3\n[grading.limits]\ncpu = "x"\n')
    grading = load_toml(path).sub("grading")
    assert grading.path == path and grading.prefix == "grading."
    with pytest.raises(SpecError, match=re.escape("key 'grading.limits.cpu': must be int")):
        grading.sub("limits").get("cpu", int)


def test_a_missing_sub_table_may_default(tmp_path):
    r = reader(tmp_path, "")
    assert r.sub("grading", None) is None
    with pytest.raises(SpecError, match=r"key 'grading': is missing"):
        r.sub("grading")


def test_a_sub_table_must_be_a_table(tmp_path):
    with pytest.raises(SpecError, match=r"key 'grading': must be dict, not str"):
        reader(tmp_path, 'grading = "fast"\n').sub("grading")


def test_items_read_an_array_of_tables_in_order(tmp_path):
    items = reader(tmp_path, '[[checks]]\nid = "a"\n[[checks]]\nid = "b"\n').items("checks")
    assert [i.text("id") for i in items] == ["a", "b"]
    assert [i.prefix for i in items] == ["checks[0].", "checks[1]."]


def test_missing_items_are_an_empty_list(tmp_path):
    assert reader(tmp_path, "").items("checks") == []


def test_an_item_that_is_not_a_table_is_named_by_its_index(tmp_path):
    with pytest.raises(SpecError, match=re.escape("key 'checks[1]': must be a table")):
        reader(tmp_path, 'checks = [{id = "a"}, "b"]\n').items("checks")


def test_items_must_be_a_list(tmp_path):
    with pytest.raises(SpecError, match=r"key 'checks': must be list"):
        reader(tmp_path, '[checks]\nid = "a"\n').items("checks")


def test_only_known_keys_pass(tmp_path):
    reader(tmp_path, 'title = "x"\nkind = "y"\n').unknown({"title", "kind", "notes"})


def test_an_unknown_key_suggests_the_closest_known_one(tmp_path):
    path = write(tmp_path, '[metric]\nscorre = "roc_auc"\n')
    with pytest.raises(SpecError) as err:
        load_toml(path).sub("metric").unknown({"scorer", "pass_threshold"})
    assert str(err.value) == f"{path}: key 'metric.scorre': is not a known key (did you mean 'scorer'?)"


def test_an_unknown_key_with_no_close_match_gets_no_hint(tmp_path):
    with pytest.raises(SpecError) as err:
        reader(tmp_path, "zzz = 1\n").unknown({"title", "kind"})
    assert str(err.value).endswith("key 'zzz': is not a known key")


def test_of_several_unknown_keys_the_first_in_alphabetical_order_is_named(tmp_path):
    with pytest.raises(SpecError, match=r"key 'alpha': is not a known key"):
        reader(tmp_path, "zulu = 1\nalpha = 2\ntitle = 3\n").unknown({"title"})
