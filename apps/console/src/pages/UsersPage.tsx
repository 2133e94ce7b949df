import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';

import { appApi } from '../api/console-api';
import type { ProfileItem } from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';

/** UserIDs: 1–32 bytes, no spaces (docs/rest-api.md). */
export const USER_ID_RULES = [
  { required: true, whitespace: true, message: 'Enter a UserID' },
  { pattern: /^\S{1,32}$/, message: 'At most 32 characters, no spaces' },
];

const PROFILE_FIELDS: { tag: string; label: string; kind: 'text' | 'gender' | 'allow' }[] = [
  { tag: 'Tag_Profile_IM_Nick', label: 'Nick', kind: 'text' },
  { tag: 'Tag_Profile_IM_Gender', label: 'Gender', kind: 'gender' },
  { tag: 'Tag_Profile_IM_SelfSignature', label: 'Signature', kind: 'text' },
  { tag: 'Tag_Profile_IM_Location', label: 'Location', kind: 'text' },
  { tag: 'Tag_Profile_IM_Image', label: 'Avatar URL', kind: 'text' },
  { tag: 'Tag_Profile_IM_AllowType', label: 'Friend requests', kind: 'allow' },
];

/** Users of the chosen app: find by ID, import, profile, friends, blacklist, kick, delete. */
export function UsersPage() {
  return <WithApp>{(app) => <Users key={app.sdkAppId} sdkAppId={app.sdkAppId} />}</WithApp>;
}

function Users({ sdkAppId }: { sdkAppId: number }) {
  const [userId, setUserId] = useState<string>();
  const [done, setDone] = useState<string>();
  const importUser = useMutation({
    mutationFn: (v: { userId: string; nick?: string }) =>
      appApi.importUser(sdkAppId, { userId: v.userId.trim(), nick: v.nick?.trim() || undefined }),
    onSuccess: (_r, v) => setDone(`Imported ${v.userId.trim()}`),
  });
  return (
    <>
      <Typography.Title level={3}>Users</Typography.Title>
      <Space align="start" wrap style={{ marginBottom: 16 }}>
        <Card title="Find a user" size="small">
          <Form
            layout="inline"
            onFinish={(v: { userId: string }) => setUserId(v.userId.trim())}
            data-testid="find-user"
          >
            <Form.Item name="userId" rules={USER_ID_RULES}>
              <Input placeholder="UserID" aria-label="UserID to find" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              Find
            </Button>
          </Form>
        </Card>
        <Card title="Import a user" size="small">
          <Form
            layout="inline"
            onFinish={(v: { userId: string; nick?: string }) => importUser.mutate(v)}
            data-testid="import-user"
          >
            <Form.Item name="userId" rules={USER_ID_RULES}>
              <Input placeholder="UserID" aria-label="UserID to import" />
            </Form.Item>
            <Form.Item name="nick" rules={[{ max: 100, message: 'At most 100 characters' }]}>
              <Input placeholder="Nick (optional)" aria-label="Nick" />
            </Form.Item>
            <Button htmlType="submit" loading={importUser.isPending}>
              Import
            </Button>
          </Form>
        </Card>
      </Space>
      <ErrorAlert error={importUser.error} />
      <Done text={done} />
      {userId && (
        <User
          key={userId}
          sdkAppId={sdkAppId}
          userId={userId}
          onGone={() => setUserId(undefined)}
        />
      )}
    </>
  );
}

