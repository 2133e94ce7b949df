import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';

import { appApi } from '../api/console-api';
import type { AppStatsDay } from '../api/console-api';
import { Chart } from '../components/Chart';
import type { Series } from '../components/Chart';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { ErrorAlert } from '../components/ErrorAlert';

const MAX_DAYS = 30;
const DAY_MS = 86_400_000;

/** Per-day numbers the platform counts (docs/app-stats.md), for up to the last 30 UTC days. */
export function StatsPage() {
  return <WithApp>{(app) => <Stats key={app.sdkAppId} sdkAppId={app.sdkAppId} />}</WithApp>;
}

/** YYYYMMDD of a time, in UTC (the days the statistics are counted in). */
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

function Stats({ sdkAppId }: { sdkAppId: number }) {
  const [days, setDays] = useState(7);
  // a custom range within the last 30 days: the server is asked back to its first day
  const [range, setRange] = useState<[string, string]>();
  const asked = range
    ? Math.ceil(
        (Date.now() -
          Date.parse(`${range[0].slice(0, 4)}-${range[0].slice(4, 6)}-${range[0].slice(6)}`)) /
          DAY_MS,
      )
    : days;
  const stats = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'stats', Math.min(Math.max(asked, 1), MAX_DAYS)],
    queryFn: () => appApi.stats(sdkAppId, Math.min(Math.max(asked, 1), MAX_DAYS)),
  });
  const shown: AppStatsDay[] = useMemo(
    () =>
      (stats.data?.days ?? []).filter((d) => !range || (d.date >= range[0] && d.date <= range[1])),
    [stats.data, range],
  );
  const charts = useMemo(() => {
    const v = (f: string) => shown.map((d) => d.values[f] ?? 0);
    const s = (name: string, kind: Series['kind'], f: string): Series => ({
      name,
      kind,
      data: v(f),
    });
    return {
      labels: shown.map((d) => `${d.date.slice(4, 6)}-${d.date.slice(6)}`),
      messages: [s('C2C', 'bar', 'C2CUpMsgNum'), s('Group', 'bar', 'GroupUpMsgNum')],
      users: [
        s('Active users', 'line', 'ActiveUserNum'),
        s('Peak online', 'line', 'MaxOnlineNum'),
        s('New users', 'bar', 'RegistUserNumOneDay'),
      ],
      groups: [
        s('Groups created', 'bar', 'GroupNewGroupNum'),
        s('Groups dismissed', 'bar', 'GroupDestroyGroupNum'),
      ],
      callbacks: [
        {
          name: 'Callback success %',
          kind: 'line' as const,
          data: shown.map((d) =>
            d.values.CallBackReq
              ? Math.round((1000 * d.values.CallBackRsp) / d.values.CallBackReq) / 10
              : null,
          ),
        },
      ],
    };
  }, [shown]);
  const today = stats.data?.days.find((d) => d.date === utcDay(Date.now()));
  return (
    <>
      <Typography.Title level={3}>Statistics</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<number>
          value={range ? 0 : days}
          onChange={(d) => {
            setRange(undefined);
            setDays(d);
          }}
          options={[
            { value: 1, label: 'Today' },
            { value: 7, label: '7 days' },
            { value: 14, label: '14 days' },
            { value: 30, label: '30 days' },
          ]}
        />
        <DatePicker.RangePicker
          aria-label="Days"
          disabledDate={(d) =>
            d.valueOf() > Date.now() || d.valueOf() < Date.now() - MAX_DAYS * DAY_MS
          }
          onChange={(r) =>
            setRange(
              r?.[0] && r[1] ? [r[0].format('YYYYMMDD'), r[1].format('YYYYMMDD')] : undefined,
            )
          }
        />
        <Typography.Text type="secondary">
          UTC days; counted as docs/app-stats.md says
        </Typography.Text>
      </Space>
      <ErrorAlert error={stats.error} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic
            title="Messages today (C2C + group)"
            value={today ? today.values.UpMsgNum : '…'}
            valueRender={(n) => <span data-testid="today-messages">{n}</span>}
          />
        </Col>
        <Col span={6}>
          <Statistic title="Active users today" value={today?.values.ActiveUserNum ?? '…'} />
        </Col>
        <Col span={6}>
          <Statistic title="Peak online today" value={today?.values.MaxOnlineNum ?? '…'} />
        </Col>
        <Col span={6}>
          <Statistic title="Users in all" value={today?.values.RegistUserNumTotal ?? '…'} />
        </Col>
      </Row>
      {stats.data && (
        <Row gutter={[16, 16]}>
          <Col span={12}>
            <Card title="Messages per day" size="small">
              <Chart testId="chart-messages" days={charts.labels} series={charts.messages} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title="Users per day" size="small">
              <Chart testId="chart-users" days={charts.labels} series={charts.users} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title="Groups per day" size="small">
              <Chart testId="chart-groups" days={charts.labels} series={charts.groups} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title="Callback success rate (answered / sent; a gap: no callbacks)" size="small">
              <Chart
                testId="chart-callbacks"
                days={charts.labels}
                series={charts.callbacks}
                unit="%"
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
