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
let visits = 0;

async function show() {
  const visit = ++visits;
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
  // Each visit draws into an element of its own: a screen whose data arrives after the person has moved on draws
  // into an element no longer shown, never over the screen they chose next.
  const view = el('div', {}, el('p', { class: 'note', text: 'Loading…' }));
  main.replaceChildren(view);
  try {
    const cleanUp = await screen(view, ...rest.map(decodeURIComponent));
    if (visit === visits) leaving = cleanUp;
    else if (cleanUp) cleanUp();
  } catch (error) {
    view.replaceChildren(el('p', { class: 'banner error', role: 'alert', text: error.message }));
  }
  if (visit === visits) main.focus({ preventScroll: true });
}

session().then((signedIn) => {
  if (!signedIn) {
    toSignIn();
    return;
  }
  window.addEventListener('hashchange', show);
  show();
});
