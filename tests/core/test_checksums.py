"""SHA256SUMS written beside generated data and checked by verify: one format, both ways."""

from __future__ import annotations

from pathlib import Path

from mleprep.core.checksums import checksum_problems, write_sums


def test_written_sums_check_clean_and_catch_a_changed_or_missing_file(tmp_path: Path) -> None:
    (tmp_path / "train.csv").write_text("a,b\n1,2\n")
    (tmp_path / "holdout.csv").write_text("a\n3\n")
    write_sums(tmp_path, ["train.csv", "holdout.csv"])
    assert checksum_problems(tmp_path) == []
    (tmp_path / "train.csv").write_text("a,b\n1,3\n")
    (tmp_path / "holdout.csv").unlink()
    problems = checksum_problems(tmp_path)
    assert any("train.csv does not match its sha256" in p for p in problems)
    assert any("holdout.csv is listed" in p and "but missing" in p for p in problems)


def test_a_folder_without_sums_has_nothing_to_check(tmp_path: Path) -> None:
    assert checksum_problems(tmp_path) == []
