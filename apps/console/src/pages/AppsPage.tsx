import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';

import { consoleApi } from '../api/console-api';
import type { AppFeature, AppWithKey, OperatorAppSummary } from '../api/console-api';
import { ErrorAlert } from '../components/ErrorAlert';
import { AppSettingsPanel } from './AppSettingsPanel';
import { usePagedQuery } from './usePagedQuery';

const FEATURES: { key: AppFeature; label: string }[] = [
  { key: 'avchatroom', label: 'AVChatRoom' },
  { key: 'bchatroom', label: 'BChatRoom' },
  { key: 'push', label: 'Push' },
];

interface CreateForm {
  name: string;
  admins?: string;
}

/** Apps: list (paged on the server), create, rotate the key, switch features, edit settings. */
export function AppsPage() {
  const queryClient = useQueryClient();
  const { query, pagination } = usePagedQuery('apps', consoleApi.listApps);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<number>();
  const [shownKey, setShownKey] = useState<{ title: string; app: AppWithKey }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['apps'] });

  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      consoleApi.createApp(
        v.name.trim(),
        v.admins
          ?.split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    onSuccess: async (app) => {
      setCreating(false);
      setShownKey({ title: 'App created', app });
      await refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (sdkAppId: number) => consoleApi.rotateAppKey(sdkAppId),
    onSuccess: async (app) => {
      setShownKey({ title: 'Secret key rotated', app });
      await refresh();
    },
  });
  const features = useMutation({
    mutationFn: (v: { sdkAppId: number; feature: AppFeature; on: boolean }) =>
      consoleApi.setAppFeatures(v.sdkAppId, { [v.feature]: v.on }),
    onSuccess: refresh,
  });

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3}>Apps</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          Create app
        </Button>
      </Space>
      <ErrorAlert error={query.error ?? rotate.error ?? features.error} />
      <Table<OperatorAppSummary>
        rowKey="sdkAppId"
        data-testid="apps-table"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={pagination}
        columns={[
          { title: 'SDKAppID', dataIndex: 'sdkAppId' },
          { title: 'Name', dataIndex: 'name' },
          { title: 'Status', dataIndex: 'status' },
          {
            title: 'Admins',
            dataIndex: 'adminIdentifiers',
            render: (a: string[]) => a.join(', '),
          },
          { title: 'Key version', dataIndex: 'keyVersion' },
          ...FEATURES.map((f) => ({
            title: f.label,
            key: f.key,
            render: (_: unknown, app: OperatorAppSummary) => (
              <Switch
                aria-label={`${f.label} of ${app.sdkAppId}`}
                checked={app.features.includes(f.key)}
                loading={features.isPending && features.variables?.sdkAppId === app.sdkAppId}
                onChange={(on) => features.mutate({ sdkAppId: app.sdkAppId, feature: f.key, on })}
              />
            ),
          })),
          {
            title: 'Key',
            key: 'rotate',
            render: (_: unknown, app: OperatorAppSummary) => (
              <Popconfirm
                title="Rotate the secret key?"
                description="UserSigs signed with the old key stop working at once."
                onConfirm={() => rotate.mutate(app.sdkAppId)}
              >
                <Button size="small">Rotate key</Button>
              </Popconfirm>
            ),
          },
          {
            title: 'Settings',
            key: 'settings',
            render: (_: unknown, app: OperatorAppSummary) => (
              <Button
                size="small"
                aria-label={`Settings of ${app.sdkAppId}`}
                onClick={() => setEditing(app.sdkAppId)}
              >
                Settings
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        title={`Settings of ${editing ?? ''}`}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        size="large"
        destroyOnHidden
      >
        {editing !== undefined && <AppSettingsPanel sdkAppId={editing} />}
      </Drawer>
      <Modal
        title="Create app"
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} />
        <Form<CreateForm> layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            label="Name"
            name="name"
            rules={[
              { required: true, whitespace: true, message: 'Give the app a name' },
              { max: 100, message: 'At most 100 characters' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label="Admin identifiers (comma-separated, default administrator)"
            name="admins"
            rules={[
              {
                pattern: /^\s*[^,\s]{1,32}(\s*,\s*[^,\s]{1,32}){0,9}\s*$/,
                message: 'Up to 10 identifiers of at most 32 characters',
              },
            ]}
          >
            <Input placeholder="administrator" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Create
          </Button>
        </Form>
      </Modal>
      <Modal
        title={shownKey?.title}
        open={!!shownKey}
        onOk={() => setShownKey(undefined)}
        onCancel={() => setShownKey(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="I have saved the key"
      >
        {shownKey && (
          <div data-testid="secret-key-dialog">
            <Typography.Paragraph>
              SDKAppID{' '}
              <Typography.Text code data-testid="new-sdk-app-id">
                {shownKey.app.sdkAppId}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>
              Secret key (shown this once; only its holder can sign UserSigs):
            </Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="new-secret-key">
              {shownKey.app.secretKey}
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}
