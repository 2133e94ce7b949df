import { headers as natsHeaders } from 'nats';

import { TransportHeaders } from '@im/contracts';

import { DEADLINE_GRACE_MS, deadlinePassed } from './platform-nats.server';

describe(deadlinePassed.name, () => {
  const withDeadline = (value: string) => {
    const h = natsHeaders();
    h.set(TransportHeaders.Deadline, value);
    return h;
  };

  it('is false without a deadline (events, old senders) or with one that cannot be read', () => {
    expect(deadlinePassed(undefined)).toBe(false);
    expect(deadlinePassed(natsHeaders())).toBe(false);
    expect(deadlinePassed(withDeadline('soon'))).toBe(false);
  });

  it('is true only past the deadline plus the grace for clock differences', () => {
    const deadline = 1_000_000;
    const h = withDeadline(String(deadline));
    expect(deadlinePassed(h, deadline - 1)).toBe(false);
    expect(deadlinePassed(h, deadline + DEADLINE_GRACE_MS)).toBe(false);
    expect(deadlinePassed(h, deadline + DEADLINE_GRACE_MS + 1)).toBe(true);
  });
});
