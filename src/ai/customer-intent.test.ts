import { describe, expect, it } from 'vitest';
import { detectCustomerIntent } from './customer-intent';

describe('detectCustomerIntent', () => {
  it('recognises complaints and requests for a person, accents and case aside', () => {
    expect(detectCustomerIntent(['Quiero poner una QUEJA por el cobro'])).toBe('complaint');
    expect(detectCustomerIntent(['Exijo una devolución de mi dinero'])).toBe('complaint');
    expect(detectCustomerIntent(['¿Puedo hablar con una persona?'])).toBe('human_request');
    expect(detectCustomerIntent(['I want to talk to a person'])).toBe('human_request');
  });

  it('leaves ordinary questions alone', () => {
    expect(detectCustomerIntent(['Quiero una cita para limpieza'])).toBeNull();
    expect(detectCustomerIntent(['¿Cuánto cuesta la consulta?'])).toBeNull();
  });
});
