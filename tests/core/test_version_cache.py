"""Is a costly fact about a package computed once per installed version, and never an error to cache?"""

from __future__ import annotations

from pathlib import Path

import pytest

from mleprep.core.version_cache import cached_by_version
from tests.conftest import printed_by_fresh_python


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("MLEPREP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_fact_is_computed_once_per_version(cache: Path) -> None:
    calls = []

    def compute() -> list[str]:
        calls.append(1)
        return ["roc_auc", "accuracy"]

    assert cached_by_version("names", "pytest", compute) == ["roc_auc", "accuracy"]
    assert cached_by_version("names", "pytest", compute) == ["roc_auc", "accuracy"]
    assert len(calls) == 1
    (entry,) = cache.iterdir()
    assert entry.name == f"names-pytest-{pytest.__version__}.json"


def test_a_damaged_entry_is_computed_again(cache: Path) -> None:
    cached_by_version("names", "pytest", lambda: [1])
    (entry,) = cache.iterdir()
    entry.write_text("{not json")
    assert cached_by_version("names", "pytest", lambda: [2]) == [2]


def test_an_unwritable_cache_only_costs_the_computation(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MLEPREP_CACHE", str(blocker / "cache"))  # a folder inside a file cannot exist
    assert cached_by_version("names", "pytest", lambda: [3]) == [3]


def test_a_package_that_is_not_installed_is_never_cached(cache: Path) -> None:
    assert cached_by_version("names", "no-such-package-here", lambda: [4]) == [4]
    assert not cache.exists()


def test_the_installed_version_is_the_one_importlib_metadata_reads() -> None:
    from importlib.metadata import version

    from mleprep.core.version_cache import installed_version

    for package in ("scikit-learn", "nbgrader", "jupyter_client", "jupyter-server"):
        assert installed_version(package) == version(package), package
    assert installed_version("no-such-package-here") is None


def test_a_read_only_command_does_not_import_importlib_metadata() -> None:
    # 40 ms of `mleprep list` on a slow day, a seventh of its target.
    probe = (
        "import contextlib, io, sys\n"
        "from mleprep.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list'])\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    assert printed_by_fresh_python(probe) == "False"
