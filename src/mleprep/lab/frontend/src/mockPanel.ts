// A mock interview in the lab: pick the round, answer each question against its countdown, read the
// review after every answer and the round's report at the end. The server reviews and saves, exactly
// as `mleprep practice mock` does, so `mleprep practice history` sees these sessions too.
import { Widget } from '@lumino/widgets';

import { formatDuration, requestAPI } from './api';
import { button, el } from './dom';
import { human, reviewCard, roundReport } from './mockReport';

interface Question {
  id: string;
  competency: string;
  audience: string;
  prompt: string;
  time_budget_s: number;
  answer_format: string;
}

interface Answer {
  question: string;
  answer: string;
  seconds: number;
}

const ROUNDS: [string, string, number][] = [
  ['hiring_manager', 'Hiring-manager round (stories from your work)', 4],
  ['recruiter_screen', 'Recruiter phone screen (motivation, background, salary, availability)', 5]
];

// A round in progress is kept in the browser, so a reload or a closed tab loses no answer.
const ROUND_KEY = 'mleprep-mock-round';

interface SavedRound {
  stage: string;
  seed: number;
  startedAt: string;
  questions: Question[];
  answers: Answer[];
}

function savedRound(): SavedRound | null {
  try {
    const round = JSON.parse(window.localStorage.getItem(ROUND_KEY) ?? 'null');
    return round && Array.isArray(round.questions) && Array.isArray(round.answers) ? round : null;
  } catch {
    return null;
  }
}

let panels = 0;

export class MockInterviewPanel extends Widget {
  // Ids for label-for pairs, unique to this panel when several are open.
  private uid = `mleprep-mock-${++panels}`;
  private body: HTMLElement;
  private live: HTMLElement;
  private timer = 0;
  private stage = 'hiring_manager';
  private seed = 0;
  private startedAt = '';
  private questions: Question[] = [];
  private answers: Answer[] = [];

  constructor() {
    super();
    this.addClass('mleprep-MockPanel');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', 'Mock interview');
    this.body = el('div', { class: 'mleprep-MockPanel-body' });
    this.live = el('div', { class: 'mleprep-visually-hidden', 'aria-live': 'polite' });
    this.node.append(this.body, this.live);
    this.showSetup();
  }

  dispose(): void {
    window.clearInterval(this.timer);
    super.dispose();
  }

  private say(text: string): void {
    this.live.textContent = text;
  }

  private fail(error: unknown): void {
    const p = el('p', { class: 'mleprep-error', role: 'alert' }, `Something went wrong: ${(error as Error).message ?? error}`);
    this.body.append(p);
  }

