// Recurring agreements in the buckets a fundraiser looks at: overdue, paused, delinquent, or all.
import { api, el, money, today } from './api.js';

const BUCKETS = [['all', 'All'], ['overdue', 'Overdue'], ['paused', 'Paused or canceled'], ['delinquent', 'Delinquent']];

function inBucket(agreement, bucket) {
  switch (bucket) {
    case 'overdue': return agreement.status === 'active' && agreement.nextExpectedAt && agreement.nextExpectedAt < today();
    case 'paused': return agreement.status === 'paused' || agreement.status === 'canceled';
    case 'delinquent': return agreement.status === 'delinquent';
    default: return true;
  }
}

export async function recurringAgreements(main, bucket = 'all') {
  const all = (await api('GET', '/recurring-agreements?limit=60')).data?.recurringAgreements || [];
  const shown = all.filter((a) => inBucket(a, bucket));
  main.replaceChildren(el('h1', { text: 'Recurring agreements' }),
    el('nav', { class: 'chips', 'aria-label': 'Buckets' }, BUCKETS.map(([key, label]) => el('a', {
      href: '#/recurring/' + key, 'aria-current': key === bucket ? 'page' : null,
      text: `${label} (${all.filter((a) => inBucket(a, key)).length})` }))),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['Agreement', 'Status', 'Amount', 'Cadence', 'Next expected', 'Provider'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, shown.length ? shown.map((a) => el('tr', {},
        el('td', { text: a.name || a.id }), el('td', { text: a.status || '' }), el('td', { text: money(a.amount) }),
        el('td', { text: a.cadence || '' }), el('td', { text: a.nextExpectedAt || '' }), el('td', { text: a.provider || '' })))
        : el('tr', {}, el('td', { colspan: '6', class: 'note', text: 'No agreements in this bucket.' }))))));
}
