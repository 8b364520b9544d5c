// The attempt's clock: the server's remaining time (mleprep/clock), counted down between answers with
// the browser's monotonic clock, shown in JupyterLab's top bar. The browser's own clock is never used.
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { AttemptState, ClockState, formatDuration, requestAPI } from './api';

const RESYNC_MS = 15000;

export class AttemptClock {
  private _state: ClockState | null = null;
  private _syncedAt = 0;
  private _offline = false;
  private _changed = new Signal<this, void>(this);
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.sync();
    window.setInterval(() => void this.sync(), RESYNC_MS);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        void this.sync();
      }
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get offline(): boolean {
    return this._offline;
  }

  /** On a cohort's hub the clock is the hub service's, and the course is not on this server. */
  get onHub(): boolean {
    return this._state?.source === 'hub';
  }

  get urgentS(): number {
    return this._state?.urgent_s ?? 600;
  }

  async sync(): Promise<void> {
    try {
      this._state = await requestAPI<ClockState>('clock');
      this._syncedAt = performance.now();
      this._offline = false;
    } catch (error) {
      // Keep counting from the last answer; the widget shows it is not confirmed by the server.
      this._offline = true;
      console.warn('mleprep clock:', error);
    }
    this._changed.emit();
  }

  /** Seconds left on `attempt` now, from the server's last answer. */
  remaining(attempt: AttemptState): number {
    return attempt.remaining_s - (performance.now() - this._syncedAt) / 1000;
  }

  /** The attempt whose notebook is `path`; earlier attempts kept as `<id>-attempt-N/` are not. */
  attemptOf(path: string): AttemptState | null {
    return this._state?.attempts.find(a => a.lab_path === path && a.folder === a.assignment) ?? null;
  }

  /** The attempt to show: the one whose folder holds `path`, else the running one closest to its deadline. */
  current(path: string): AttemptState | null {
    const running = (this._state?.attempts ?? []).filter(a => !a.submitted);
    const mine = running.filter(a => path.startsWith(a.folder + '/'));
    const pool = (mine.length ? mine : running).slice();
    pool.sort((a, b) => a.remaining_s - b.remaining_s);
    return pool[0] ?? null;
  }
}

export class ClockWidget extends Widget {
  // Colour alone does not reach a screen reader: the two changes that matter are announced.
  private announcer: HTMLElement;
  private label: HTMLElement;
  private phase = '';

  constructor(
    private clock: AttemptClock,
    private currentPath: () => string
  ) {
    super();
    this.id = 'mleprep-clock';
    this.addClass('mleprep-Clock');
    this.node.setAttribute('role', 'timer');
    this.node.setAttribute('aria-live', 'off');
    this.node.tabIndex = 0;
    this.announcer = document.createElement('span');
    this.announcer.className = 'mleprep-visually-hidden';
    this.announcer.setAttribute('aria-live', 'polite');
    this.label = document.createElement('span');
    this.node.append(this.label, this.announcer);
    this.hide();
    clock.changed.connect(() => this.render());
    window.setInterval(() => this.render(), 1000);
  }

  render(): void {
    const attempt = this.clock.current(this.currentPath());
    if (!attempt) {
      this.hide();
      return;
    }
    const remaining = this.clock.remaining(attempt);
    const data = this.node.dataset;
    data.assignment = attempt.assignment;
    data.remainingS = String(Math.round(remaining));
    data.deadline = attempt.deadline;
    this.toggleClass('mleprep-clock-urgent', remaining > 0 && remaining <= this.clock.urgentS);
    this.toggleClass('mleprep-clock-over', remaining <= 0);
    this.toggleClass('mleprep-clock-offline', this.clock.offline);
    const left =
      remaining > 0 ? `${formatDuration(remaining)} left` : `time is up +${formatDuration(remaining)}`;
    this.label.textContent = `${attempt.assignment} \u00b7 ${left}`;
    const phase = remaining <= 0 ? 'over' : remaining <= this.clock.urgentS ? 'urgent' : 'running';
    if (this.phase && phase !== this.phase && phase !== 'running') {
      this.announcer.textContent =
        phase === 'over'
          ? `${attempt.assignment}: time is up. Submit now.`
          : `${attempt.assignment}: ${Math.round(remaining / 60)} minutes left.`;
    }
    this.phase = phase;
    const deadline = new Date(attempt.deadline).toLocaleString();
    this.node.title = `Deadline ${deadline}. Check and Submit are on the notebook's toolbar.`;
    this.node.setAttribute(
      'aria-label',
      `${attempt.assignment}: ${remaining > 0 ? formatDuration(remaining) + ' left' : 'time is up'}, deadline ${deadline}`
    );
    this.show();
  }
}
