import { describe, expect, it } from 'vitest';
import { classifyMethod, deriveChannel, deriveImpersonated } from './index.js';

describe('classifyMethod', () => {
  it.each([
    ['Courier fraud (police impersonation)', 'courier', 'keyword:courier'],
    ['Courier fraud (bank impersonation)', 'courier', 'keyword:courier'],
    ['Courier Fraud', 'courier', 'keyword:courier'],
    ['Impersonation - Police', 'courier', 'keyword:police impersonation'],
    ['Police impersonation', 'courier', 'keyword:police impersonation'],
    ['Bank impersonation - safe account', 'bank_impersonation', 'keyword:safe account'],
    ['Impersonation - Bank', 'bank_impersonation', 'keyword:bank impersonation'],
    ['HMRC impersonation', 'hmrc', 'keyword:hmrc'],
    ['HMRC / Tax Impersonation', 'hmrc', 'keyword:hmrc'],
    ['Computer support scam (BT)', 'tech_support', 'keyword:tech support'],
    ['Computer Software Service Fraud', 'tech_support', 'keyword:tech support'],
    ['Broadband disconnection call', 'tech_support', 'keyword:tech support'],
    ['Investment scam', 'investment', 'keyword:investment'],
    ['Dating/Romance Fraud', 'romance', 'keyword:romance'],
    ['Romance scam', 'romance', 'keyword:romance'],
    ['Other telephone scam', 'other', 'keyword:other'],
    ['Other Fraud', 'other', 'keyword:other'],
    ['Lottery win notification', 'other', 'default:other'],
  ])('%s → %s', (text, method, rule) => {
    expect(classifyMethod(text)).toEqual({ method, rule });
  });
});

describe('deriveImpersonated', () => {
  it.each([
    ['Courier fraud (police impersonation)', '', 'police'],
    ['Courier fraud (bank impersonation)', '', 'bank'],
    ['Computer support scam (BT)', '', 'telecom'],
    ['Computer Software Service Fraud', 'Told broadband would be cut off', 'telecom'],
    ['HMRC impersonation', '', 'hmrc'],
    ['Impersonation - Bank', '', 'bank'],
    ['Courier Fraud', 'Asked to call 101 to verify', 'police'],
    ['Romance scam', 'Met online, moved to phone calls', 'unknown'],
    ['Impersonation - Bank', "Caller knew victim's bank details", 'bank'],
    ['Other telephone scam', "Caller knew victim's bank details", 'unknown'],
  ])('%s / %s → %s', (method, summary, expected) => {
    expect(deriveImpersonated(method, summary)).toBe(expected);
  });

  it('takes a mapped column over the wording', () => {
    expect(deriveImpersonated('Courier fraud (police impersonation)', '', 'Bank')).toBe('bank');
    expect(deriveImpersonated('Other telephone scam', '', 'Amazon')).toBe('other');
    expect(deriveImpersonated('Courier fraud (police impersonation)', '', 'Unknown')).toBe('police');
  });
});

describe('deriveChannel', () => {
  it.each([
    ['Courier Fraud', 'Bank card collected by courier', 'bank_card'],
    ['Courier Fraud', 'Asked to put cards in envelope', 'bank_card'],
    ['HMRC / Tax Impersonation', 'Asked to buy gift cards and read codes', 'vouchers'],
    ['HMRC impersonation', 'Paid in iTunes vouchers', 'vouchers'],
    ['Investment scam', 'Bitcoin wallet', 'crypto'],
    ['Investment Fraud', 'Cryptocurrency platform', 'crypto'],
    ['Bank impersonation - safe account', '', 'bank_transfer'],
    ['Computer support scam (BT)', 'Remote access to laptop', 'remote_access'],
    ['Courier fraud (police impersonation)', 'Bought designer watches for courier', 'goods'],
    ['Courier fraud (police impersonation)', 'Handed over gold bars', 'goods'],
    ['Courier fraud (police impersonation)', 'Asked to exchange savings into foreign currency', 'foreign_currency'],
    ['Impersonation - Police', 'Taxi sent to collect cash', 'cash'],
    ['Courier fraud (police impersonation)', 'Told to withdraw £3,000', 'cash'],
    ['Romance scam', 'Withheld number', 'unknown'],
  ])('%s / %s → %s', (method, summary, expected) => {
    expect(deriveChannel(method, summary)).toBe(expected);
  });

  it('takes a mapped column when it names a channel', () => {
    expect(deriveChannel('Romance scam', '', 'Bank transfer')).toBe('bank_transfer');
    expect(deriveChannel('Courier Fraud', 'Bank card collected by courier', 'Cash')).toBe('cash');
    expect(deriveChannel('Courier Fraud', 'Bank card collected by courier', 'Cheque')).toBe('bank_card');
  });
});