function User({
  sdkAppId,
  userId,
  onGone,
}: {
  sdkAppId: number;
  userId: string;
  onGone: () => void;
}) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const key = [CurrentAppKey, sdkAppId, 'user', userId];
  const check = useQuery({
    queryKey: [...key, 'check'],
    queryFn: () => appApi.checkUser(sdkAppId, userId),
  });
  const imported = check.data?.ResultItem[0]?.AccountStatus === 'Imported';
  const online = useQuery({
    queryKey: [...key, 'online'],
    queryFn: () => appApi.online(sdkAppId, userId),
    enabled: imported,
  });
  const kick = useMutation({
    mutationFn: () => appApi.kick(sdkAppId, userId),
    onSuccess: async () => {
      setDone(`Kicked ${userId}`);
      await queryClient.invalidateQueries({ queryKey: [...key, 'online'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => appApi.deleteUser(sdkAppId, userId),
    onSuccess: async () => {
      setDone(`Deleted ${userId}`);
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const state = online.data?.QueryResult[0];
  return (
    <Card
      title={<span data-testid="user-title">{userId}</span>}
      extra={
        <Space>
          <Popconfirm title={`Kick ${userId} off every device?`} onConfirm={() => kick.mutate()}>
            <Button disabled={!imported} loading={kick.isPending}>
              Kick
            </Button>
          </Popconfirm>
          <Popconfirm title={`Delete ${userId}?`} onConfirm={() => remove.mutate()}>
            <Button danger disabled={!imported} loading={remove.isPending}>
              Delete
            </Button>
          </Popconfirm>
          <Button onClick={onGone}>Close</Button>
        </Space>
      }
    >
      <ErrorAlert error={check.error ?? online.error ?? kick.error ?? remove.error} />
      <Done text={done} />
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Account">
          <Tag color={imported ? 'green' : 'default'} data-testid="user-status">
            {check.data?.ResultItem[0]?.AccountStatus ?? '…'}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Online">
          <span data-testid="user-online">{imported ? (state?.Status ?? '…') : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="Platforms">
          {(state?.Detail ?? []).map((d) => `${d.Platform}: ${d.Status}`).join(', ') || '—'}
        </Descriptions.Item>
      </Descriptions>
      {imported && (
        <Tabs
          items={[
            {
              key: 'profile',
              label: 'Profile',
              children: <Profile sdkAppId={sdkAppId} userId={userId} />,
            },
            {
              key: 'friends',
              label: 'Friends',
              children: <Friends sdkAppId={sdkAppId} userId={userId} />,
            },
            {
              key: 'blacklist',
              label: 'Blacklist',
              children: <Blacklist sdkAppId={sdkAppId} userId={userId} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

function Profile({ sdkAppId, userId }: { sdkAppId: number; userId: string }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const queryKey = [CurrentAppKey, sdkAppId, 'user', userId, 'profile'];
  const profile = useQuery({ queryKey, queryFn: () => appApi.profile(sdkAppId, userId) });
  const save = useMutation({
    mutationFn: (v: Record<string, string | undefined>) =>
      appApi.setProfile(
        sdkAppId,
        userId,
        PROFILE_FIELDS.filter((f) => v[f.tag] !== undefined).map((f) => ({
          tag: f.tag,
          value: v[f.tag] ?? '',
        })),
      ),
    onSuccess: async () => {
      setDone('Profile saved');
      await queryClient.invalidateQueries({ queryKey });
    },
  });
  if (profile.isPending) return null;
  const items: ProfileItem[] = profile.data?.UserProfileItem[0]?.ProfileItem ?? [];
  const initial = Object.fromEntries(items.map((i) => [i.Tag, i.Value]));
  return (
    <>
      <ErrorAlert error={profile.error ?? save.error} />
      <Done text={done} />
      <Form
        layout="horizontal"
        labelCol={{ span: 4 }}
        style={{ maxWidth: 640 }}
        initialValues={initial}
        onFinish={(v: Record<string, string | undefined>) => save.mutate(v)}
        data-testid="profile-form"
      >
        {PROFILE_FIELDS.map((f) => (
          <Form.Item key={f.tag} label={f.label} name={f.tag} rules={[{ max: 500 }]}>
            {f.kind === 'gender' ? (
              <Select
                allowClear
                options={['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'].map(
                  (v) => ({ value: v, label: v.replace('Gender_Type_', '') }),
                )}
              />
            ) : f.kind === 'allow' ? (
              <Select
                allowClear
                options={[
                  'AllowType_Type_NeedConfirm',
                  'AllowType_Type_AllowAny',
                  'AllowType_Type_DenyAny',
                ].map((v) => ({ value: v, label: v.replace('AllowType_Type_', '') }))}
              />
            ) : (
              <Input aria-label={f.label} />
            )}
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Save profile
        </Button>
      </Form>
    </>
  );
}

/** Friends, a page at a time from the platform's StartIndex (it picks the page size). */
function Friends({ sdkAppId, userId }: { sdkAppId: number; userId: string }) {
  const [starts, setStarts] = useState<number[]>([0]);
  const start = starts[starts.length - 1];
  const friends = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'user', userId, 'friends', start],
    queryFn: () => appApi.friends(sdkAppId, userId, start),
    placeholderData: keepPreviousData,
  });
  const data = friends.data;
  return (
    <>
      <ErrorAlert error={friends.error} />
      <Typography.Paragraph>Friends: {data?.FriendNum ?? '…'}</Typography.Paragraph>
      <Table
        rowKey="To_Account"
        size="small"
        data-testid="friends-table"
        loading={friends.isFetching}
        dataSource={data?.UserDataItem ?? []}
        pagination={false}
        columns={[
          { title: 'Friend', dataIndex: 'To_Account' },
          {
            title: 'Fields',
            dataIndex: 'ValueItem',
            render: (v?: ProfileItem[]) =>
              (v ?? [])
                .map((i) => `${i.Tag.replace('Tag_SNS_IM_', '')}=${String(i.Value)}`)
                .join(', '),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={starts.length === 1} onClick={() => setStarts(starts.slice(0, -1))}>
          Previous
        </Button>
        <Button
          disabled={!data || data.CompleteFlag === 1}
          onClick={() => data && setStarts([...starts, data.NextStartIndex])}
        >
          Next
        </Button>
      </Space>
    </>
  );
}

const BLACKLIST_PAGE = 20;

function Blacklist({ sdkAppId, userId }: { sdkAppId: number; userId: string }) {
  const [starts, setStarts] = useState<number[]>([0]);
  const start = starts[starts.length - 1];
  const list = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'user', userId, 'blacklist', start],
    queryFn: () => appApi.blacklist(sdkAppId, userId, start, BLACKLIST_PAGE),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="To_Account"
        size="small"
        data-testid="blacklist-table"
        loading={list.isFetching}
        dataSource={data?.BlackListItem ?? []}
        pagination={false}
        columns={[
          { title: 'Blocked user', dataIndex: 'To_Account' },
          {
            title: 'Since',
            dataIndex: 'AddBlackTimeStamp',
            render: (t: number) => new Date(t * 1000).toLocaleString(),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={starts.length === 1} onClick={() => setStarts(starts.slice(0, -1))}>
          Previous
        </Button>
        <Button
          disabled={!data || !data.StartIndex}
          onClick={() => data && setStarts([...starts, data.StartIndex])}
        >
          Next
        </Button>
      </Space>
    </>
  );
}
