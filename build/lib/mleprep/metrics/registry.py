"""Every metric an assignment may name, in one place: how its name is checked when assignment.toml
loads, how it scores a model's exported answers against hidden labels, and how people read it.

Two families: scikit-learn's scorers (`get_scorer_names()`; higher is better, errors are negated
as `neg_*` and shown without the sign) and the kit's ranking metric `precision_at_K` (K 1-100),
which scikit-learn has no scorer for. Adding a metric means adding a family here.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mleprep.core.errors import MleprepError
from mleprep.core.version_cache import cached_by_version

RANKING_NAME = re.compile(r"^precision_at_([1-9][0-9]?|100)$")


class ScoringError(MleprepError, ValueError):
    """The export cannot be scored; the message says why in the candidate's terms."""


@dataclass(frozen=True)
class MetricKind:
    """A metric by name; `score` returns (value, rows scored), higher always better."""

    name: str

    @property
    def is_error(self) -> bool:
        """Errors are negated so that higher is better; people read them positive, lower better."""
        return self.name.startswith("neg_")

    @property
    def label(self) -> str:
        """The name as people read it: an error without scikit-learn's `neg_`."""
        return self.name.removeprefix("neg_")

    def shown(self, value: float) -> str:
        return f"{-value:.4f}" if self.is_error else f"{value:.4f}"

    def score(
        self, export: dict[str, Any], labels_file: Path, *, id_column: str, target: str
    ) -> tuple[float, int]:
        raise NotImplementedError


@dataclass(frozen=True)
class ScikitLearnScorer(MetricKind):
    """scikit-learn's `get_scorer(name)(estimator, X, y)` on a replay of the exported answers."""

    def score(
        self, export: dict[str, Any], labels_file: Path, *, id_column: str, target: str
    ) -> tuple[float, int]:
        from sklearn.metrics import get_scorer

        from mleprep.metrics.replay import read_labels, replay_estimator

        estimator, X, y = replay_estimator(
            export, read_labels(labels_file, id_column=id_column, target=target)
        )
        try:
            value = float(get_scorer(self.name)(estimator, X, y))
        except (AttributeError, ValueError, TypeError) as exc:
            raise ScoringError(f"{self.name} cannot be computed from this model's answers: {exc}") from exc
        if not math.isfinite(value):
            raise ScoringError(f"{self.name} came out as {value}")
        return value, len(y)


@dataclass(frozen=True)
class PrecisionAtK(MetricKind):
    """Mean share of each held-out user's top K that they went on to choose (ranking take-homes)."""

    k: int = 10

    def score(
        self, export: dict[str, Any], labels_file: Path, *, id_column: str, target: str
    ) -> tuple[float, int]:
        from mleprep.metrics.ranking import precision_at_k, read_relevant

        relevant = read_relevant(labels_file)
        try:
            value = precision_at_k(export, relevant, user_column=id_column, item_column=target, k=self.k)
        except ValueError as exc:
            raise ScoringError(str(exc)) from exc
        return value, relevant[id_column].nunique()


def _compute_scorer_names() -> list[str]:
    from sklearn.metrics import get_scorer_names

    return sorted(get_scorer_names())


@lru_cache(maxsize=1)
def _scikit_learn_names() -> frozenset[str]:
    # Importing scikit-learn takes a second or more; its scorer names change only with its version.
    return frozenset(cached_by_version("scorer-names", "scikit-learn", _compute_scorer_names))


def metric_kind(name: str) -> MetricKind:
    """The metric called `name`; ValueError naming the closest known name when there is none."""
    if match := RANKING_NAME.match(name):
        return PrecisionAtK(name, int(match.group(1)))
    names = _scikit_learn_names()
    if name in names:
        return ScikitLearnScorer(name)
    hint = difflib.get_close_matches(name, names, n=1)
    raise ValueError(
        f"{name!r} is not a scikit-learn scorer name or precision_at_K"
        + (f" (did you mean '{hint[0]}'?)" if hint else "")
    )
