// Gift batches: create one with its expected totals; on a batch, upload a CSV (rows refused shown with their
// reasons), see what a run would do (dry run), and run donor-match and processing with live progress.
import { api, banner, describe, el, events, field, money, toMicros } from './api.js';

/** A dry run's row paths in words. */
const PATHS = {
  batchPath: 'posted 60 to a call',
  rowPath: 'posted one by one',
  deferred: 'left for review (no donor yet, or a reason in the queue)',
};

export async function giftBatches(main) {
  const name = el('input', { id: 'batch-name', required: true });
  const count = el('input', { id: 'batch-count', inputmode: 'numeric' });
  const amount = el('input', { id: 'batch-amount', inputmode: 'decimal', placeholder: '1250.00' });
  const form = el('form', { class: 'panel', novalidate: true }, el('h2', { text: 'New batch' }),
    el('div', { class: 'grid' }, field('Name', name), field('Expected gifts', count), field('Expected total (GBP)', amount)),
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'batch-create', text: 'Create batch' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim() };
    if (!body.name) { banner('error', 'Give the batch a name.'); name.focus(); return; }
    if (count.value.trim()) body.expectedCount = Number(count.value.trim());
    if (amount.value.trim()) {
      const micros = toMicros(amount.value);
      if (!micros) { banner('error', 'The expected total is a number like 1250 or 1250.50.'); amount.focus(); return; }
      body.expectedAmount = { amountMicros: micros, currencyCode: 'GBP' };
    }
    try {
      const created = (await api('POST', '/gift-batches', body)).data?.createGiftBatch;
      location.hash = '#/batch/' + created.id;
    } catch (error) {
      banner('error', describe(error));
    }
  });
  const list = (await api('GET', '/gift-batches?limit=50')).data?.giftBatches || [];
  main.replaceChildren(el('h1', { text: 'Gift batches' }), form,
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ['Batch', 'Status', 'Rows', 'Total', 'Expected'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, list.length ? list.map((b) => el('tr', {},
        el('td', {}, el('a', { href: '#/batch/' + b.id, text: b.name || b.id })),
        el('td', { text: b.status || '' }),
        el('td', { text: b.totalCount ?? 0 }),
        el('td', { text: money(b.totalAmount) }),
        el('td', { text: [b.expectedCount ? b.expectedCount + ' gifts' : '', money(b.expectedAmount)].filter(Boolean).join(', ') })))
        : el('tr', {}, el('td', { colspan: '5', class: 'note', text: 'No batches yet.' }))))));
  name.focus();
}

