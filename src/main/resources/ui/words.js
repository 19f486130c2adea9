// Codes the service writes, in words a gift processor can act on.

const REASONS = {
  donor_email_conflict: 'The email belongs to another person in Twenty',
  identity_low_confidence: 'The donor is not confirmed yet: check who gave it',
  donor_needs_review: 'Choose the donor: more than one person could be them',
  donor_unresolved: 'No donor is linked yet',
  donor_missing: 'No donor is linked yet',
  possible_duplicate_gift: 'Possibly the same gift as one already taken: review it',
  payment_method_missing: 'No payment method',
  amount_missing: 'No amount',
  amount_invalid: 'The amount is not valid',
  currency_missing: 'No currency',
  company_missing: 'A grant or corporate gift needs its company',
  recurring_agreement_missing: 'A recurring gift needs its agreement',
  writeback_failed: 'The gift was posted but the row could not be marked; processing again posts nothing twice',
  gift_date_defaulted: 'No gift date was given: today was used',
  appeal_missing: 'No appeal',
  fund_missing: 'No fund',
  high_value: 'A large gift',
};

const QUIET = new Set(['appeal_missing', 'fund_missing', 'opportunity_missing', 'payout_missing']);

export function reason(code) {
  return REASONS[code] || String(code || '').replaceAll('_', ' ');
}

/** What holds a staged row back, most important first: the email conflict (naming the person), then blockers. */
export function blockers(row) {
  const diagnostics = row.processingDiagnostics || {};
  const out = [];
  if (diagnostics.donorEmailConflict?.message) out.push(diagnostics.donorEmailConflict.message);
  if (diagnostics.possibleDuplicateGift) out.push(reason('possible_duplicate_gift'));
  (diagnostics.processingBlockers || []).forEach((code) => out.push(reason(code)));
  (diagnostics.processingWarnings || []).filter((code) => !QUIET.has(code) && code !== 'donor_email_conflict')
    .forEach((code) => out.push(reason(code)));
  if (row.errorDetail) out.push(row.errorDetail);
  return [...new Set(out)];
}

/** The row's state as the queue shows it; awaiting payment is a state, not an error. */
export function state(row) {
  switch (row.processingStatus) {
    case 'processed': return { text: 'Processed', tone: 'good' };
    case 'process_failed': return { text: 'Process failed', tone: 'bad' };
    case 'ready_for_process': return { text: 'Ready to process', tone: 'good' };
    case 'awaiting_payment': return { text: 'Awaiting payment', tone: 'warn' };
    case 'processing': return { text: 'Processing', tone: 'warn' };
    default:
      if (row.dedupeStatus === 'needs_review' || (row.validationStatus && row.validationStatus !== 'passed')) {
        return { text: 'Needs review', tone: 'warn' };
      }
      return { text: 'Pending', tone: '' };
  }
}
