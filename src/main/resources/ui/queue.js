// The staging queue: filter, search, sort and page through staged gifts; mark ready, process, retry; review a row
// in a drawer (its blockers in words, possible donors side by side, edits saved with null to clear).
import { api, banner, describe, el, field, money, toMicros } from './api.js';
import { blockers, state } from './words.js';

const STATUSES = [['', 'All'], ['pending', 'Pending'], ['needs_review', 'Needs review'], ['ready_for_process', 'Ready to process'],
  ['awaiting_payment', 'Awaiting payment'], ['process_failed', 'Process failed'], ['processed', 'Processed']];
const SOURCES = [['', 'All sources'], ['manual_ui', 'Manual entry'], ['csv_import', 'CSV import'], ['stripe_webhook', 'Stripe'],
  ['gocardless_webhook', 'GoCardless'], ['api', 'API']];
const SORTS = [['updatedAt:desc', 'Recently updated'], ['createdAt:desc', 'Newest'], ['giftDate:desc', 'Gift date, latest'],
  ['giftDate:asc', 'Gift date, earliest'], ['amount:desc', 'Amount, largest'], ['amount:asc', 'Amount, smallest']];

function select(id, options, value) {
  return el('select', { id }, options.map(([v, label]) => el('option', { value: v, text: label, selected: v === value })));
}

function donorName(row) {
  return [row.donorFirstName, row.donorLastName].filter(Boolean).join(' ') || row.donorEmail || 'No donor yet';
}

