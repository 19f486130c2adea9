// One gift as Twenty holds it, and a refund recorded against it: the gift's amount never changes; what was
// refunded so far, when and why is kept beside it.
import { apiOnce, api, banner, describe, el, field, money, toMicros, today } from './api.js';

const REFUND_STATES = { NOT_REFUNDED: 'Not refunded', PARTIALLY_REFUNDED: 'Partially refunded', FULLY_REFUNDED: 'Fully refunded' };

export async function giftView(main, id) {
  const render = (gift) => {
    const amount = el('input', { id: 'refund-amount', inputmode: 'decimal', placeholder: '5.00' });
    const date = el('input', { id: 'refund-date', type: 'date', value: today() });
    const note = el('input', { id: 'refund-note' });
    const key = crypto.randomUUID();
    const form = el('form', { class: 'panel', novalidate: true }, el('h2', { text: 'Record a refund' }),
      el('div', { class: 'grid' }, field(`Amount (${gift.amount?.currencyCode || ''})`, amount), field('Date', date), field('Why', note)),
      el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'refund-submit', text: 'Record refund' })));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const micros = toMicros(amount.value);
      if (!micros) { banner('error', 'The refund is a number like 5 or 5.50.'); amount.focus(); return; }
      try {
        const answer = await apiOnce('POST', `/gifts/${id}/refunds`, {
          amount: { amountMicros: micros, currencyCode: gift.amount?.currencyCode }, date: date.value,
          ...(note.value.trim() ? { note: note.value.trim() } : {}) }, key);
        banner('ok', 'Refund recorded.');
        render(answer.data?.gift || gift);
      } catch (error) {
        banner('error', describe(error));
      }
    });
    const refunded = `${REFUND_STATES[gift.refundStatus] || 'Not refunded'}`
      + (gift.refundedAmount?.amountMicros ? ' — ' + money(gift.refundedAmount) : '')
      + (gift.refundDate ? ` on ${gift.refundDate}` : '');
    const fact = (label, value, attributes = {}) => el('tr', {}, el('th', { scope: 'row', text: label }), el('td', { ...attributes, text: value }));
    const facts = el('table', { id: 'gift-facts' }, el('tbody', {},
      fact('Amount', money(gift.amount)),
      fact('Gift date', gift.giftDate || ''),
      fact('Payment method', gift.paymentMethod || ''),
      fact('Refunded', refunded, { id: 'gift-refund-state' })));
    main.replaceChildren(el('h1', { text: gift.name || 'Gift' }),
      el('section', { class: 'panel' }, el('div', { class: 'table-wrap' }, facts),
        el('p', {}, el('a', { href: '/objects/gifts/' + id, text: 'Open it in Twenty' }))),
      gift.refundStatus === 'FULLY_REFUNDED' ? el('p', { class: 'note', text: 'Refunded in full: nothing more can be refunded.' }) : form);
  };
  render((await api('GET', '/gifts/' + encodeURIComponent(id))).data?.gift);
}
