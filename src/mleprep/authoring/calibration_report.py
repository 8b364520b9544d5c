"""What `mleprep calibrate` leaves behind: the ladder as a Markdown table in the take-home's README,
a plot of it beside the README, and (with --write) the proposed bands in assignment.toml and in the
notebook's grading table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

from mleprep.authoring.calibration import Calibration, Rung
from mleprep.core.defaults import LADDER_FILE
from mleprep.course.spec import Assignment, Metric

MARKER = "<!-- written by `mleprep calibrate`; run it again rather than editing this section -->"
PLOT_FILE = "calibration.png"


def _values(values: list[float], shown: Callable[[float], str]) -> str:
    """The mean, and the range when seeds disagree; n/a when there is nothing."""
    values = [v for v in values if math.isfinite(v)]
    if not values:
        return "n/a"
    text = shown(sum(values) / len(values))
    if len(values) > 1 and max(values) != min(values):
        low, high = sorted((shown(min(values)), shown(max(values))))
        text += f" ({low} to {high})"
    return text


def _bands_text(metric: Metric) -> str:
    word = "at most" if metric.is_error else "from"
    parts = [f"full marks {word} {metric.shown(metric.pass_threshold)}"]
    parts += [f"{b.credit:g} of the points {word} {metric.shown(b.at_least)}" for b in metric.partial_credit]
    return ", ".join(parts)


def ordered(cal: Calibration) -> list[Rung]:
    """Best first, by mean holdout score; rungs that could not be scored last."""
    return sorted(cal.rungs, key=lambda r: -(sum(r.holdout) / len(r.holdout)) if r.holdout else float("inf"))


def calibration_markdown(cal: Calibration) -> str:
    metric, points = cal.metric, cal.holdout_check.points
    proposed = cal.proposal.metric(metric.scorer)
    label = metric.kind.label
    lines = [
        "## Calibration",
        MARKER,
        "",
        f"`mleprep calibrate {cal.id}` graded each model through the real grader (nbgrader, sandboxed "
        "kernels) and scored its export on the hidden holdout. The reference and the dummy baseline ran "
        f"with RANDOM_STATE {', '.join(map(str, cal.seeds))} (ranges are over seeds).",
        "",
        f"| model | CV estimate | holdout {label} | holdout points (of {points:g}) | "
        "with the proposed bands |",
        "|---|---|---|---|---|",
    ]
    for rung in ordered(cal):
        name = f"**{rung.name}**" if rung.role == "reference" else rung.name
        if not rung.earns_credit:
            name += " (a rule to beat: must earn nothing)"
        # Estimates are as candidates report them: errors already positive.
        estimate = _values(rung.estimate, lambda v: f"{v:.4f}")
        if rung.holdout:
            now = sorted({cal.points(v) for v in rung.holdout})
            then = sorted({cal.points(v, proposed) for v in rung.holdout})
            now_text, then_text = " to ".join(f"{p:g}" for p in now), " to ".join(f"{p:g}" for p in then)
        else:
            now_text = then_text = "could not be scored"
        lines.append(
            f"| {name} | {estimate} | {_values(rung.holdout, metric.shown)} | {now_text} | {then_text} |"
        )
    tolerance = cal.estimate_check.tolerance if cal.estimate_check else None
    lines += [
        "",
        f"- **Sampling error**: the bootstrap standard deviation of the reference's holdout {label} is "
        f"{cal.sd:.4f}.",
        f"- **Applied** (assignment.toml): {_bands_text(metric)}"
        + (f"; estimate tolerance {tolerance:g}." if tolerance is not None else "."),
        f"- **Proposed**: {_bands_text(proposed)}"
        + (
            f"; estimate tolerance {cal.proposal.tolerance:g} (3 standard deviations of sampling error, "
            "or 1.5 times the reference's own estimate gap if larger)."
            if cal.estimate_check is not None
            else "."
        ),
    ]
    lines += [f"- **Warning**: {w}" for w in cal.warnings]
    lines += ["", f"![The calibration ladder]({PLOT_FILE})", ""]
    return "\n".join(lines)


def write_readme_section(readme: Path, section: str) -> None:
    """Replace the README's "## Calibration" section (to the next "## " heading), or append it."""
    text = readme.read_text() if readme.is_file() else ""
    match = re.search(r"^## Calibration\n.*?(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    if match:
        text = (
            text[: match.start()]
            + section.rstrip()
            + "\n"
            + ("\n" if match.end() < len(text) else "")
            + text[match.end() :]
        )
    else:
        text = (text.rstrip() + "\n\n" if text.strip() else "") + section
    readme.write_text(text.rstrip() + "\n")


def ladder_plot(cal: Calibration, path: Path) -> Path:
    """Each model's holdout score (seed range as a bar), its CV estimate, and the credit bands."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metric = cal.metric
    sign = -1.0 if metric.is_error else 1.0
    rungs = [r for r in reversed(ordered(cal)) if r.holdout]
    fig, ax = plt.subplots(figsize=(10, 1.6 + 0.55 * len(rungs)), dpi=110)
    for y, rung in enumerate(rungs):
        values = [sign * v for v in rung.holdout]
        color = (
            "tab:green" if rung.role == "reference" else "tab:gray" if rung.role == "baseline" else "tab:blue"
        )
        ax.plot([min(values), max(values)], [y, y], color=color, linewidth=6, solid_capstyle="round")
        ax.plot(sum(values) / len(values), y, "o", color=color, markersize=8)
        if estimates := [e for e in rung.estimate if math.isfinite(e)]:
            ax.plot(sum(estimates) / len(estimates), y, "x", color="black", markersize=7)
    proposed = cal.proposal.metric(metric.scorer)
    for bands, color, word in ((metric, "tab:red", "applied"), (proposed, "tab:green", "proposed")):
        if bands == metric and word == "proposed":
            continue  # nothing new to show
        styles = ("--", ":", "-.")
        lines = [(bands.pass_threshold, "-", "full marks")]
        lines += [
            (b.at_least, styles[n % 3], f"{b.credit:g} of the points")
            for n, b in enumerate(bands.partial_credit)
        ]
        for at, style, text in lines:
            ax.axvline(sign * at, color=color, linestyle=style, linewidth=1, label=f"{word}: {text}")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_yticks(range(len(rungs)), [r.name for r in rungs], fontsize=8)
    ax.set_xlabel(f"holdout {metric.kind.label} (dots; x = the model's own CV estimate)")
    ax.set_title(f"{cal.id}: calibration ladder")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def write_bands(spec_path: Path, cal: Calibration) -> None:
    """Put the proposed pass threshold, bands and estimate tolerance into assignment.toml, keeping
    its comments and layout."""
    import tomlkit

    doc = tomlkit.parse(spec_path.read_text())
    metric = doc["metric"]
    metric["pass_threshold"] = cal.proposal.pass_threshold
    # Edit the bands in place: tomlkit keeps the comments that follow a table with that table, so
    # replacing the array would drop the comment block after the last band.
    existing = metric.get("partial_credit")
    if existing is None:
        existing = tomlkit.aot()
        metric["partial_credit"] = existing
    for n, band in enumerate(cal.proposal.bands):
        if n < len(existing):
            existing[n]["at_least"], existing[n]["credit"] = band.at_least, band.credit
        else:
            table = tomlkit.table()
            table.update({"at_least": band.at_least, "credit": band.credit})
            existing.append(table)
    while len(existing) > len(cal.proposal.bands):
        del existing[-1]
    if not cal.proposal.bands:
        del metric["partial_credit"]
    if cal.estimate_check is not None:
        for check in doc["checks"]:
            if check["id"] == cal.estimate_check.id:
                check["tolerance"] = cal.proposal.tolerance
    spec_path.write_text(tomlkit.dumps(doc))


def write_ladder(cal: Calibration, path: Path) -> Path:
    """Each model's mean holdout score (higher is better, as the metric registry keeps it)."""
    rungs = []
    for rung in ordered(cal):
        values = [v for v in rung.holdout if math.isfinite(v)]
        if values:
            mean = round(sum(values) / len(values), 6)
            rungs.append(
                {"name": rung.name, "role": rung.role, "holdout": mean, "earns_credit": rung.earns_credit}
            )
    data = {"metric": cal.metric.scorer, "check": cal.holdout_check.id, "rungs": rungs}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


def record(cal: Calibration, *, assignment: Assignment, write: bool) -> list[Path]:
    """Write the README section and the plot; with `write`, the proposed bands into assignment.toml
    and the notebook's grading table. Returns the files written."""
    from mleprep.authoring.notebook_template import rewrite_grading_table
    from mleprep.course.spec import load_assignment

    folder = assignment.folder
    if write:  # the README then describes the bands assignment.toml now has
        cal = cal.applied()
    written = [ladder_plot(cal, folder / PLOT_FILE), write_ladder(cal, folder / LADDER_FILE)]
    write_readme_section(folder / "README.md", calibration_markdown(cal))
    written.append(folder / "README.md")
    if write:
        write_bands(assignment.spec_path, cal)
        written.append(assignment.spec_path)
        # Parsed again: the grading table shows the bands just written.
        written += [p for p in [rewrite_grading_table(load_assignment(folder))] if p is not None]
    return written
