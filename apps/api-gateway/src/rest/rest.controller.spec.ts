import type { FastifyRequest } from 'fastify';

import { requestIdOf } from './rest.controller';

function requestWith(header?: string | string[]): FastifyRequest {
  return { headers: header === undefined ? {} : { 'x-request-id': header } } as FastifyRequest;
}

describe(requestIdOf.name, () => {
  it("keeps the caller's x-request-id when it is a sane token", () => {
    expect(requestIdOf(requestWith('order-42:retry.1'))).toBe('order-42:retry.1');
  });

  it('takes the first of repeated headers', () => {
    expect(requestIdOf(requestWith(['first', 'second']))).toBe('first');
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a line break', 'a\nb'],
    ['longer than 128 characters', 'x'.repeat(129)],
  ])('creates a new one when the header is %s', (_name, header) => {
    const id = requestIdOf(requestWith(header));
    expect(id).toMatch(/^[\w.:-]{1,128}$/);
    expect(id).not.toBe(header);
  });

  it('creates a different id for each request', () => {
    expect(requestIdOf(requestWith())).not.toBe(requestIdOf(requestWith()));
  });
});
