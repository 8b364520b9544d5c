// What a mock interview shows between and after its questions: the review card of an answer and the
// round's report. The panel (mockPanel.ts) decides when; this module only renders.
import { button, el } from './dom';

/** A snake_case name (a stage, a competency) as words. */
export const human = (s: string) => s.replace(/_/g, ' ');

/** The review of one answer, as `mock/review` returned it; `story` shows its STAR parts too. */
export function reviewCard(data: any, story: boolean): HTMLElement {
  const review = data.review;
  const card = el('section', { class: 'mleprep-MockReview', 'aria-label': 'Review of your answer' });
  const facts = el('dl');
  const add = (term: string, value: string) => facts.append(el('dt', {}, term), el('dd', {}, value));
  const took = `you took ${Math.round(data.seconds)} s of ${data.time_budget_s} s${data.over_time ? ' (over time)' : ''}`;
  if (review.read === false) {
    // Not read (mostly another script): no parts, number, I/we or score to show; the suggestion says why.
    add('Time', took);
  } else {
    if (story) {
      add('STAR', Object.entries(review.star).map(([p, ok]) => `${p} ${ok ? '\u2713' : '\u2717 missing'}`).join(' \u00b7 '));
    }
    add('Result with a number', review.quantified_result ? 'yes' : 'no');
    const share = review.first_person_share;
    add('I / we', share === null ? 'no actions told' : `${Math.round(share * 100)}% I, ${Math.round((1 - share) * 100)}% we`);
    add('Length', `${review.words} words, about ${Math.round(review.speaking_time_s)} s to say; ${took}`);
    add('Structure score', `${review.structure_score}/5`);
  }
  card.append(facts);
  if (review.suggestions.length) {
    const tips = el('ul', { class: 'mleprep-MockSuggestions' });
    review.suggestions.forEach((t: string) => tips.append(el('li', {}, t)));
    card.append(el('h3', {}, 'Suggestions'), tips);
  }
  if (data.strong_answer?.length) {
    const strong = el('ul');
    data.strong_answer.forEach((t: string) => strong.append(el('li', {}, t)));
    card.append(el('h3', {}, 'What a strong answer covers'), strong);
  }
  return card;
}

/** The round's report, as `mock/finish` returned it, with a button that calls `again`. */
export function roundReport(session: any, stage: string, again: () => void): HTMLElement[] {
  const r = session.report;
  const stats = el('dl', { class: 'mleprep-MockReport' });
  const add = (term: string, value: string) => stats.append(el('dt', {}, term), el('dd', {}, value));
  add('Answered', `${r.answered} of ${r.questions}`);
  add('Over time', `${r.over_time} of ${r.questions}`);
  add('Mean structure score', `${r.mean_structure_score}/5`);
  if (r.unread) {
    add('Not read (not in English)', `${r.unread} of ${r.questions}, left out of the mean`);
  }
  add('Results with a number', `${r.quantified_results} of ${r.questions}`);
  add('STAR parts heard', Object.entries(r.star_coverage).map(([p, n]) => `${p} ${n}/${r.questions}`).join(', '));
  add('Words', String(r.words));
  const tips = el('ul');
  (r.top_suggestions as string[]).forEach(t => tips.append(el('li', {}, t)));
  return [
    el('h2', { class: 'mleprep-MockReport-title' }, `Report: mock ${human(stage)}`),
    stats,
    el('h3', {}, 'What came up most'),
    r.top_suggestions.length ? tips : el('p', {}, 'No recurring advice: well done.'),
    el('p', { class: 'mleprep-MockSaved' }, `Saved to ${session.saved}; see your progress with \`mleprep practice history\`.`),
    button('Practise again', 'mleprep-mock-again', again)
  ];
}
