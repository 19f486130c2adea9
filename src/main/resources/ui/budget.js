// Twenty's shared budget as the gate sees it: tokens, what waits on each lane, 429s, time to drain.
import { api, el } from './api.js';

export async function rateBudget(main) {
  const panel = el('div', { id: 'budget-panel', 'aria-live': 'polite' });
  const render = async () => {
    const b = await api('GET', '/ops/rate-budget');
    panel.replaceChildren(el('div', { class: 'table-wrap' }, el('table', {}, el('tbody', {},
      el('tr', {}, el('th', { scope: 'row', text: 'Calls available now' }), el('td', { text: `${b.tokensAvailable} of a burst of ${b.burst}` })),
      el('tr', {}, el('th', { scope: 'row', text: 'Rate' }), el('td', { text: `${b.ratePerMinute} calls a minute` })),
      ...Object.entries(b.queueDepth || {}).map(([lane, depth]) => el('tr', {},
        el('th', { scope: 'row', text: `Waiting: ${lane}` }), el('td', { text: depth }))),
      el('tr', {}, el('th', { scope: 'row', text: 'Rate-limited by Twenty (last hour)' }), el('td', { text: b.rateLimitedLastHour })),
      el('tr', {}, el('th', { scope: 'row', text: 'Time to drain what waits' }), el('td', { text: `${Math.ceil(b.predictedDrainSeconds)} s` }))))));
  };
  main.replaceChildren(el('h1', { text: 'Twenty budget' }),
    el('p', { class: 'note', text: 'Every call to Twenty shares one budget: people first, then provider payments, batches, totals.' }),
    panel);
  await render();
  const every = setInterval(() => render().catch(() => {}), 5000);
  return () => clearInterval(every);
}
