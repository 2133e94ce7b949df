import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';

import { pushApi } from '../api/console-api';
import type { PushBody } from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';

type Audience = 'all' | 'tagsAnd' | 'tagsOr' | 'attrsAnd' | 'attrsOr';

interface PushForm {
  audience: Audience;
  text: string;
  from?: string;
  tags?: string;
  attrs?: string;
  lifeTimeSeconds?: number;
}

/** Status of a report (docs/rest-api.md §8). */
const STATUS = ['not started', 'pushing', 'done'];

/** `tag1, tag2` → tags; `k=v, k2=v2` → attributes; checked by the form's rules. */
const splitList = (v?: string) =>
  (v ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** Push to every user of the app, or to those whose tags or attributes match; its report. */
export function PushPage() {
  return <WithApp>{(app) => <Push key={app.sdkAppId} sdkAppId={app.sdkAppId} />}</WithApp>;
}

function Push({ sdkAppId }: { sdkAppId: number }) {
  const [form] = Form.useForm<PushForm>();
  const audience = Form.useWatch('audience', form) ?? 'all';
  const [taskId, setTaskId] = useState<string>();
  const [done, setDone] = useState<string>();
  const push = useMutation({
    mutationFn: (v: PushForm) => {
      const body: PushBody = { text: v.text, from: v.from?.trim() || undefined };
      if (v.lifeTimeSeconds !== undefined && v.lifeTimeSeconds !== null) {
        body.lifeTimeSeconds = v.lifeTimeSeconds;
      }
      if (v.audience === 'tagsAnd' || v.audience === 'tagsOr') body[v.audience] = splitList(v.tags);
      if (v.audience === 'attrsAnd' || v.audience === 'attrsOr') {
        body[v.audience] = Object.fromEntries(
          splitList(v.attrs).map((p) => p.split('=').map((x) => x.trim()) as [string, string]),
        );
      }
      return pushApi.push(sdkAppId, body);
    },
    onSuccess: (r) => {
      setDone(`Push task ${r.TaskId} queued`);
      setTaskId(r.TaskId);
    },
  });
  const report = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'push', taskId],
    queryFn: () => pushApi.report(sdkAppId, taskId!),
    enabled: !!taskId,
    // a running task's numbers grow: read again every 2 s until it finished
    refetchInterval: (q) => (q.state.data?.Reports[0]?.Status === 2 ? false : 2000),
  });
  const r = report.data?.Reports[0];
  return (
    <>
      <Typography.Title level={3}>Push</Typography.Title>
      <Space align="start" wrap>
        <Card title="Compose" size="small" style={{ width: 520 }}>
          <ErrorAlert error={push.error} />
          <Done text={done} />
          <Form<PushForm>
            form={form}
            layout="vertical"
            initialValues={{ audience: 'all' }}
            onFinish={(v) => push.mutate(v)}
            data-testid="push-form"
          >
            <Form.Item name="audience" label="To">
              <Radio.Group
                options={[
                  { value: 'all', label: 'Every user' },
                  { value: 'tagsAnd', label: 'All these tags' },
                  { value: 'tagsOr', label: 'Any of these tags' },
                  { value: 'attrsAnd', label: 'All these attributes' },
                  { value: 'attrsOr', label: 'Any of these attributes' },
                ]}
              />
            </Form.Item>
            {(audience === 'tagsAnd' || audience === 'tagsOr') && (
              <Form.Item
                name="tags"
                label="Tags (comma-separated, up to 10)"
                rules={[
                  { required: true, whitespace: true, message: 'Enter at least one tag' },
                  {
                    validator: async (_r, v?: string) => {
                      const tags = splitList(v);
                      if (tags.length > 10) throw new Error('At most 10 tags');
                      if (tags.some((t) => t.length > 50))
                        throw new Error('A tag is at most 50 characters');
                    },
                  },
                ]}
              >
                <Input aria-label="Tags" />
              </Form.Item>
            )}
            {(audience === 'attrsAnd' || audience === 'attrsOr') && (
              <Form.Item
                name="attrs"
                label="Attributes (name=value, comma-separated, up to 10)"
                rules={[
                  { required: true, whitespace: true, message: 'Enter at least one name=value' },
                  {
                    validator: async (_r, v?: string) => {
                      const pairs = splitList(v);
                      if (pairs.length > 10) throw new Error('At most 10 attributes');
                      if (pairs.some((p) => !/^[^=\s]{1,50}\s*=\s*[^=]{0,50}$/.test(p))) {
                        throw new Error('Each one as name=value (at most 50 characters each)');
                      }
                    },
                  },
                ]}
              >
                <Input aria-label="Attributes" />
              </Form.Item>
            )}
            <Form.Item
              name="text"
              label="Text"
              rules={[
                { required: true, whitespace: true, message: 'Enter the text' },
                { max: 4000, message: 'At most 4000 characters' },
              ]}
            >
              <Input.TextArea rows={3} aria-label="Push text" />
            </Form.Item>
            <Space>
              <Form.Item
                name="from"
                label="From (default the app admin)"
                rules={[{ pattern: /^\S{1,32}$/, message: 'At most 32 characters' }]}
              >
                <Input aria-label="Push from" />
              </Form.Item>
              <Form.Item name="lifeTimeSeconds" label="Kept for offline users (s, ≤ 7 days)">
                <InputNumber min={0} max={604800} precision={0} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={push.isPending}>
              Push
            </Button>
          </Form>
        </Card>
        <Card title="Report" size="small" style={{ width: 460 }}>
          <Form
            layout="inline"
            onFinish={(v: { taskId: string }) => setTaskId(v.taskId.trim())}
            style={{ marginBottom: 16 }}
          >
            <Form.Item
              name="taskId"
              rules={[{ required: true, whitespace: true, message: 'Enter a TaskId' }, { max: 64 }]}
            >
              <Input placeholder="TaskId" aria-label="TaskId" />
            </Form.Item>
            <Button htmlType="submit">Show</Button>
          </Form>
          <ErrorAlert error={report.error} />
          {r && (
            <Descriptions size="small" column={2} data-testid="push-report">
              <Descriptions.Item label="TaskId">{r.TaskId}</Descriptions.Item>
              <Descriptions.Item label="Status">{STATUS[r.Status] ?? r.Status}</Descriptions.Item>
              <Descriptions.Item label="Total">{r.Total}</Descriptions.Item>
              <Descriptions.Item label="Finished">{r.Finished}</Descriptions.Item>
              <Descriptions.Item label="Online delivered">{r.OnlineDelivered}</Descriptions.Item>
              <Descriptions.Item label="Stored">{r.Stored}</Descriptions.Item>
              <Descriptions.Item label="Stored delivered">{r.StoredDelivered}</Descriptions.Item>
              <Descriptions.Item label="Offline pushed">{r.OfflinePushed}</Descriptions.Item>
              <Descriptions.Item label="Offline push failed">
                {r.OfflinePushFailed}
              </Descriptions.Item>
              <Descriptions.Item label="Started">{r.StartTime ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="Finished at">{r.FinishTime ?? '—'}</Descriptions.Item>
            </Descriptions>
          )}
        </Card>
      </Space>
    </>
  );
}
