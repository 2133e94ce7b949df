import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { callbacksApi } from '../api/console-api';
import type {
  AppDeadLetterView,
  CallbacksChange,
  CallbacksView,
  DeliveryAttemptView,
} from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';
import { usePagedQuery } from './usePagedQuery';

interface CallbacksForm {
  url?: string;
  token?: string;
  authenticationEnabled: boolean;
  enabledCommands: string[];
}

/** The app's callback URL, signing token and which before/after callbacks are sent. */
export function CallbacksPage() {
  return <WithApp>{(app) => <Callbacks key={app.sdkAppId} sdkAppId={app.sdkAppId} />}</WithApp>;
}

function Callbacks({ sdkAppId }: { sdkAppId: number }) {
  const queryClient = useQueryClient();
  const queryKey = [CurrentAppKey, sdkAppId, 'callbacks'];
  const [done, setDone] = useState<string>();
  const view = useQuery({ queryKey, queryFn: () => callbacksApi.get(sdkAppId) });
  const save = useMutation({
    mutationFn: (change: CallbacksChange) => callbacksApi.set(sdkAppId, change),
    onSuccess: (v) => {
      setDone('Callbacks saved');
      queryClient.setQueryData(queryKey, v);
    },
  });
  if (view.isPending) return null;
  if (!view.data) return <ErrorAlert error={view.error} />;
  return (
    <>
      <Typography.Title level={3}>Callbacks</Typography.Title>
      <Typography.Paragraph type="secondary">
        The platform POSTs these to the URL (docs/callbacks.md); a before-callback&apos;s answer can
        refuse the action. Delivery success per day is on the Statistics page.
      </Typography.Paragraph>
      <ErrorAlert error={save.error} />
      <Done text={done} />
      <CallbacksEditor view={view.data} saving={save.isPending} onSave={(c) => save.mutate(c)} />
      <Deliveries sdkAppId={sdkAppId} />
      <DeadLetters sdkAppId={sdkAppId} />
    </>
  );
}

const when = (at: string) => new Date(at).toLocaleString();

/** The app's recent after-callback delivery attempts (status, error, latency), newest first. */
function Deliveries({ sdkAppId }: { sdkAppId: number }) {
  const { query, pagination } = usePagedQuery(`deliveries-${sdkAppId}`, (q) =>
    callbacksApi.deliveries(sdkAppId, q),
  );
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 32 }}>
        Recent deliveries{' '}
        <Button size="small" onClick={() => void query.refetch()}>
          Refresh
        </Button>
      </Typography.Title>
      <ErrorAlert error={query.error} />
      <Table<DeliveryAttemptView>
        rowKey="id"
        size="small"
        data-testid="deliveries-table"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={pagination}
        columns={[
          { title: 'When', dataIndex: 'at', render: when },
          { title: 'Callback', dataIndex: 'command' },
          { title: 'Attempt', dataIndex: 'attempt' },
          {
            title: 'Status',
            dataIndex: 'outcome',
            render: (o: DeliveryAttemptView['outcome'], d) => (
              <Tag color={o === 'delivered' ? 'green' : 'red'}>
                {o === 'delivered' ? `delivered (HTTP ${d.httpStatus})` : (d.error ?? 'failed')}
              </Tag>
            ),
          },
          { title: 'Latency', dataIndex: 'latencyMs', render: (ms: number) => `${ms} ms` },
          { title: 'Event ID', dataIndex: 'callbackId', render: (id: string) => <code>{id}</code> },
        ]}
      />
    </>
  );
}

/** After-callbacks given up after their last attempt; each can be sent again. */
function DeadLetters({ sdkAppId }: { sdkAppId: number }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const { query, pagination } = usePagedQuery(`dead-letters-${sdkAppId}`, (q) =>
    callbacksApi.deadLetters(sdkAppId, q),
  );
  const replay = useMutation({
    mutationFn: (id: number) => callbacksApi.replay(sdkAppId, id),
    onSuccess: (r, id) => {
      setDone(r.replayed ? `Dead letter ${id} queued again` : `Dead letter ${id} is gone already`);
      void queryClient.invalidateQueries({ queryKey: [`dead-letters-${sdkAppId}`] });
      void queryClient.invalidateQueries({ queryKey: [`deliveries-${sdkAppId}`] });
    },
  });
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 32 }}>
        Dead letters{' '}
        <Button size="small" onClick={() => void query.refetch()}>
          Refresh
        </Button>
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Callbacks still failing after their last retry. Replay sends one again (same event ID) once
        the backend is fixed.
      </Typography.Paragraph>
      <ErrorAlert error={query.error ?? replay.error} />
      <Done text={done} />
      <Table<AppDeadLetterView>
        rowKey="id"
        size="small"
        data-testid="dead-letters-table"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={pagination}
        columns={[
          { title: 'Given up', dataIndex: 'deadAt', render: when },
          { title: 'Callback', dataIndex: 'command' },
          { title: 'Attempts', dataIndex: 'attempts' },
          { title: 'Last error', dataIndex: 'lastError' },
          { title: 'First queued', dataIndex: 'queuedAt', render: when },
          {
            title: '',
            key: 'replay',
            render: (_v, d) => (
              <Button
                size="small"
                aria-label={`Replay dead letter ${d.id}`}
                loading={replay.isPending && replay.variables === d.id}
                onClick={() => replay.mutate(d.id)}
              >
                Replay
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function CallbacksEditor({
  view,
  saving,
  onSave,
}: {
  view: CallbacksView;
  saving: boolean;
  onSave: (change: CallbacksChange) => void;
}) {
  return (
    <Form<CallbacksForm>
      layout="vertical"
      style={{ maxWidth: 900 }}
      data-testid="callbacks-form"
      initialValues={{
        url: view.url ?? '',
        authenticationEnabled: view.authenticationEnabled,
        enabledCommands: view.enabledCommands,
      }}
      onFinish={(v) =>
        onSave({
          url: v.url?.trim() ?? '',
          ...(v.token ? { token: v.token } : {}),
          ...(v.token || view.tokenSet ? { authenticationEnabled: v.authenticationEnabled } : {}),
          enabledCommands: v.enabledCommands,
        })
      }
    >
      <Form.Item
        name="url"
        label="URL (empty: no callbacks are sent)"
        rules={[
          {
            validator: async (_r, v?: string) => {
              if (!v?.trim()) return;
              let url: URL | undefined;
              try {
                url = new URL(v.trim());
              } catch {
                url = undefined;
              }
              if (!url || !['http:', 'https:'].includes(url.protocol)) {
                throw new Error('An http:// or https:// URL');
              }
            },
          },
          { max: 1024, message: 'At most 1024 characters' },
        ]}
      >
        <Input aria-label="Callback URL" placeholder="https://backend.example.com/im-callback" />
      </Form.Item>
      <Form.Item
        name="token"
        label={view.tokenSet ? 'Token (set; enter a new one to replace it)' : 'Token (not set)'}
        rules={[{ max: 128, message: 'At most 128 characters' }]}
      >
        <Input.Password aria-label="Callback token" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="authenticationEnabled"
        label="Sign requests with the token"
        valuePropName="checked"
      >
        <Switch aria-label="Sign requests" />
      </Form.Item>
      <Form.Item name="enabledCommands" label="Callbacks sent">
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 4 }}
          options={view.availableCommands.map((c) => ({ value: c, label: c }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        Save callbacks
      </Button>
    </Form>
  );
}
