// The side panel that shows `mleprep check`: progress while the notebook runs, then every visible
// check with its outcome and message, each linked to its cell in the notebook.
import { NotebookPanel } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';

import { Job, formatDuration } from './api';
import { button, el } from './dom';

export interface CheckResult {
  id: string;
  title: string;
  kind: string;
  outcome: 'passed' | 'failed' | 'not attempted' | 'error';
  points: number;
  max_points: number;
  message: string;
}

/** The index of the cell holding nbgrader's grade id `gradeId`, or -1. */
export function cellIndexOf(panel: NotebookPanel, gradeId: string): number {
  const cells = panel.content.widgets;
  return cells.findIndex(cell => (cell.model.getMetadata('nbgrader') as any)?.grade_id === gradeId);
}

export class CheckPanel extends Widget {
  private status: HTMLElement;
  private elapsed: HTMLElement;
  private list: HTMLElement;
  private log: HTMLElement;

  constructor(private activateById: (id: string) => void) {
    super();
    this.id = 'mleprep-check-panel';
    this.addClass('mleprep-CheckPanel');
    this.title.caption = 'mleprep: visible checks';
    this.title.label = 'Checks';
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', 'mleprep visible checks');
    this.node.appendChild(el('h2', {}, 'Visible checks'));
    this.status = el('p', { class: 'mleprep-CheckPanel-status', role: 'status', 'aria-live': 'polite' });
    this.status.textContent = 'Press Check on an attempt notebook\u2019s toolbar to run its visible checks.';
    // The elapsed time ticks outside the live region, so a screen reader hears each step once.
    this.elapsed = el('p', { class: 'mleprep-CheckPanel-elapsed' });
    this.list = el('ul', { class: 'mleprep-CheckPanel-list' });
    this.log = el('div');
    this.node.append(this.status, this.elapsed, this.list, this.log);
  }

  showProgress(job: Job): void {
    this.list.replaceChildren();
    this.log.replaceChildren();
    this.status.classList.remove('mleprep-error');
    const text = `${job.assignment}: ${job.progress}`;
    if (this.status.textContent !== text) {
      this.status.textContent = text;
    }
    this.elapsed.replaceChildren(
      el('progress', { 'aria-label': 'checking' }),
      el('span', {}, ` ${formatDuration(job.elapsed_s)} so far`)
    );
  }

  showError(message: string, log = ''): void {
    this.list.replaceChildren();
    this.elapsed.replaceChildren();
    this.status.textContent = `Could not check: ${message}`;
    this.status.classList.add('mleprep-error');
    if (log) {
      const details = el('details');
      details.append(el('summary', {}, 'What mleprep check printed'), el('pre', {}, log));
      this.log.replaceChildren(details);
    }
  }

  showResult(report: any, panel: NotebookPanel | null): void {
    this.status.classList.remove('mleprep-error');
    this.elapsed.replaceChildren();
    this.log.replaceChildren();
    const checks: CheckResult[] = report.checks ?? [];
    const summary = Object.entries(report.summary ?? {})
      .filter(([, n]) => n)
      .map(([outcome, n]) => `${n} ${outcome}`)
      .join(', ');
    this.status.textContent =
      `${report.assignment}: ${summary || 'no visible checks'} in ${report.seconds} s` +
      (report.remaining_s !== undefined ? `; ${formatDuration(report.remaining_s)} left on the clock` : '');
    this.list.replaceChildren(...checks.map(check => this.item(check, panel)));
  }

  private item(check: CheckResult, panel: NotebookPanel | null): HTMLElement {
    const slug = check.outcome.replace(' ', '-');
    const li = el('li', { class: `mleprep-check mleprep-outcome-${slug}`, 'data-check-id': check.id });
    li.append(
      el('span', { class: 'mleprep-check-outcome' }, check.outcome),
      el('span', { class: 'mleprep-check-title' }, check.title)
    );
    if (check.message) {
      li.append(el('p', { class: 'mleprep-check-message' }, check.message));
    }
    if (panel) {
      li.append(
        button('Go to cell', 'jp-mod-reject mleprep-check-goto', () => void this.goToCell(panel, check.id), {
          'aria-label': `Go to the cell of ${check.title}`
        })
      );
    }
    return li;
  }

  private async goToCell(panel: NotebookPanel, gradeId: string): Promise<void> {
    if (panel.isDisposed) {
      this.status.textContent = 'The notebook was closed: open it again and press Check.';
      return;
    }
    const index = cellIndexOf(panel, gradeId);
    if (index < 0) {
      return;
    }
    const notebook = panel.content;
    notebook.activeCellIndex = index;
    notebook.mode = 'command';
    await notebook.scrollToCell(notebook.widgets[index], 'center');
    this.activateById(panel.id);
    notebook.activeCell?.node.focus();
  }
}
