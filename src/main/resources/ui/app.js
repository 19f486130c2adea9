// The shell: one screen at a time, chosen by the address's #fragment, so the back button and links work.
import { banner, el, session, toSignIn } from './api.js';
import { giftEntry } from './gift-entry.js';
import { stagingQueue } from './queue.js';
import { giftBatches, giftBatch } from './batches.js';
import { recurringAgreements } from './recurring.js';
import { rateBudget } from './budget.js';
import { giftView } from './gift-view.js';

const SCREENS = {
  queue: stagingQueue,
  gift: giftEntry,
  batches: giftBatches,
  batch: giftBatch,
  recurring: recurringAgreements,
  budget: rateBudget,
  gifts: giftView,
};

let leaving = null;

async function show() {
  const [name, ...rest] = (location.hash.replace(/^#\/?/, '') || 'queue').split('/');
  const screen = SCREENS[name] || stagingQueue;
  const main = document.getElementById('main');
  if (leaving) leaving();
  leaving = null;
  banner('');
  document.querySelectorAll('nav a').forEach((a) => {
    const current = a.dataset.screen === (name === 'batch' ? 'batches' : name);
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  main.replaceChildren(el('p', { class: 'note', text: 'Loading…' }));
  try {
    leaving = await screen(main, ...rest.map(decodeURIComponent));
  } catch (error) {
    main.replaceChildren(el('p', { class: 'banner error', role: 'alert', text: error.message }));
  }
  main.focus({ preventScroll: true });
}

session().then((signedIn) => {
  if (!signedIn) {
    toSignIn();
    return;
  }
  window.addEventListener('hashchange', show);
  show();
});
