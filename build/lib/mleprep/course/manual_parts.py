"""[[manual]] in assignment.toml: the written parts a mentor grades, and what the kit reads in them."""

from __future__ import annotations

from dataclasses import dataclass

from mleprep.core.toml_data import TableReader
from mleprep.course.spec_fields import WRITEUP_READERS, keys


@dataclass(frozen=True)
class ManualPart:
    """A manually graded answer cell, graded by a mentor on the rubric written above it."""

    id: str
    title: str
    points: float
    # A question of interview_guide/'s bank this answers: its answer gets automatic feedback too.
    question: str | None = None
    # The rubric lines an automatic reader reviews (review/writeup_review.py), in rubric order,
    # and the plain words for what drives the outcome in this data.
    rubric: tuple[str, ...] = ()
    drivers: tuple[str, ...] = ()


def read_manual_part(r: TableReader) -> ManualPart:
    r.unknown(keys("manual"))
    rubric = r.texts("rubric", ())
    for i, line in enumerate(rubric):
        if line not in WRITEUP_READERS:
            raise r.fail(f"rubric[{i}]", f"{line!r} is not one of {', '.join(WRITEUP_READERS)}")
    return ManualPart(
        r.text("id"),
        r.text("title"),
        r.get("points", float),
        r.text("question", None),
        rubric,
        r.texts("drivers", ()),
    )
