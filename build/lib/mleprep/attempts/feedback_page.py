"""The candidate's feedback page for a submitted attempt: score per check, time, lateness, plots."""

from __future__ import annotations

import html
import json
from pathlib import Path

from mleprep.core.durations import format_duration
from mleprep.course.attempt_record import Attempt
from mleprep.course.spec import Assignment
from mleprep.grading.results import SubmissionResult

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .4rem; }
th { text-align: left; } .passed { color: #1a7f37; } .failed, .error { color: #b42318; }
.not-attempted { color: #777; } .hint { color: #555; } .plots img { max-width: 32%; margin-right: 1%; }
"""


def _row(*cells: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<tr{attr}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _writeup_sections(result: SubmissionResult) -> list[str]:
    """A table per written part: each rubric line the automatic review reads, seen or not, with the
    sentence it turned on and what to do."""
    esc = html.escape
    out = []
    for part, review in result.writeup.items():
        seen = sum(line["met"] for line in review["lines"])
        out.append(
            f"<h2>Your written part <code>{esc(part)}</code>, reviewed automatically</h2>"
            f'<p class="hint">{seen} of {len(review["lines"])} rubric lines seen in '
            f"{review['words']} words. Suggestions: a mentor's reading decides the points.</p>"
            "<table><tr><th>rubric line</th><th>seen</th><th>the sentence</th><th>advice</th></tr>"
        )
        for line in review["lines"]:
            out.append(
                _row(
                    esc(line["line"].replace("_", " ")),
                    "yes" if line["met"] else "no",
                    esc(line["evidence"] or "-"),
                    esc(line["advice"]),
                    cls="passed" if line["met"] else "failed",
                )
            )
        out.append("</table>")
    return out


def write_attempt_feedback(
    path: Path,
    *,
    assignment: Assignment,
    attempt: Attempt,
    result: SubmissionResult,
    plots: list[Path],
    notebook_html: Path | None,
    ladder_text: str | None = None,
) -> Path:
    """Write `path` (HTML) and `result.json` beside it; returns `path`."""
    esc = html.escape
    used = result.time_used_s
    lines = [
        f"<h1>{esc(assignment.title)}</h1>",
        "<table>",
        _row("Time used", esc(format_duration(used)) if used is not None else "unknown"),
        _row("Time limit", esc(format_duration(attempt.time_limit_s))),
        _row("Late by", esc(format_duration(result.late_s)) if result.late_s else "on time"),
        _row("Late policy", esc(assignment.late_policy.describe())),
    ]
    if result.status == "graded":
        lines += [
            _row("Autograded score", f"{result.raw_score:g} / {result.max_score:g}"),
            _row("Late penalty", f"{result.penalty:g}"),
            _row("<b>Score</b>", f"<b>{result.score:g} / {result.max_score:g}</b>"),
            _row("Graded by a mentor", f"{result.manual_max_score:g} more points for the written parts"),
        ]
    else:
        lines.append(_row("Could not grade", esc(result.error or "")))
    lines.append(
        "</table><h2>Checks</h2><table><tr><th>check</th><th>outcome</th><th>points</th><th>message</th></tr>"
    )
    for c in result.checks:
        lines.append(
            _row(
                esc(c.title),
                esc(c.outcome),
                f"{c.points:g} / {c.max_points:g}",
                esc(c.message),
                cls=c.outcome.replace(" ", "-"),
            )
        )
    lines.append("</table>")
    if ladder_text or result.business:
        lines.append("<h2>Where your score stands</h2>")
        lines += [f"<p>{esc(t)}</p>" for t in (ladder_text, (result.business or {}).get("text")) if t]
    lines += _writeup_sections(result)
    if result.code_report:
        lines.append(
            '<h2>A reviewer\'s notes on your code</h2><p class="hint">Suggestions: they cost no points.</p>'
        )
        lines.append("<ul>" + "".join(f"<li>{esc(t)}</li>" for t in result.code_report["lines"]) + "</ul>")
    if result.notes:
        lines.append("<h2>Notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in result.notes) + "</ul>")
    if plots:
        lines.append('<h2>Your model on the holdout</h2><div class="plots">')
        lines += [f'<img src="{esc(p.name)}" alt="{esc(p.stem.replace("_", " "))}">' for p in plots]
        lines.append("</div>")
    if notebook_html is not None:
        lines.append(f'<p><a href="{esc(notebook_html.name)}">Your graded notebook</a></p>')
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Feedback: {esc(assignment.id)}</title>"
        f"<style>{STYLE}</style></head><body>{''.join(lines)}</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    (path.parent / "result.json").write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    return path
