import { parseMetrics } from './probes';

describe('parseMetrics', () => {
  const scrape = [
    '# HELP im_rpc_handled_total requests handled',
    'im_rpc_handled_total{subject="message.rpc.sync",kind="request",outcome="ok"} 120',
    'im_rpc_handled_total{subject="message.rpc.sync",kind="request",outcome="expired"} 7',
    'im_rpc_handled_total{subject="message.rpc.pull",kind="request",outcome="shed"} 3',
    'im_rpc_handled_total{subject="message.rpc.send-c2c",kind="request",outcome="busy"} 5',
    'im_rpc_requests_total{subject="group.rpc.get-send-context",outcome="timeout"} 4',
    'im_rpc_requests_total{subject="group.rpc.get-send-context",outcome="ok"} 40',
    'im_rpc_handle_seconds_sum{subject="message.rpc.sync",kind="request"} 1.5',
    'im_rpc_handle_seconds_count{subject="message.rpc.sync",kind="request"} 127',
    'nodejs_eventloop_lag_p99_seconds 0.012',
  ].join('\n');

  it('counts requests dropped unprocessed (expired and shed), answered busy, and sent requests that timed out', () => {
    const { lagP99, histo } = parseMetrics(scrape);

    expect(histo.dropped).toBe(10);
    expect(histo.busy).toBe(5);
    expect([...histo.timedOut]).toEqual([['group.rpc.get-send-context', 4]]);
    expect(histo.sum.get('message.rpc.sync')).toBe(1.5);
    expect(histo.count.get('message.rpc.sync')).toBe(127);
    expect(lagP99).toBe(0.012);
  });
});
