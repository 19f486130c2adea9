// Manual gift entry: the donor is settled by the person at the screen — one of the matcher's candidates
// (sent as contactId) or a new donor (donorDecision "create") — never left to guesswork.
import { api, banner, describe, el, field, toMicros, today } from './api.js';

const METHODS = ['card', 'cash', 'cheque', 'bank_transfer', 'direct_debit', 'other'];
const CURRENCIES = ['GBP', 'EUR', 'USD'];

/** The matcher's verdict in words. */
function explain(match) {
  if (!match || !match.candidates || match.candidates.length === 0) {
    return 'No one in Twenty has this name or email: the gift will go to a new donor.';
  }
  if (match.status === 'auto_linked') {
    return 'One person in Twenty has this name and email: very likely the same donor. Choose them, or create a new donor.';
  }
  return 'People in Twenty share some of these details. Choose the donor, or create a new one.';
}

export async function giftEntry(main) {
  const first = el('input', { id: 'donor-first', name: 'firstName', autocomplete: 'off', required: true });
  const last = el('input', { id: 'donor-last', name: 'lastName', autocomplete: 'off', required: true });
  const email = el('input', { id: 'donor-email', name: 'email', type: 'email', autocomplete: 'off' });
  const amount = el('input', { id: 'gift-amount', name: 'amount', inputmode: 'decimal', placeholder: '25.00', required: true });
  const currency = el('select', { id: 'gift-currency', name: 'currency' }, CURRENCIES.map((c) => el('option', { value: c, text: c })));
  const date = el('input', { id: 'gift-date', name: 'giftDate', type: 'date', value: today(), required: true });
  const method = el('select', { id: 'gift-method', name: 'paymentMethod' }, METHODS.map((m) => el('option', { value: m, text: m.replace('_', ' ') })));
  const appeal = el('select', { id: 'gift-appeal', name: 'appealId' }, el('option', { value: '', text: 'No appeal' }));
  const matches = el('div', { id: 'donor-matches', 'aria-live': 'polite' });
  const submit = el('button', { class: 'primary', type: 'submit', id: 'gift-submit', text: 'Post gift' });
  let decision = null;
  let lastMatch = null;
  let looking = 0;

  const choose = (chosen, label) => {
    decision = chosen;
    matches.querySelectorAll('button[data-choice]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.choice === label)));
  };

  const renderMatches = (match) => {
    lastMatch = match;
    decision = null;
    const candidates = match?.candidates || [];
    const list = el('ul', { class: 'matches' }, candidates.map((c) => el('li', {},
      el('strong', { text: c.name || c.id }),
      el('span', { class: 'note', text: `matches on ${(c.matchedFields || []).join(', ') || 'nothing'} (score ${c.score})` }),
      el('button', { type: 'button', 'data-choice': c.id, 'aria-pressed': 'false', onclick: () => choose({ contactId: c.id }, c.id),
        text: 'Use this donor' }))));
    const create = el('button', { type: 'button', 'data-choice': 'create', 'aria-pressed': 'false', id: 'donor-create',
      onclick: () => choose({ donorDecision: 'create' }, 'create'), text: 'Create a new donor' });
    matches.replaceChildren(el('p', { class: 'note', text: explain(match) }), list, candidates.length ? create : '');
    if (!candidates.length) decision = { donorDecision: 'create' };
  };

  let timer = null;
  const lookUp = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const f = first.value.trim();
      const l = last.value.trim();
      const e = email.value.trim();
      if ((f.length < 2 || l.length < 2) && !e.includes('@')) {
        matches.replaceChildren();
        lastMatch = null;
        return;
      }
      const mine = ++looking;
      try {
        const body = { firstName: f, lastName: l };
        if (e) body.email = e;
        const answer = await api('POST', '/people/duplicates', body);
        if (mine === looking) renderMatches(answer.meta?.match);
      } catch (error) {
        if (mine === looking) matches.replaceChildren(el('p', { class: 'note', text: 'Could not look for existing donors: ' + describe(error) }));
      }
    }, 400);
  };
  [first, last, email].forEach((input) => input.addEventListener('input', lookUp));

  const form = el('form', { class: 'panel', novalidate: true },
    el('h2', { text: 'Donor' }),
    el('div', { class: 'grid' }, field('First name', first), field('Last name', last), field('Email', email)),
    matches,
    el('h2', { text: 'Gift' }),
    el('div', { class: 'grid' }, field('Amount', amount), field('Currency', currency), field('Gift date', date),
      field('Payment method', method), field('Appeal', appeal)),
    el('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const micros = toMicros(amount.value);
    if (!first.value.trim() || !last.value.trim()) {
      banner('error', 'Give the donor\'s first and last name.');
      first.focus();
      return;
    }
    if (!micros) {
      banner('error', 'The amount is a number like 25 or 25.50.');
      amount.focus();
      return;
    }
    if (lastMatch?.candidates?.length && !decision) {
      banner('error', 'Choose one of the possible donors, or create a new donor.');
      matches.querySelector('button')?.focus();
      return;
    }
    const body = {
      amount: { amountMicros: micros, currencyCode: currency.value },
      giftDate: date.value,
      paymentMethod: method.value,
      autoProcess: true,
      contact: { firstName: first.value.trim(), lastName: last.value.trim(), ...(email.value.trim() ? { email: email.value.trim() } : {}) },
      ...(decision || { donorDecision: 'create' }),
    };
    if (appeal.value) body.appealId = appeal.value;
    submit.disabled = true;
    try {
      const answer = await api('POST', '/gifts', body);
      const gift = answer.data?.createGift;
      if (gift) {
        banner('ok', 'Gift posted: ', el('code', { id: 'posted-gift-id', text: gift.id }), ' — ',
          el('a', { href: '/objects/gifts/' + gift.id, text: 'open it in Twenty' }), ' or ',
          el('a', { href: '#/gifts/' + gift.id, text: 'here' }));
        form.reset();
        date.value = today();
        matches.replaceChildren();
        lastMatch = null;
        decision = null;
      } else {
        banner('ok', 'The gift is staged for review, not posted yet: ',
          el('a', { href: '#/queue', text: 'see the staging queue' }));
      }
    } catch (error) {
      banner('error', describe(error));
    } finally {
      submit.disabled = false;
    }
  });

  main.replaceChildren(el('h1', { text: 'Manual gift entry' }), form);
  first.focus();
  api('GET', '/appeals?limit=60').then((answer) => {
    (answer.data?.appeals || []).forEach((a) => appeal.append(el('option', { value: a.id, text: a.name || a.id })));
  }).catch(() => {});
}