  showSetup(): void {
    window.clearInterval(this.timer);
    const form = el('form', { class: 'mleprep-MockSetup' });
    const fieldset = el('fieldset');
    fieldset.append(el('legend', {}, 'Which conversation do you want to practise?'));
    ROUNDS.forEach(([stage, label], i) => {
      const id = `${this.uid}-round-${stage}`;
      const radio = el('input', { type: 'radio', name: 'round', value: stage, id });
      radio.checked = i === 0;
      const row = el('div', { class: 'mleprep-MockSetup-row' });
      row.append(radio, el('label', { for: id }, label));
      fieldset.append(row);
    });
    const count = el('input', { type: 'number', min: '1', max: '12', value: '2', id: `${this.uid}-count` });
    const countRow = el('div', { class: 'mleprep-MockSetup-row' });
    countRow.append(el('label', { for: `${this.uid}-count` }, 'Number of questions '), count);
    const start = el('button', { type: 'submit', class: 'jp-Button jp-mod-styled jp-mod-accept mleprep-mock-start' }, 'Start the round');
    form.append(fieldset, countRow, start);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const picked = (form.querySelector('input[name=round]:checked') as HTMLInputElement).value;
      void this.start(picked, Number(count.value) || 2);
    });
    this.body.replaceChildren(
      el('h2', {}, 'Mock interview'),
      el('p', {}, 'Each question has a time budget, as in a real call. Type your answer as you would say it; ' +
        'after each answer you get a review, and a report at the end.'),
      ...this.resumeOffer(),
      form
    );
  }

  private resumeOffer(): HTMLElement[] {
    const round = savedRound();
    if (!round) {
      return [];
    }
    const box = el('section', { class: 'mleprep-MockResume', 'aria-label': 'Round in progress' });
    box.append(
      el('p', {}, `You have a ${human(round.stage)} round in progress: ` +
        `${round.answers.length} of ${round.questions.length} answered.`),
      button('Resume the round', 'jp-mod-accept mleprep-mock-resume', () => this.resume(round)),
      button('Discard it', 'jp-mod-reject mleprep-mock-discard', () => {
        window.localStorage.removeItem(ROUND_KEY);
        this.showSetup();
      })
    );
    return [box];
  }

  private resume(round: SavedRound): void {
    this.stage = round.stage;
    this.seed = round.seed;
    this.startedAt = round.startedAt;
    this.questions = round.questions;
    this.answers = round.answers;
    if (this.answers.length >= this.questions.length) {
      void this.finish();
    } else {
      this.ask(this.answers.length);
    }
  }

  private saveRound(): void {
    const round: SavedRound = {
      stage: this.stage,
      seed: this.seed,
      startedAt: this.startedAt,
      questions: this.questions,
      answers: this.answers
    };
    window.localStorage.setItem(ROUND_KEY, JSON.stringify(round));
  }

  async start(stage: string, count: number): Promise<void> {
    try {
      const data = await requestAPI<{ stage: string; seed: number; questions: Question[] }>(
        `mock/questions?stage=${encodeURIComponent(stage)}&count=${count}`
      );
      this.stage = data.stage;
      this.seed = data.seed;
      this.questions = data.questions;
      this.answers = [];
      this.startedAt = new Date().toISOString();
      this.saveRound();
      this.ask(0);
    } catch (error) {
      this.fail(error);
    }
  }

  private ask(index: number): void {
    const q = this.questions[index];
    const total = this.questions.length;
    const started = performance.now();
    const clock = el('div', { class: 'mleprep-MockClock', role: 'timer', 'aria-label': 'time left for this answer' });
    const tick = () => {
      const left = q.time_budget_s - (performance.now() - started) / 1000;
      clock.textContent = left > 0 ? `${formatDuration(left)} left` : `${formatDuration(left)} over time`;
      clock.classList.toggle('mleprep-clock-over', left <= 0);
      clock.dataset.remainingS = String(Math.round(left));
    };
    tick();
    window.clearInterval(this.timer);
    this.timer = window.setInterval(tick, 1000);
    const area = el('textarea', { id: `${this.uid}-answer`, rows: '12', class: 'mleprep-MockAnswer' });
    const done = () => void this.answer(index, area.value, (performance.now() - started) / 1000);
    area.addEventListener('keydown', event => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        done();
      }
    });
    this.body.replaceChildren(
      el('h2', {}, `Question ${index + 1} of ${total}`),
      el('p', { class: 'mleprep-MockMeta' }, `${human(q.competency)} \u00b7 budget ${formatDuration(q.time_budget_s)}`),
      clock,
      el('blockquote', { class: 'mleprep-MockQuestion' }, q.prompt),
      el('label', { for: `${this.uid}-answer` }, 'Your answer (Ctrl+Enter to finish)'),
      area,
      button('Finish answer', 'jp-mod-accept mleprep-mock-done', done)
    );
    this.say(`Question ${index + 1} of ${total}: ${q.prompt}`);
    area.focus();
  }

  private async answer(index: number, text: string, seconds: number): Promise<void> {
    window.clearInterval(this.timer);
    const q = this.questions[index];
    const item = { question: q.id, answer: text, seconds: Math.round(seconds * 10) / 10 };
    this.answers[index] = item;
    this.saveRound();
    let review: any;
    try {
      review = await requestAPI('mock/review', { method: 'POST', body: JSON.stringify(item) });
    } catch (error) {
      this.fail(error);
      return;
    }
    const last = index + 1 === this.questions.length;
    const next = last
      ? button('See the report', 'jp-mod-accept mleprep-mock-report', () => void this.finish())
      : button('Next question', 'jp-mod-accept mleprep-mock-next', () => this.ask(index + 1));
    this.body.replaceChildren(
      el('h2', {}, `Review of answer ${index + 1} of ${this.questions.length}`),
      el('blockquote', { class: 'mleprep-MockQuestion' }, q.prompt),
      reviewCard(review, q.answer_format === 'story'),
      next
    );
    this.say(`Review ready. ${review.review.suggestions.length} suggestions.`);
    next.focus();
  }

  private async finish(): Promise<void> {
    let session: any;
    try {
      session = await requestAPI('mock/finish', {
        method: 'POST',
        body: JSON.stringify({ stage: this.stage, seed: this.seed, started_at: this.startedAt, answers: this.answers })
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    window.localStorage.removeItem(ROUND_KEY);
    this.body.replaceChildren(...roundReport(session, this.stage, () => this.showSetup()));
    this.say('The round is over: the report is ready.');
  }
}
