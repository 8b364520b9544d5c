"""Plots for a candidate's feedback, drawn in the grading process from the exported model answers.

Classifiers get a ROC curve (when the model gave scores) and a confusion matrix; regressors get
residuals against predictions. Only aggregates of the holdout labels reach the candidate this way.
"""

from __future__ import annotations

from pathlib import Path

from mleprep.course.spec import Assignment
from mleprep.grading.scoring import read_export
from mleprep.metrics.registry import ScoringError
from mleprep.metrics.replay import read_labels, replay_estimator


def holdout_plots(
    *, assignment: Assignment, export_file: Path, labels_file: Path, out_dir: Path
) -> list[Path]:
    """PNG files in `out_dir` for the holdout check's export; none when it cannot be replayed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.base import is_classifier
    from sklearn.metrics import ConfusionMatrixDisplay, PredictionErrorDisplay, RocCurveDisplay

    assert assignment.task is not None
    try:
        estimator, X, y = replay_estimator(
            read_export(export_file),
            read_labels(labels_file, id_column=assignment.task.id_column, target=assignment.task.target),
        )
    except ScoringError:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    drawn: list[Path] = []

    def save(fig: plt.Figure, name: str, title: str) -> None:
        fig.axes[0].set_title(title)
        fig.tight_layout()
        path = out_dir / name
        fig.savefig(path, dpi=90)
        plt.close(fig)
        drawn.append(path)

    if is_classifier(estimator):
        binary = len(estimator.classes_) == 2
        scored = hasattr(estimator, "predict_proba") or hasattr(estimator, "decision_function")
        if binary and scored:
            fig, ax = plt.subplots(figsize=(4.5, 4.5))
            RocCurveDisplay.from_estimator(estimator, X, y, ax=ax, name="your model")
            ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="chance")
            ax.legend(loc="lower right")
            save(fig, "roc_curve.png", "ROC curve on the holdout")
        if hasattr(estimator, "predict"):
            fig, ax = plt.subplots(figsize=(4.5, 4.5))
            ConfusionMatrixDisplay.from_estimator(estimator, X, y, ax=ax, colorbar=False)
            save(fig, "confusion_matrix.png", "Confusion matrix on the holdout")
    elif hasattr(estimator, "predict"):
        fig, ax = plt.subplots(figsize=(5, 4.5))
        PredictionErrorDisplay.from_estimator(estimator, X, y, kind="residual_vs_predicted", ax=ax)
        save(fig, "residuals.png", "Residuals on the holdout")
    return drawn
