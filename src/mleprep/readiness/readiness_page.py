"""The readiness report as one self-contained HTML page, its plots embedded as PNG.

Embedded rather than linked (as the cohort report does) so the page can be mailed or moved alone;
the PNG files are kept beside it as well.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from mleprep.core.durations import format_duration
from mleprep.course.attempt_record import iso
from mleprep.practice.history import plot_history
from mleprep.readiness.readiness_report import Readiness

SCORES_PLOT = "take_home_scores.png"
STAR_PLOT = "star_over_time.png"
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } td, th { border-bottom: 1px solid #ddd;
padding: .3rem .6rem; text-align: left; } section { margin-bottom: 2rem; } img { max-width: 100%; }
code { background: #f3f3f3; padding: .1rem .3rem; } .empty { color: #777; } .start { font-size: 1.1rem; }
"""
esc = html.escape


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    # Every cell is escaped: prompts, titles and messages come from files a person edits.
    body = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr>{body}</table>"


def _embedded(path: Path | None, alt: str, empty: str) -> str:
    if path is None:
        return f'<p class="empty">{esc(empty)}</p>'
    data = base64.b64encode(path.read_bytes()).decode()
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def _percent(score: dict[str, Any] | None) -> str:
    return "" if score is None else f"{score['score']:g} / {score['max_score']:g} ({score['fraction']:.0%})"


def plot_take_home_scores(rows: list[dict[str, Any]], out: Path) -> Path | None:
    """Best and latest score per graded take-home, as a share of its points; None with none graded."""
    rows = [r for r in rows if r["best"]]
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    positions = range(len(rows))
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar([p - 0.2 for p in positions], [100 * r["best"]["fraction"] for r in rows], 0.4, label="best")
    ax.bar([p + 0.2 for p in positions], [100 * r["latest"]["fraction"] for r in rows], 0.4, label="latest")
    # Ids, not titles: they are short and are what `mleprep start` takes.
    ax.set_xticks(list(positions), [r["id"] for r in rows])
    ax.set(ylim=(0, 105), ylabel="score (% of the autograded points)", title="Your take-homes")
    ax.legend(loc="lower right")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


def _next(report: Readiness) -> str:
    items = "".join(
        f'<li><code class="command">{esc(s.command)}</code> — {esc(s.why)}</li>' for s in report.next_steps
    )
    start = f'<p class="start">{esc(report.start_here)}</p>' if report.start_here else ""
    return f'<section id="next"><h2>What to practise next</h2>{start}<ol>{items}</ol></section>'


def _recruiter(data: dict[str, Any]) -> str:
    rows = []
    for q in data["questions"]:
        last = q["last"] or {}
        length = (
            f"{last['speaking_time_s']:.0f} s of {q['time_budget_s']} s ({last['length']})"
            if last
            else f"budget {q['time_budget_s']} s"
        )
        structure = last.get("structure_score", "") if q["answer_format"] == "story" else "n/a"
        structure = "not read" if last and structure is None else structure
        tip = (last.get("suggestions") or [""])[0]
        rows.append((q["id"], q["answer_format"], q["practised"], structure, length, tip))
    mean = data["mean_structure_score"]
    summary = (
        f"{data['practised']} of {data['total']} questions practised in {data['rounds']} mock rounds"
        + (f"; mean STAR structure of the last story answers {mean}/5" if mean is not None else "")
    )
    head = ("question", "format", "practised", "STAR structure (0-5)", "length to say", "last feedback")
    table = _table(head, rows)
    return f'<section id="recruiter_screen"><h2>Recruiter screen</h2><p>{esc(summary)}</p>{table}</section>'


def _take_home(data: dict[str, Any], plot: Path | None) -> str:
    rows = []
    for t in data["take_homes"]:
        used = "" if t["time_used_s"] is None else format_duration(t["time_used_s"])
        state = "running" if t["in_progress"] else ("submitted" if t["attempts"] else "not started")
        limit = format_duration(t["time_limit_s"])
        rows.append((t["id"], t["attempts"], _percent(t["best"]), _percent(t["latest"]), used, limit, state))
    # Weakest scored skill first, then the ones no take-home of yours has trained yet.
    ranked = sorted(data["skills"], key=lambda s: (s["best_fraction"] is None, s["best_fraction"] or 0))
    skills = [
        (s["skill"], _share(s["best_fraction"]), s["best_in"] or "", ", ".join(s["take_homes"]))
        for s in ranked
    ]
    failed = [
        (c["assignment"], c["title"], f"{c['times']} of {c['of_attempts']}", c["last_message"])
        for c in data["most_failed_checks"]
    ]
    failures = (
        _table(("take-home", "check", "failed", "last message"), failed)
        if failed
        else '<p class="empty">None yet.</p>'
    )
    return (
        '<section id="take_home"><h2>Take-home</h2>'
        + _table(("take-home", "attempts", "best", "latest", "time used", "limit", "state"), rows)
        + _embedded(plot, "take-home scores, best and latest", "No graded take-home yet.")
        + "<h3>Per skill</h3>"
        + _table(("skill", "best score", "in", "trained by"), skills)
        + f"<h3>Checks most often failed</h3>{failures}</section>"
    )


def _share(fraction: float | None) -> str:
    return "" if fraction is None else f"{fraction:.0%}"


def _hiring_manager(data: dict[str, Any], plot: Path | None) -> str:
    coverage = [(c, ", ".join(ids) or "-- no story yet --") for c, ids in data["competencies"].items()]
    rounds = [
        (r["started_at"], f"{r['mean_structure_score']}/5", f"{r['quantified_results']}/{r['questions']}")
        for r in data["rounds"]
    ]
    bank = (
        f"Story bank {data['stories_file']}: {len(data['stories'])} stories"
        if data["has_story_bank"]
        else data["stories_error"] or f"No story bank yet ({data['stories_file']})."
    )
    return (
        '<section id="hiring_manager"><h2>Hiring-manager round</h2>'
        f"<p>{esc(bank)}</p>"
        + _table(("competency", "stories"), coverage)
        + "<h3>STAR structure over time</h3>"
        + _embedded(plot, "STAR structure score over mock rounds", "No hiring-manager mock round yet.")
        + (_table(("round", "structure", "results with a number"), rounds) if rounds else "")
        + "</section>"
    )


def write_readiness_page(report: Readiness, path: Path) -> Path:
    """Write `path` (HTML) and its PNG plots in `<stem>_files/` beside it; returns `path`."""
    # The plots get a folder of their own: `--html ~/Desktop/r.html` must not overwrite files there.
    plots = path.parent / f"{path.stem}_files"
    plots.mkdir(parents=True, exist_ok=True)
    for stale in (SCORES_PLOT, STAR_PLOT):  # a plot with nothing to draw now must not linger from before
        (plots / stale).unlink(missing_ok=True)
    scores = plot_take_home_scores(report.take_home["take_homes"], plots / SCORES_PLOT)
    star = plot_history(report.hiring_manager["rounds"], plots / STAR_PLOT)
    problems = "".join(f"<li>{esc(p)}</li>" for p in report.problems)
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Interview readiness</title>"
        f"<style>{STYLE}</style></head><body><h1>Interview readiness</h1>"
        f"<p>Written {esc(iso(report.generated_at))} from {esc(str(report.workspace))}.</p>"
        + _next(report)
        + _recruiter(report.recruiter_screen)
        + _take_home(report.take_home, scores)
        + _hiring_manager(report.hiring_manager, star)
        + (f"<h2>Files that could not be read</h2><ul>{problems}</ul>" if problems else "")
        + "</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path
