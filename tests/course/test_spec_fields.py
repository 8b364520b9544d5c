"""Is every key of assignment.toml documented, accepted exactly as documented, and is the page current?"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mleprep.core.toml_data import SpecError, TableReader
from mleprep.course.spec import load_assignment
from mleprep.course.spec_fields import TABLES, TOP, keys, table
from mleprep.course.spec_reference import reference_markdown
from tests.conftest import REPO

SPECS = sorted((REPO / "source").glob("*/assignment.toml"))


def used_keys(data: dict[str, Any], name: str = TOP) -> set[tuple[str, str]]:
    """(table, key) of every key in a parsed TOML table and the tables inside it."""
    found = set()
    for key, value in data.items():
        found.add((name, key))
        inner = f"{name}.{key}" if name else key
        tables = value if isinstance(value, list) else [value]
        for sub in tables:
            if isinstance(sub, dict):
                found |= used_keys(sub, inner)
    return found


def test_the_committed_reference_page_is_generated_from_spec_fields():
    page = REPO / "source" / "README.md"
    assert page.read_text(encoding="utf-8") == reference_markdown(), (
        "source/README.md is out of date: regenerate it with "
        "`.venv/bin/python -m mleprep.course.spec_reference > source/README.md`"
    )


def test_the_page_documents_every_table_and_the_hidden_files():
    page = reference_markdown()
    for t in TABLES:
        assert f"## {t.header}\n" in page
        for k in t.keys:
            assert f"| `{k.name}` |" in page, f"{t.header} {k.name}"
    for name in ("holdout_labels.csv", "baseline.toml", "ladder.toml", "SHA256SUMS"):
        assert f"### {name}\n" in page


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_every_key_used_in_a_committed_spec_is_documented(spec: Path):
    data = tomllib.loads(spec.read_text(encoding="utf-8"))
    undocumented = sorted(f"{t}.{k}" if t else k for t, k in used_keys(data) if k not in keys(t))
    assert not undocumented, f"{spec}: document these in src/mleprep/course/spec_fields.py"


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "churn"
    shutil.copytree(REPO / "source" / "churn", folder)
    return folder


@pytest.mark.parametrize(
    ("after", "key"),
    [
        ("", "bogus"),
        ("[dataset]\n", "dataset.bogus"),
        ("[task]\n", "task.bogus"),
        ("[metric]\n", "metric.bogus"),
        ("[[metric.partial_credit]]\n", "metric.partial_credit[0].bogus"),
        ("[grading]\n", "grading.bogus"),
        ("[[checks]]\n", "checks[0].bogus"),
        ("[[manual]]\n", "manual[0].bogus"),
        ("[late_policy]\n", "late_policy.bogus"),
    ],
)
def test_an_undocumented_key_is_refused_naming_the_file_and_the_key(spec_dir, after, key):
    path = spec_dir / "assignment.toml"
    text = path.read_text()
    assert after in text
    path.write_text(text.replace(after, after + "bogus = 1\n", 1) if after else "bogus = 1\n" + text)
    with pytest.raises(SpecError) as err:
        load_assignment(spec_dir)
    assert str(path) in str(err.value)
    assert f"key '{key}': is not a known key" in str(err.value)


def test_the_parser_accepts_exactly_the_documented_keys_of_every_table(spec_dir, monkeypatch):
    allowed: dict[str, set[str]] = {}
    unknown = TableReader.unknown

    def recording(self: TableReader, known: set[str]) -> None:
        allowed[re.sub(r"\[\d+\]", "", self.prefix).removesuffix(".")] = set(known)
        unknown(self, known)

    monkeypatch.setattr(TableReader, "unknown", recording)
    # churn has every table but an engineering take-home's [package]
    (spec_dir / "churn_service").mkdir()
    with (spec_dir / "assignment.toml").open("a") as spec:
        spec.write('\n[package]\npaths = ["churn_service"]\n')
    load_assignment(spec_dir)
    assert set(allowed) == {t.name for t in TABLES}
    for name, known in allowed.items():
        assert known == keys(name) >= {k.name for k in table(name).keys}, name


@pytest.mark.parametrize("path", ["../churn", "/etc", "missing_folder"])
def test_package_paths_must_be_inside_the_assignment_folder(spec_dir: Path, path: str) -> None:
    with (spec_dir / "assignment.toml").open("a") as spec:
        spec.write(f'\n[package]\npaths = ["{path}"]\n')
    with pytest.raises(SpecError, match=r"key 'package.paths\[0\]'.*is not a file or folder inside"):
        load_assignment(spec_dir)
