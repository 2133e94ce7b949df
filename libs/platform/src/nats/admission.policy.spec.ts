import {
  AdmissionLimits,
  admissionLimits,
  AdmissionPolicy,
  DEFAULT_ADMISSION_LIMITS,
  RETRY_AFTER_MAX_MS,
  RETRY_AFTER_MIN_MS,
} from './admission.policy';

type Event = [string, string] | [string, string, number];

/** A policy over a fake clock that records what became of each request. */
function policyWith(limits: Partial<AdmissionLimits>, random = () => 0.5) {
  const clock = { now: 1_000_000 };
  const events: Event[] = [];
  const policy = new AdmissionPolicy<string>(
    {
      maxInFlight: 1,
      maxQueued: 100,
      lifoAfterMs: 60_000,
      maxWaitMs: 60_000,
      targetWaitMs: 50,
      intervalMs: 100,
      ...limits,
    },
    {
      start: (id) => events.push(['start', id]),
      refuse: (id, retryAfterMs) => events.push(['busy', id, retryAfterMs]),
      expire: (id) => events.push(['expired', id]),
    },
    () => clock.now,
    random,
  );
  return { policy, clock, events };
}

describe(AdmissionPolicy.name, () => {
  it('starts up to maxInFlight at once and hands each released turn to the longest waiting', () => {
    const { policy, clock, events } = policyWith({ maxInFlight: 2 });
    for (const id of ['a', 'b', 'c', 'd']) policy.offer(id);
    expect(events).toEqual([
      ['start', 'a'],
      ['start', 'b'],
    ]);
    expect(policy.load).toEqual({ active: 2, waiting: 2 });
    clock.now += 10;
    policy.release(clock.now - 10);
    policy.release(clock.now - 10);
    expect(events.slice(2)).toEqual([
      ['start', 'c'],
      ['start', 'd'],
    ]);
    expect(policy.serviceTimeMs).toBe(10);
  });

  it('drops without an answer a request whose deadline passed, on arrival or while it waited', () => {
    const { policy, clock, events } = policyWith({});
    policy.offer('late', { deadline: clock.now - 1 });
    policy.offer('a');
    policy.offer('b', { deadline: clock.now + 100 });
    policy.offer('c');
    clock.now += 200;
    policy.release(clock.now - 200);
    expect(events).toEqual([
      ['expired', 'late'],
      ['start', 'a'],
      ['expired', 'b'],
      ['start', 'c'],
    ]);
  });

  it('answers a newcomer busy at once when maxQueued already wait', () => {
    const { policy, events } = policyWith({ maxQueued: 2 });
    for (const id of ['a', 'b', 'c', 'd']) policy.offer(id);
    expect(events).toEqual([
      ['start', 'a'],
      ['busy', 'd', RETRY_AFTER_MIN_MS],
    ]);
    expect(policy.load).toEqual({ active: 1, waiting: 2 });
  });

  it('answers busy a newcomer whose expected wait exceeds maxWaitMs or its remaining deadline', () => {
    const { policy, clock, events } = policyWith({ maxInFlight: 2, maxWaitMs: 250 });
    // learn a service time of 100 ms
    policy.offer('a');
    clock.now += 100;
    policy.release(clock.now - 100);
    policy.offer('b');
    policy.offer('c');
    // each waiting request adds 100 / 2 = 50 ms of expected wait
    for (const id of ['w1', 'w2', 'w3', 'w4', 'w5']) policy.offer(id);
    expect(policy.load.waiting).toBe(5);
    policy.offer('w6'); // would wait 6 × 50 = 300 ms > 250
    expect(events.at(-1)).toEqual(['busy', 'w6', expect.any(Number)]);
    policy.release(clock.now); // w1 goes; the service time is now 90 ms
    expect(events.at(-1)).toEqual(['start', 'w1']);
    // would wait 5 × 45 = 225 ms, but its requester waits only 200 ms (minus 90 of work)
    policy.offer('short', { deadline: clock.now + 200 });
    expect(events.at(-1)).toEqual(['busy', 'short', expect.any(Number)]);
    policy.offer('long', { deadline: clock.now + 5_000 });
    expect(events.at(-1)).toEqual(['busy', 'short', expect.any(Number)]);
    expect(policy.load.waiting).toBe(5);
  });

  it('gives a retry hint of the queue drain time, jittered ±25 % and bounded', () => {
    const hint = (random: number, serviceMs: number, queued: number) => {
      const { policy, clock, events } = policyWith({ maxQueued: queued }, () => random);
      policy.offer('first');
      clock.now += serviceMs;
      policy.release(clock.now - serviceMs);
      policy.offer('running');
      for (let i = 0; i < queued; i++) policy.offer(`w${i}`);
      policy.offer('refused');
      return events.at(-1)![2];
    };
    // 4 waiting × 100 ms + 100 ms of its own
    expect(hint(0.5, 100, 4)).toBe(500);
    expect(hint(0, 100, 4)).toBe(375);
    expect(hint(1, 100, 4)).toBe(625);
    expect(hint(0.5, 10_000, 4)).toBe(RETRY_AFTER_MAX_MS);
    expect(hint(0.5, 1, 1)).toBe(RETRY_AFTER_MIN_MS);
  });

  it('answers busy the requests that waited maxWaitMs when swept, and says when to sweep', () => {
    const { policy, clock, events } = policyWith({ maxWaitMs: 300 });
    policy.offer('a');
    expect(policy.nextSweepAt()).toBeUndefined();
    policy.offer('b', { deadline: clock.now + 10_000 });
    const bSince = clock.now;
    clock.now += 100;
    policy.offer('c', { deadline: clock.now + 100 });
    policy.offer('d');
    expect(policy.nextSweepAt()).toBe(bSince + 300);
    clock.now = bSince + 299;
    policy.sweep();
    expect(policy.load.waiting).toBe(3);
    clock.now = bSince + 400;
    policy.sweep(); // b waited 400 ms: busy; c's requester gave up: no answer; d waited 300
    expect(events.slice(1).map((e) => e.slice(0, 2))).toEqual([
      ['busy', 'b'],
      ['expired', 'c'],
      ['busy', 'd'],
    ]);
    expect(policy.nextSweepAt()).toBeUndefined();
    expect(policy.load).toEqual({ active: 1, waiting: 0 });
  });

  it('takes the newest first once the longest waiting has waited past lifoAfterMs', () => {
    const { policy, clock, events } = policyWith({ lifoAfterMs: 100 });
    for (const id of ['a', 'b', 'c', 'd']) policy.offer(id);
    clock.now += 150;
    policy.release(clock.now - 150);
    expect(events.at(-1)).toEqual(['start', 'd']);
    policy.offer('e');
    policy.release(clock.now);
    expect(events.at(-1)).toEqual(['start', 'e']);
  });

  it('sheds newcomers beyond the CoDel target while the queue stands, and stops once it drains', () => {
    const { policy, clock, events } = policyWith({
      maxInFlight: 1,
      maxWaitMs: 10_000,
      targetWaitMs: 50,
      intervalMs: 100,
    });
    // service time 20 ms; requests wait 80+ ms during a whole interval: a standing queue
    policy.offer('a');
    for (const id of ['b', 'c', 'd', 'e', 'f', 'g']) policy.offer(id);
    for (let i = 0; i < 6; i++) {
      clock.now += 20;
      policy.release(clock.now - 20);
    }
    // every turn of the interval went to a request that had waited > 50 ms
    clock.now += 100;
    policy.offer('probe-1'); // the interval ends here: standing
    expect(policy.isOverloaded).toBe(true);
    // 'probe-1' waits behind nothing; a newcomer expected to wait ≤ 50 ms is queued, more not
    policy.offer('x1');
    policy.offer('x2');
    policy.offer('x3');
    const refused = events.filter((e) => e[0] === 'busy').map((e) => e[1]);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused).toContain('x3');
    // the queue drains: turns come after a short wait, and the next interval is not standing
    while (policy.load.waiting > 0) {
      clock.now += 5;
      policy.release(clock.now - 5);
    }
    clock.now += 100;
    policy.release(clock.now - 5);
    policy.offer('later');
    clock.now += 100;
    policy.offer('after');
    expect(policy.isOverloaded).toBe(false);
  });
});

describe(admissionLimits.name, () => {
  it('fills in the defaults, with the CoDel target and interval following maxWaitMs', () => {
    expect(admissionLimits()).toEqual(DEFAULT_ADMISSION_LIMITS);
    expect(admissionLimits({ maxWaitMs: 150_000, maxInFlight: undefined })).toEqual({
      ...DEFAULT_ADMISSION_LIMITS,
      maxWaitMs: 150_000,
      targetWaitMs: 15_000,
      intervalMs: 30_000,
    });
    expect(admissionLimits({ maxWaitMs: 1_000, targetWaitMs: 5 })).toMatchObject({
      targetWaitMs: 5,
      intervalMs: 200,
    });
  });
});
