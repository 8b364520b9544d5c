// Check and Submit for an attempt's notebook: toolbar buttons and palette commands that run
// `mleprep check` / `mleprep submit` through the server extension, and the feedback in a lab tab.
import { JupyterFrontEnd } from '@jupyterlab/application';
import {
  Dialog,
  IFrame,
  MainAreaWidget,
  Notification,
  ToolbarButton,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { checkIcon, launchIcon } from '@jupyterlab/ui-components';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { Widget } from '@lumino/widgets';

import { Job, feedbackUrl, formatDuration, runJob } from './api';
import { CheckPanel } from './checkPanel';
import { AttemptClock } from './clock';

export const CHECK = 'mleprep:check';
export const SUBMIT = 'mleprep:submit';

export class AttemptActions {
  constructor(
    private app: JupyterFrontEnd,
    private clock: AttemptClock,
    private checkPanel: CheckPanel
  ) {}

  /** The current widget, when it is an attempt's notebook. */
  attemptPanel(): NotebookPanel | null {
    const widget = this.app.shell.currentWidget;
    if (widget instanceof NotebookPanel && this.clock.attemptOf(widget.context.path)) {
      return widget;
    }
    return null;
  }

  addCommands(): void {
    const { commands } = this.app;
    commands.addCommand(CHECK, {
      label: 'Check My Take-Home',
      caption: 'Run the notebook from the top and show its visible checks (mleprep check)',
      icon: checkIcon,
      isEnabled: () => this.attemptPanel() !== null && !this.clock.onHub,
      execute: async () => {
        const panel = this.attemptPanel();
        if (panel) {
          await this.check(panel);
        }
      }
    });
    commands.addCommand(SUBMIT, {
      label: 'Submit My Take-Home',
      caption: 'Stop the clock, grade with the hidden checks and open the feedback (mleprep submit)',
      icon: launchIcon,
      isEnabled: () => this.attemptPanel() !== null,
      execute: async () => {
        const panel = this.attemptPanel();
        if (panel) {
          await this.submit(panel);
        }
      }
    });
  }

  async check(panel: NotebookPanel): Promise<void> {
    const attempt = this.clock.attemptOf(panel.context.path);
    if (!attempt) {
      return;
    }
    if (!this.checkPanel.isAttached) {
      this.app.shell.add(this.checkPanel, 'right', { rank: 50 });
    }
    this.app.shell.activateById(this.checkPanel.id);
    try {
      // The check runs the saved file, as the terminal command does: save what is on screen first.
      await panel.context.save();
      const job = await runJob('check', attempt.folder, j => this.checkPanel.showProgress(j));
      if (job.state === 'done') {
        this.checkPanel.showResult(job.result, panel);
      } else {
        this.checkPanel.showError(job.error ?? 'the check failed', job.log);
      }
    } catch (error) {
      this.checkPanel.showError(String((error as Error).message ?? error));
    }
  }

  async submit(panel: NotebookPanel): Promise<void> {
    const attempt = this.clock.attemptOf(panel.context.path);
    if (!attempt) {
      return;
    }
    const remaining = this.clock.remaining(attempt);
    const body = document.createElement('div');
    body.className = 'mleprep-SubmitDialog';
    const lines = [
      remaining > 0
        ? `You have ${formatDuration(remaining)} left on the clock.`
        : `Your time is up (${formatDuration(remaining)} past the deadline); late work may lose points.`,
      'Submitting stops your clock, saves this notebook and grades it with the hidden checks ' +
        'on the holdout data. This takes about as long as running the notebook.',
      'Your feedback opens in a new tab. Changes made after you submit are not graded.'
    ];
    for (const line of lines) {
      const p = document.createElement('p');
      p.textContent = line;
      body.appendChild(p);
    }
    const answer = await showDialog({
      title: `Submit ${attempt.assignment}?`,
      body: new Widget({ node: body }),
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Submit' })]
    });
    if (!answer.button.accept) {
      return;
    }
    const started = performance.now();
    const note = Notification.emit(`Submitting ${attempt.assignment}\u2026`, 'in-progress', {
      autoClose: false
    });
    const update = (job: Job) =>
      Notification.update({
        id: note,
        message: `Grading ${attempt.assignment}: ${job.progress} (${formatDuration(job.elapsed_s)})`,
        type: 'in-progress',
        autoClose: false
      });
    let job: Job;
    try {
      await panel.context.save();
      job = await runJob('submit', attempt.folder, update);
    } catch (error) {
      Notification.dismiss(note);
      await showErrorMessage(`Could not submit ${attempt.assignment}`, String((error as Error).message ?? error));
      return;
    }
    await this.clock.sync();
    if (job.state !== 'done') {
      Notification.dismiss(note);
      // The whole message, which a notification would cut short, and what the command printed.
      await showErrorMessage(`Could not submit ${attempt.assignment}`, `${job.error}\n\n${job.log}`.trim());
      return;
    }
    const result = job.result;
    if (!result.feedback) {
      // On a cohort's hub the mentor grades; the hub says what happened.
      Notification.update({ id: note, message: result.message ?? 'Handed in.', type: 'success' });
      return;
    }
    const score =
      result.status === 'graded'
        ? `${result.score}/${result.max_score}`
        : `could not be graded: ${result.error}`;
    Notification.update({
      id: note,
      message: `${attempt.assignment} submitted: ${score}`,
      type: result.status === 'graded' ? 'success' : 'error',
      autoClose: 8000
    });
    this.openFeedback(attempt.folder, performance.now() - started);
  }

  /** The feedback page the submit wrote, in a lab tab (one per attempt, refreshed on every submit). */
  openFeedback(folder: string, tookMs?: number): MainAreaWidget<IFrame> {
    const id = `mleprep-feedback-${folder}`;
    for (const widget of this.app.shell.widgets('main')) {
      if (widget.id === id) {
        widget.dispose();
      }
    }
    // Same origin so the page's plots load with the lab's login; no scripts in the page.
    const frame = new IFrame({ sandbox: ['allow-same-origin'] });
    frame.url = feedbackUrl(folder);
    frame.addClass('mleprep-Feedback');
    const widget = new MainAreaWidget({ content: frame });
    widget.id = id;
    widget.title.label = `Feedback: ${folder}`;
    widget.title.icon = launchIcon;
    widget.title.closable = true;
    if (tookMs !== undefined) {
      widget.node.dataset.submitToFeedbackMs = String(Math.round(tookMs));
    }
    this.app.shell.add(widget, 'main', { mode: 'split-right' });
    this.app.shell.activateById(id);
    return widget;
  }
}

/** Check and Submit on the toolbar of a notebook while it is an attempt's notebook: shown or hidden
 * again when the clock's answer changes or the notebook is renamed. Check is hidden on a hub. */
export class AttemptToolbar implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> {
  constructor(
    private clock: AttemptClock,
    private actions: AttemptActions
  ) {}

  createNew(panel: NotebookPanel, context: DocumentRegistry.IContext<INotebookModel>): IDisposable {
    const check = new ToolbarButton({
      className: 'mleprep-check-button',
      icon: checkIcon,
      label: 'Check',
      tooltip: 'Run the notebook and show its visible checks (mleprep check)',
      onClick: () => void this.actions.check(panel)
    });
    const submit = new ToolbarButton({
      className: 'mleprep-submit-button',
      icon: launchIcon,
      label: 'Submit',
      tooltip: 'Stop the clock, grade with the hidden checks, open the feedback (mleprep submit)',
      onClick: () => void this.actions.submit(panel)
    });
    const update = () => {
      const isAttempt = this.clock.attemptOf(context.path) !== null;
      check.setHidden(!isAttempt || this.clock.onHub);
      submit.setHidden(!isAttempt);
    };
    check.hide();
    submit.hide();
    panel.toolbar.insertItem(10, 'mleprep-check', check);
    panel.toolbar.insertItem(11, 'mleprep-submit', submit);
    this.clock.changed.connect(update);
    context.pathChanged.connect(update);
    update();
    return new DisposableDelegate(() => {
      this.clock.changed.disconnect(update);
      context.pathChanged.disconnect(update);
      check.dispose();
      submit.dispose();
    });
  }
}