export async function giftBatch(main, id) {
  const batch = (await api('GET', '/gift-batches/' + encodeURIComponent(id))).data?.giftBatch;
  const summary = el('p', { class: 'note', id: 'batch-summary' });
  const showSummary = (b) => {
    const expected = [b.expectedCount ? `${b.expectedCount} gifts` : '', money(b.expectedAmount)].filter(Boolean).join(', ');
    summary.replaceChildren(`${b.totalCount ?? 0} rows staged, ${money(b.totalAmount) || 'nothing yet'}`
      + (expected ? ` — expected ${expected}` : '') + ` — status ${b.status}`);
  };
  showSummary(batch);

  const file = el('input', { id: 'batch-csv', type: 'file', accept: '.csv,text/csv' });
  const imported = el('div', { id: 'import-result', 'aria-live': 'polite' });
  const plan = el('div', { id: 'batch-plan', 'aria-live': 'polite' });
  const progress = el('div', { id: 'run-progress', 'aria-live': 'polite' });
  let stream = null;
  let importStream = null;
  const ended = (run) => ['completed', 'completed_with_errors', 'failed'].includes(run.status);
  const refreshSummary = () => api('GET', '/gift-batches/' + encodeURIComponent(id))
    .then((b) => showSummary(b.data?.giftBatch)).catch(() => {});

  // An import is a run: its refused rows are known at once, its staged rows as it goes.
  const showImport = (run) => {
    const result = run.import || { rejected: [] };
    const c = run.counters || {};
    const refused = c.errors ?? result.rejected.length;
    imported.replaceChildren(
      el('p', { text: ended(run)
        ? `${result.imported} rows imported, ${result.duplicates} already there, ${refused} refused.`
          + (run.error ? ` ${run.error}` : '')
        : `Importing: ${c.attempted ?? 0} of ${c.candidates ?? 0} rows written…` }),
      result.rejected.length ? el('div', { class: 'table-wrap' }, el('table', { id: 'rejected-rows' },
        el('thead', {}, el('tr', {}, ['Row', 'Column', 'Why'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, result.rejected.map((r) => el('tr', {}, el('td', { text: r.row }), el('td', { text: r.column || '' }),
          el('td', { text: r.reason })))))) : '',
      refused > result.rejected.length ? el('p', { class: 'note', text: `The first ${result.rejected.length} refused rows are listed.` }) : '',
      result.ignoredColumns?.length ? el('p', { class: 'note', text: 'Columns not read: ' + result.ignoredColumns.join(', ') }) : '');
  };

  const followImport = (snapshot) => {
    importStream?.close();
    showImport(snapshot);
    if (ended(snapshot)) { refreshSummary(); return; }
    importStream = events(`/gift-batches/${id}/import/${snapshot.runId}/events`);
    importStream.onmessage = (message) => {
      const run = JSON.parse(message.data);
      showImport(run);
      if (ended(run)) { importStream.close(); refreshSummary(); }
    };
    importStream.onerror = () => importStream.close();
  };

  const upload = async () => {
    if (!file.files.length) { banner('error', 'Choose a CSV file first.'); file.focus(); return; }
    try {
      followImport(await api('POST', `/gift-batches/${id}/import`, await file.files[0].text(), 'text/csv'));
    } catch (error) {
      if (error.status === 409 && error.details?.[0]?.runId) {
        followImport(error.details[0]);
        return;
      }
      banner('error', describe(error));
    }
  };

  const dryRun = async () => {
    try {
      const answer = await api('POST', `/gift-batches/${id}/process`, { dryRun: true });
      const rows = Object.entries(answer.rows || {}).filter(([, v]) => v > 0)
        .map(([path, v]) => `${v} ${PATHS[path] || path}`).join(', ') || 'nothing to do';
      const minutes = Math.ceil((answer.expectedSeconds || 0) / 60);
      plan.replaceChildren(el('p', { text: `Processing now: ${rows}. It would cost ${answer.twentyCalls} Twenty calls `
        + `and take ${minutes <= 1 ? 'under a minute' : `about ${minutes} minutes`}.` }));
    } catch (error) {
      banner('error', describe(error));
    }
  };

  const follow = (kind, snapshot) => {
    if (stream) stream.close();
    const bar = el('progress', { max: String(Math.max(1, snapshot.counters?.candidates || 1)), value: '0', 'aria-label': kind + ' progress' });
    const words = el('p', { id: 'run-words' });
    const recent = el('ul', { class: 'blockers' });
    progress.replaceChildren(el('h2', { text: kind === 'process' ? 'Processing' : 'Donor match' }), bar, words, recent);
    const render = (run) => {
      const c = run.counters || {};
      bar.max = Math.max(1, c.candidates || 0);
      bar.value = c.attempted || 0;
      words.textContent = `${run.status.replaceAll('_', ' ')}: ${c.attempted ?? 0} of ${c.candidates ?? 0} rows — `
        + `${c.processed ?? 0} done, ${c.deferred ?? 0} left for review, ${c.errors ?? 0} failed`
        + (run.error ? ` (${run.error})` : '');
      recent.replaceChildren(...(run.recentOutcomes || []).slice(-5).map((o) => el('li', { text: `${o.outcome}${o.reason ? ': ' + o.reason.replaceAll('_', ' ') : ''}` })));
      if (ended(run)) {
        stream?.close();
        refreshSummary();
        if (run.status !== 'completed') {
          progress.append(el('p', { class: 'note', text: 'Start the run again to resume: rows already done are not done twice.' }));
        }
      }
    };
    render(snapshot);
    const path = kind === 'process' ? `/gift-batches/${id}/process/${snapshot.runId}/events` : `/gift-batches/${id}/donor-match/${snapshot.runId}/events`;
    stream = events(path);
    stream.onmessage = (message) => render(JSON.parse(message.data));
    stream.onerror = () => stream.close();
  };

  const start = (kind) => async () => {
    try {
      const snapshot = await api('POST', kind === 'process' ? `/gift-batches/${id}/process` : `/gift-batches/${id}/donor-match`, {});
      follow(kind, snapshot);
    } catch (error) {
      if (error.status === 409 && error.details?.[0]?.runId) {
        follow(kind, error.details[0]);
        return;
      }
      banner('error', describe(error));
    }
  };

  main.replaceChildren(el('h1', { text: 'Batch: ' + (batch.name || id) }), summary,
    el('section', { class: 'panel' }, el('h2', { text: 'Add gifts from a CSV file' }),
      el('p', { class: 'note', text: 'Columns: first_name, last_name, email, amount, currency, gift_date, payment_method…' }),
      field('CSV file', file), el('div', { class: 'actions' }, el('button', { type: 'button', id: 'batch-upload', text: 'Upload', onclick: upload })),
      imported),
    el('section', { class: 'panel' }, el('h2', { text: 'Runs' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'batch-dry-run', text: 'What would processing do?', onclick: dryRun }),
        el('button', { type: 'button', id: 'batch-donor-match', text: 'Match donors', onclick: start('donor-match') }),
        el('button', { type: 'button', class: 'primary', id: 'batch-process', text: 'Process batch', onclick: start('process') })),
      plan, progress));
  return () => { stream?.close(); importStream?.close(); };
}
