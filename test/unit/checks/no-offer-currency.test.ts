import { describe, expect, it } from 'vitest';
import { BASKET_METHOD, noOfferCurrencyCheck } from '../../../src/checks/no-offer-currency.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeExchange,
  makeMethod,
} from './support.js';

const basket = makeMethod({ name: BASKET_METHOD });

const OFFER = { sellable_id: '0f000000-0000-4000-8000-000000000007', price: { amount: '99.50' } };
const SUPPLIER = { id: '0b000000-0000-4000-8000-000000000010', name: 'Christchurch Toyota' };

function basketExchange(body: unknown) {
  return makeExchange({ body });
}

describe('no-offer-currency', () => {
  it('passes a basket without currency', () => {
    const body = { offers: [OFFER, OFFER], suppliers: [SUPPLIER] };
    expectPass(judge(noOfferCurrencyCheck, basket, basketExchange(body)));
  });

  it('fails currency or currency_code on an offer', () => {
    for (const name of ['currency', 'currency_code']) {
      const body = { offers: [OFFER, { ...OFFER, [name]: 'NZD' }], suppliers: [] };
      const finding = expectOneFinding(
        judge(noOfferCurrencyCheck, basket, basketExchange(body)),
        'failure',
      );
      expect(finding.message).toBe(`offer carries ${name}`);
      expect(finding.pointer).toBe(`/offers/1/${name}`);
      expect(finding.actual).toBe('"NZD"');
    }
  });

  it('fails currency at the top of the basket', () => {
    const body = { offers: [], suppliers: [], currency: 'NZD' };
    const finding = expectOneFinding(
      judge(noOfferCurrencyCheck, basket, basketExchange(body)),
      'failure',
    );
    expect(finding.message).toBe('basket carries currency');
    expect(finding.pointer).toBe('/currency');
  });

  it('leaves currency_code at the top of the basket alone', () => {
    const body = { offers: [], suppliers: [], currency_code: 'NZD' };
    expectPass(judge(noOfferCurrencyCheck, basket, basketExchange(body)));
  });

  it('warns on currency nested inside an offer', () => {
    const offer = { ...OFFER, price: { amount: '99.50', currency_code: 'NZD' } };
    const body = { offers: [offer], suppliers: [] };
    const finding = expectOneFinding(
      judge(noOfferCurrencyCheck, basket, basketExchange(body)),
      'warning',
    );
    expect(finding.message).toBe('nested object of an offer carries currency_code');
    expect(finding.pointer).toBe('/offers/0/price/currency_code');
  });

  it('warns on currency inside a supplier', () => {
    const body = { offers: [OFFER], suppliers: [{ ...SUPPLIER, terms: [{ currency: 'NZD' }] }] };
    const finding = expectOneFinding(
      judge(noOfferCurrencyCheck, basket, basketExchange(body)),
      'warning',
    );
    expect(finding.pointer).toBe('/suppliers/0/terms/0/currency');
  });

  it('reports every currency property it finds', () => {
    const offer = { ...OFFER, currency: 'NZD', price: { currency_code: 'NZD' } };
    const body = { offers: [offer], suppliers: [], currency: 'NZD' };
    const outcome = judge(noOfferCurrencyCheck, basket, basketExchange(body));
    const found = outcome.findings.map((finding) => [finding.pointer, finding.severity]);
    expect(found).toEqual([
      ['/currency', 'failure'],
      ['/offers/0/currency', 'failure'],
      ['/offers/0/price/currency_code', 'warning'],
    ]);
  });

  it('escapes property names in the pointer', () => {
    const body = { offers: [{ ...OFFER, 'a/b': { currency: 'NZD' } }], suppliers: [] };
    const outcome = judge(noOfferCurrencyCheck, basket, basketExchange(body));
    expect(expectOneFinding(outcome, 'warning').pointer).toBe('/offers/0/a~1b/currency');
  });

  it('treats offers that are not a list as nested', () => {
    const body = { offers: { first: { currency: 'NZD' } }, suppliers: [] };
    expectOneFinding(judge(noOfferCurrencyCheck, basket, basketExchange(body)), 'warning');
  });

  it('walks a deeply nested body', () => {
    let deep: unknown = { currency: 'NZD' };
    for (let level = 0; level < 100_000; level += 1) {
      deep = { next: deep };
    }
    // JSON.stringify cannot encode this depth, so the parsed body is set directly.
    const exchange = basketExchange({});
    if (exchange.response !== undefined) {
      exchange.response.json = { offers: [], suppliers: [deep] };
    }
    const finding = expectOneFinding(judge(noOfferCurrencyCheck, basket, exchange), 'warning');
    expect(finding.pointer.endsWith('/next/currency')).toBe(true);
  });

  it('has no evidence for other methods and non-2xx', () => {
    const body = { offers: [{ currency: 'NZD' }], suppliers: [] };
    expectNoEvidence(judge(noOfferCurrencyCheck, makeMethod(), basketExchange(body)));
    expectNoEvidence(judge(noOfferCurrencyCheck, basket, makeExchange({ status: 404, body })));
    expectNoEvidence(judge(noOfferCurrencyCheck, basket, makeExchange({ status: 429, body })));
    expectNoEvidence(judge(noOfferCurrencyCheck, basket, makeExchange({ rawBody: 'currency' })));
  });
});
