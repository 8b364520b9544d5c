"""Does a copy-pasted graded cell lose its nbgrader metadata cleanly, so nbgrader accepts the notebook?"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbgrader.nbgraderformat import SchemaTooOldError, ValidationError
from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds

from mleprep.grading.repairs.drop_duplicate_ids import DropDuplicateIds
from tests import hostile_notebooks as h

# A pasted cell also repeats nbformat's cell id; nbformat renames it on reading and warns.
pytestmark = pytest.mark.filterwarnings("ignore::nbformat.warnings.DuplicateCellId")


def as_node(nb: dict) -> nbformat.NotebookNode:
    return nbformat.reads(json.dumps(nb), as_version=4)


def ids(nb) -> list[str | None]:
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]


def test_the_earlier_copies_have_no_nbgrader_metadata_at_all():
    nb, _ = DropDuplicateIds().preprocess(as_node(h.duplicated()), {})
    copies = [c for c in nb.cells if c.source == "pass"]  # the gutted copy of check_model
    assert len(copies) == 1 and "nbgrader" not in copies[0].metadata
    assert ids(nb).count("check_model") == 1 and ids(nb).count("build_model") == 1


def test_the_last_copy_keeps_its_id_as_in_nbgrader():
    nb, _ = DropDuplicateIds().preprocess(as_node(h.duplicated()), {})
    (kept,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check_model"]
    assert kept.source != "pass" and kept.metadata.nbgrader["points"] == 2


def test_nbgraders_metadata_check_accepts_the_result():
    nb, _ = DropDuplicateIds().preprocess(as_node(h.duplicated()), {})
    CheckCellMetadata().preprocess(nb, {})  # raises ValidationError on a corrupted notebook


def test_nbgraders_own_deduplication_is_rejected_by_its_metadata_check():
    # Why the repair exists: DeduplicateIds leaves `nbgrader: {}`, which CheckCellMetadata refuses as
    # metadata of an outdated schema.
    nb, _ = DeduplicateIds().preprocess(as_node(h.duplicated()), {})
    assert any(c.metadata.get("nbgrader") == {} for c in nb.cells)
    with pytest.raises((ValidationError, SchemaTooOldError)):
        CheckCellMetadata().preprocess(nb, {})


def test_a_notebook_without_duplicates_is_left_as_it_was():
    honest = as_node(h.reference())
    nb, _ = DropDuplicateIds().preprocess(as_node(h.reference()), {})
    assert nb == honest