export async function stagingQueue(main) {
  const status = select('queue-status', STATUSES, '');
  const source = select('queue-source', SOURCES, '');
  const sort = select('queue-sort', SORTS, 'updatedAt:desc');
  const search = el('input', { id: 'queue-search', type: 'search', placeholder: 'Name, email, external id' });
  const body = el('tbody');
  const pager = el('div', { class: 'actions' });
  const drawer = el('div');
  const cursors = [];
  let cursor = null;

  const load = async () => {
    const params = new URLSearchParams({ limit: '25', sort: sort.value });
    if (status.value) params.set('statuses', status.value);
    if (source.value) params.set('intakeSources', source.value);
    if (search.value.trim()) params.set('search', search.value.trim());
    if (cursor) params.set('cursor', cursor);
    body.replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'note', text: 'Loading…' })));
    try {
      const answer = await api('GET', '/gift-staging?' + params);
      const rows = answer.data || [];
      body.replaceChildren(...(rows.length ? rows.map(line) : [el('tr', {}, el('td', { colspan: '6', class: 'note', text: 'Nothing here.' }))]));
      pager.replaceChildren(
        el('button', { type: 'button', disabled: cursors.length === 0, text: 'Previous page', onclick: () => { cursor = cursors.pop() || null; load(); } }),
        el('button', { type: 'button', disabled: !answer.meta?.hasMore, text: 'Next page', onclick: () => { cursors.push(cursor); cursor = answer.meta.nextCursor; load(); } }));
    } catch (error) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'banner error', text: describe(error) })));
    }
  };

  const restart = () => { cursors.length = 0; cursor = null; load(); };

  const act = async (what, work) => {
    try {
      const outcome = await work();
      banner(outcome?.status === 'processed' || !outcome?.status ? 'ok' : 'error', what + ': ' + (outcome?.status
        ? outcome.status + (outcome.reason ? ' — ' + outcome.reason : '') + (outcome.message ? ' — ' + outcome.message : '')
        : 'done'));
    } catch (error) {
      banner('error', what + ': ' + describe(error));
    }
    load();
  };

  const markReady = (row) => api('PATCH', `/gift-staging/${row.id}/status`, { processingStatus: 'ready_for_process', validationStatus: 'passed' });
  const process = (row) => api('POST', `/gift-staging/${row.id}/process`, {});

  function line(row) {
    const now = state(row);
    const reasons = blockers(row);
    const actions = el('div', { class: 'actions' },
      el('button', { type: 'button', text: 'Review', onclick: () => review(row) }));
    if (row.giftId) actions.append(el('a', { href: '#/gifts/' + row.giftId, text: 'Open gift' }));
    if (now.text === 'Pending' || now.text === 'Needs review') {
      actions.append(el('button', { type: 'button', text: 'Mark ready', onclick: () => act('Marked ready', () => markReady(row)) }));
    }
    if (now.text === 'Ready to process') {
      actions.append(el('button', { type: 'button', class: 'primary', text: 'Process now', onclick: () => act('Processed', () => process(row)) }));
    }
    if (now.text === 'Process failed') {
      actions.append(el('button', { type: 'button', text: 'Retry', onclick: () => act('Retried', async () => { await markReady(row); return process(row); }) }));
    }
    return el('tr', { 'data-row': row.id },
      el('td', {}, donorName(row), el('div', { class: 'note', text: row.donorEmail || '' })),
      el('td', { text: money({ amountMicros: row.amountMicros, currencyCode: row.currencyCode }) }),
      el('td', { class: 'nowrap', text: row.giftDate || '' }),
      el('td', {}, el('span', { class: 'tag ' + now.tone, text: now.text }),
        reasons.length ? el('ul', { class: 'blockers' }, reasons.map((r) => el('li', { text: r }))) : ''),
      el('td', { text: (row.intakeSource || '').replaceAll('_', ' ') }),
      el('td', {}, actions));
  }

  async function review(row) {
    const fresh = (await api('GET', `/gift-staging/${row.id}`)).data?.giftStaging || row;
    const inputs = {
      amount: el('input', { id: 'review-amount', value: fresh.amountMicros ? String(fresh.amountMicros / 1_000_000) : '' }),
      giftDate: el('input', { id: 'review-date', type: 'date', value: fresh.giftDate || '' }),
      donorFirstName: el('input', { id: 'review-first', value: fresh.donorFirstName || '' }),
      donorLastName: el('input', { id: 'review-last', value: fresh.donorLastName || '' }),
      donorEmail: el('input', { id: 'review-email', value: fresh.donorEmail || '' }),
      notes: el('input', { id: 'review-notes', value: fresh.notes || '' }),
    };
    const candidates = fresh.processingDiagnostics?.identityResolution?.candidates || [];
    const repeated = fresh.processingDiagnostics?.possibleDuplicateGift;
    const other = repeated?.giftId ? await api('GET', '/gifts/' + repeated.giftId).then((a) => a.data?.gift).catch(() => null) : null;
    const keep = () => act('Kept as a separate gift', () => api('PATCH', `/gift-staging/${row.id}/status`, { dedupeStatus: 'passed' }))
      .then(() => drawer.replaceChildren());
    const save = async () => {
      const patch = {};
      for (const [name, input] of Object.entries(inputs)) {
        const was = name === 'amount' ? (fresh.amountMicros ? String(fresh.amountMicros / 1_000_000) : '') : (fresh[name] || '');
        if (input.value === was) continue;
        if (name === 'amount') {
          const micros = toMicros(input.value);
          if (!micros) { banner('error', 'The amount is a number like 25 or 25.50.'); return; }
          patch.amount = { amountMicros: micros, currencyCode: fresh.currencyCode || 'GBP' };
        } else {
          patch[name] = input.value.trim() === '' ? null : input.value.trim();
        }
      }
      if (!Object.keys(patch).length) { banner('ok', 'Nothing changed.'); return; }
      await act('Saved', () => api('PATCH', `/gift-staging/${row.id}`, patch));
      drawer.replaceChildren();
    };
    const useDonor = (id) => act('Donor chosen', () => api('PATCH', `/gift-staging/${row.id}`, { donorId: id, dedupeStatus: 'matched_existing' }))
      .then(() => drawer.replaceChildren());
    drawer.replaceChildren(el('section', { class: 'panel drawer', 'aria-label': 'Review staged gift' },
      el('h2', { text: 'Review: ' + donorName(fresh) }),
      el('ul', { class: 'blockers' }, blockers(fresh).map((r) => el('li', { text: r }))),
      repeated ? el('div', { id: 'duplicate-gift' }, el('h2', { text: 'Possibly the same gift' }),
        el('div', { class: 'table-wrap' }, el('table', {},
          el('thead', {}, el('tr', {}, ['', 'This row', other ? 'Gift already in Twenty' : 'Another row of the file'].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', {},
            el('tr', {}, el('th', { scope: 'row', text: 'Amount' }), el('td', { text: money({ amountMicros: fresh.amountMicros, currencyCode: fresh.currencyCode }) }),
              el('td', { text: other ? money(other.amount) : `row ${repeated.csvRow}` })),
            el('tr', {}, el('th', { scope: 'row', text: 'Gift date' }), el('td', { text: fresh.giftDate || '' }), el('td', { text: other?.giftDate || '' })),
            el('tr', {}, el('th', { scope: 'row', text: 'Name' }), el('td', { text: donorName(fresh) }),
              el('td', {}, other ? el('a', { href: '#/gifts/' + other.id, text: other.name || other.id }) : ''))))),
        el('div', { class: 'actions' }, el('button', { type: 'button', id: 'keep-gift', text: 'Not the same: keep it', onclick: keep }))) : '',
      candidates.length ? el('div', {}, el('h2', { text: 'Possible donors' }), el('ul', { class: 'matches' }, candidates.map((c) => el('li', {},
        el('span', { 'data-person': c.name ? null : c.id, text: (c.name || c.id) + ' — matches on ' + (c.matchedFields || []).join(', ') }),
        el('button', { type: 'button', text: 'Use this donor', onclick: () => useDonor(c.id) }))))) : '',
      el('div', { class: 'grid' }, field('Amount', inputs.amount), field('Gift date', inputs.giftDate),
        field('Donor first name', inputs.donorFirstName), field('Donor last name', inputs.donorLastName),
        field('Donor email', inputs.donorEmail), field('Notes', inputs.notes)),
      el('p', { class: 'note', text: 'Empty a field to clear it.' }),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', text: 'Save', onclick: save }),
        el('button', { type: 'button', text: 'Close', onclick: () => drawer.replaceChildren() }))));
    inputs.amount.focus();
    // The matcher names its candidates by id: their names and emails are read so a person can tell them apart.
    drawer.querySelectorAll('[data-person]').forEach((span) => api('GET', '/people/' + span.dataset.person).then((p) => {
      span.textContent = `${p.fullName || span.dataset.person}${p.email ? ' <' + p.email + '>' : ''}` + span.textContent.slice(span.textContent.indexOf(' — '));
    }).catch(() => {}));
  }

  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(restart, 350); });
  [status, source, sort].forEach((s) => s.addEventListener('change', restart));
  main.replaceChildren(el('h1', { text: 'Staging queue' }),
    el('div', { class: 'chips' }, field('Status', status), field('Source', source), field('Sort', sort), field('Search', search)),
    drawer,
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['Donor', 'Amount', 'Gift date', 'State', 'Source', 'Actions'].map((h) => el('th', { scope: 'col', text: h })))),
      body)),
    pager);
  await load();
}
