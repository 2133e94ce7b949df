import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';

import { appApi } from '../api/console-api';
import type { AppFeature, GroupMember } from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';
import { USER_ID_RULES } from './UsersPage';

const PAGE = 20;

/** Groups of the chosen app: list or find, info, members with roles, mute, owner, dismiss. */
export function GroupsPage() {
  return (
    <WithApp>
      {(app) => <Groups key={app.sdkAppId} sdkAppId={app.sdkAppId} features={app.features} />}
    </WithApp>
  );
}

const GROUP_TYPES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'BChatRoom'] as const;
/** Group types an app has only with their feature switched on (Apps page). */
const TYPE_FEATURE: Partial<Record<(typeof GROUP_TYPES)[number], AppFeature>> = {
  AVChatRoom: 'avchatroom',
  BChatRoom: 'bchatroom',
};
const utf8Bytes = (v: string) => new TextEncoder().encode(v).length;

interface CreateGroupForm {
  type: (typeof GROUP_TYPES)[number];
  name: string;
  owner?: string;
  groupId?: string;
  members?: string;
}

/** Creates a group through create_group; AVChatRoom / BChatRoom only where switched on. */
function CreateGroup({
  sdkAppId,
  features,
  onCreated,
}: {
  sdkAppId: number;
  features: AppFeature[];
  onCreated: (groupId: string) => void;
}) {
  const [form] = Form.useForm<CreateGroupForm>();
  const create = useMutation({
    mutationFn: (v: CreateGroupForm) =>
      appApi.createGroup(sdkAppId, {
        type: v.type,
        name: v.name.trim(),
        ...(v.owner?.trim() ? { owner: v.owner.trim() } : {}),
        ...(v.groupId?.trim() ? { groupId: v.groupId.trim() } : {}),
        ...(v.members?.trim() ? { members: v.members.trim().split(/[\s,]+/) } : {}),
      }),
    onSuccess: (r) => {
      form.resetFields();
      onCreated(r.GroupId);
    },
  });
  return (
    <Card title="Create a group" size="small" style={{ marginBottom: 16 }}>
      <ErrorAlert error={create.error} />
      <Form<CreateGroupForm>
        form={form}
        layout="inline"
        data-testid="create-group"
        initialValues={{ type: 'Public' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="type" rules={[{ required: true, message: 'Choose a type' }]}>
          <Select
            aria-label="Group type"
            style={{ width: 150 }}
            options={GROUP_TYPES.map((t) => {
              const feature = TYPE_FEATURE[t];
              const off = feature !== undefined && !features.includes(feature);
              return { value: t, label: off ? `${t} (switched off)` : t, disabled: off };
            })}
          />
        </Form.Item>
        <Form.Item
          name="name"
          rules={[
            { required: true, whitespace: true, message: 'Enter a name' },
            {
              validator: async (_r, v?: string) => {
                if (v && utf8Bytes(v.trim()) > 30) throw new Error('At most 30 bytes');
              },
            },
          ]}
        >
          <Input placeholder="Name" aria-label="Group name" />
        </Form.Item>
        <Form.Item
          name="owner"
          rules={[{ pattern: /^\S{1,32}$/, message: 'At most 32 characters, no spaces' }]}
        >
          <Input placeholder="Owner (default: admin)" aria-label="Group owner" />
        </Form.Item>
        <Form.Item
          name="groupId"
          rules={[{ pattern: /^\S{1,48}$/, message: 'At most 48 characters, no spaces' }]}
        >
          <Input placeholder="GroupId (optional)" aria-label="New GroupId" />
        </Form.Item>
        <Form.Item
          name="members"
          rules={[
            {
              validator: async (_r, v?: string) => {
                const ids = v?.trim() ? v.trim().split(/[\s,]+/) : [];
                if (ids.length > 100) throw new Error('At most 100 members');
                if (ids.some((m) => m.length > 32))
                  throw new Error('UserIDs of at most 32 characters');
              },
            },
          ]}
        >
          <Input placeholder="Members (optional, comma-separated)" aria-label="Group members" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          Create group
        </Button>
      </Form>
    </Card>
  );
}

function Groups({ sdkAppId, features }: { sdkAppId: number; features: AppFeature[] }) {
  const queryClient = useQueryClient();
  const [groupId, setGroupId] = useState<string>();
  const [done, setDone] = useState<string>();
  const [nexts, setNexts] = useState<number[]>([0]);
  const next = nexts[nexts.length - 1];
  const list = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'groups', next],
    queryFn: () => appApi.groups(sdkAppId, { limit: PAGE, next }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Typography.Title level={3}>Groups</Typography.Title>
      <Done text={done} />
      <CreateGroup
        sdkAppId={sdkAppId}
        features={features}
        onCreated={(id) => {
          setDone(`Created ${id}`);
          setGroupId(id);
          void queryClient.invalidateQueries({ queryKey: [CurrentAppKey, sdkAppId, 'groups'] });
        }}
      />
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        data-testid="find-group"
        onFinish={(v: { groupId: string }) => setGroupId(v.groupId.trim())}
      >
        <Form.Item
          name="groupId"
          rules={[
            { required: true, whitespace: true, message: 'Enter a GroupId' },
            { pattern: /^\S{1,48}$/, message: 'At most 48 characters, no spaces' },
          ]}
        >
          <Input placeholder="GroupId" aria-label="GroupId to find" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Find
        </Button>
      </Form>
      {groupId && (
        <Group
          key={groupId}
          sdkAppId={sdkAppId}
          groupId={groupId}
          onClose={() => setGroupId(undefined)}
        />
      )}
      <ErrorAlert error={list.error} />
      <Typography.Paragraph>Groups in the app: {list.data?.TotalCount ?? '…'}</Typography.Paragraph>
      <Table<{ GroupId: string }>
        rowKey="GroupId"
        size="small"
        data-testid="groups-table"
        loading={list.isFetching}
        dataSource={list.data?.GroupIdList ?? []}
        pagination={false}
        columns={[
          {
            title: 'GroupId',
            dataIndex: 'GroupId',
            render: (id: string) => (
              <Button type="link" onClick={() => setGroupId(id)}>
                {id}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={nexts.length === 1} onClick={() => setNexts(nexts.slice(0, -1))}>
          Previous
        </Button>
        <Button
          disabled={!list.data || !list.data.Next}
          onClick={() => list.data && setNexts([...nexts, list.data.Next])}
        >
          Next
        </Button>
      </Space>
    </>
  );
}

function Group({
  sdkAppId,
  groupId,
  onClose,
}: {
  sdkAppId: number;
  groupId: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const [page, setPage] = useState({ current: 1, pageSize: PAGE });
  const key = [CurrentAppKey, sdkAppId, 'group', groupId];
  const refresh = () => queryClient.invalidateQueries({ queryKey: [CurrentAppKey, sdkAppId] });
  const info = useQuery({
    queryKey: [...key, 'info'],
    queryFn: () => appApi.group(sdkAppId, groupId),
  });
  const group = info.data?.GroupInfo[0];
  const exists = group?.ErrorCode === 0;
  const members = useQuery({
    queryKey: [...key, 'members', page.current, page.pageSize],
    queryFn: () =>
      appApi.members(sdkAppId, groupId, {
        offset: (page.current - 1) * page.pageSize,
        limit: page.pageSize,
      }),
    enabled: exists,
    placeholderData: keepPreviousData,
  });
  const mute = useMutation({
    mutationFn: (v: { member: string; seconds: number }) =>
      appApi.mute(sdkAppId, groupId, [v.member.trim()], v.seconds),
    onSuccess: async (_r, v) => {
      setDone(v.seconds ? `Muted ${v.member} for ${v.seconds} s` : `Unmuted ${v.member}`);
      await refresh();
    },
  });
  const owner = useMutation({
    mutationFn: (v: { newOwner: string }) =>
      appApi.changeOwner(sdkAppId, groupId, v.newOwner.trim()),
    onSuccess: async (_r, v) => {
      setDone(`${v.newOwner} owns ${groupId}`);
      await refresh();
    },
  });
  const dismiss = useMutation({
    mutationFn: () => appApi.dismiss(sdkAppId, groupId),
    onSuccess: async () => {
      setDone(`Dismissed ${groupId}`);
      await refresh();
    },
  });
  return (
    <Card
      title={<span data-testid="group-title">{groupId}</span>}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Popconfirm
            title={`Dismiss ${groupId}? Its members and messages go.`}
            onConfirm={() => dismiss.mutate()}
          >
            <Button danger disabled={!exists} loading={dismiss.isPending}>
              Dismiss
            </Button>
          </Popconfirm>
          <Button onClick={onClose}>Close</Button>
        </Space>
      }
    >
      <ErrorAlert
        error={info.error ?? members.error ?? mute.error ?? owner.error ?? dismiss.error}
      />
      {group && !exists && (
        <ErrorAlert error={new Error(`${group.ErrorCode}: ${group.ErrorInfo ?? ''}`)} />
      )}
      <Done text={done} />
      {exists && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
            {[
              'Type',
              'Name',
              'Owner_Account',
              'MemberNum',
              'MaxMemberNum',
              'ApplyJoinOption',
              'CreateTime',
              'ShutUpAllMember',
              'NextMsgSeq',
            ].map((k) => (
              <Descriptions.Item key={k} label={k}>
                {k === 'CreateTime'
                  ? new Date(Number(group[k]) * 1000).toLocaleString()
                  : String(group[k] ?? '—')}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Space align="start" wrap style={{ marginBottom: 16 }}>
            <Form
              layout="inline"
              data-testid="mute-form"
              onFinish={(v: { member: string; seconds: number }) => mute.mutate(v)}
            >
              <Form.Item name="member" rules={USER_ID_RULES}>
                <Input placeholder="Member" aria-label="Member to mute" />
              </Form.Item>
              <Form.Item
                name="seconds"
                rules={[{ required: true, message: 'Seconds (0 unmutes)' }]}
              >
                <InputNumber min={0} max={0xffffffff} precision={0} placeholder="Seconds" />
              </Form.Item>
              <Button htmlType="submit" loading={mute.isPending}>
                Mute
              </Button>
            </Form>
            <Form
              layout="inline"
              data-testid="owner-form"
              onFinish={(v: { newOwner: string }) => owner.mutate(v)}
            >
              <Form.Item name="newOwner" rules={USER_ID_RULES}>
                <Input placeholder="New owner" aria-label="New owner" />
              </Form.Item>
              <Button htmlType="submit" loading={owner.isPending}>
                Change owner
              </Button>
            </Form>
          </Space>
          <Table<GroupMember>
            rowKey="Member_Account"
            size="small"
            data-testid="members-table"
            loading={members.isFetching}
            dataSource={members.data?.MemberList ?? []}
            pagination={{
              ...page,
              total: members.data?.MemberNum ?? 0,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              { title: 'Member', dataIndex: 'Member_Account' },
              {
                title: 'Role',
                dataIndex: 'Role',
                render: (r: string) => (
                  <Tag color={r === 'Owner' ? 'gold' : r === 'Admin' ? 'blue' : 'default'}>{r}</Tag>
                ),
              },
              {
                title: 'Joined',
                dataIndex: 'JoinTime',
                render: (t: number) => new Date(t * 1000).toLocaleString(),
              },
              {
                title: 'Muted until',
                dataIndex: 'ShutUpUntil',
                render: (t?: number) =>
                  t && t * 1000 > Date.now() ? new Date(t * 1000).toLocaleString() : '—',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
