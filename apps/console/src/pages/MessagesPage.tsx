import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';

import { appApi } from '../api/console-api';
import type { GroupMsg, OperatorAppSummary, RoamMsg } from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';
import { USER_ID_RULES } from './UsersPage';

const PAGE = 20;
const GROUP_ID_RULES = [
  { required: true, whitespace: true, message: 'Enter a GroupId' },
  { pattern: /^\S{1,48}$/, message: 'At most 48 characters, no spaces' },
];
const TEXT_RULES = [
  { required: true, whitespace: true, message: 'Enter the text' },
  { max: 4000, message: 'At most 4000 characters' },
];

type Target = { kind: 'c2c'; user: string; peer: string } | { kind: 'group'; groupId: string };

/** Roaming history of a C2C pair or a group; send as the admin; recall. */
export function MessagesPage() {
  return <WithApp>{(app) => <Messages key={app.sdkAppId} app={app} />}</WithApp>;
}

function Messages({ app }: { app: OperatorAppSummary }) {
  const admin = app.adminIdentifiers[0];
  const [kind, setKind] = useState<'c2c' | 'group'>('c2c');
  const [target, setTarget] = useState<Target>();
  const [done, setDone] = useState<string>();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: async (v: { from?: string; to?: string; groupId?: string; text: string }) => {
      const from = v.from?.trim() || undefined;
      if (kind === 'c2c') {
        const r = await appApi.sendC2c(app.sdkAppId, { from, to: v.to!.trim(), text: v.text });
        return {
          text: `Sent, MsgKey ${r.MsgKey}`,
          target: { kind, user: v.to!.trim(), peer: from ?? admin } as Target,
        };
      }
      const r = await appApi.sendGroup(app.sdkAppId, v.groupId!.trim(), { from, text: v.text });
      return {
        text: `Sent, MsgSeq ${r.MsgSeq}`,
        target: { kind, groupId: v.groupId!.trim() } as Target,
      };
    },
    onSuccess: async (r) => {
      setDone(r.text);
      setTarget(r.target);
      await queryClient.invalidateQueries({ queryKey: [CurrentAppKey, app.sdkAppId, 'history'] });
    },
  });
  return (
    <>
      <Typography.Title level={3}>Messages</Typography.Title>
      <Radio.Group
        value={kind}
        onChange={(e) => setKind(e.target.value as 'c2c' | 'group')}
        optionType="button"
        options={[
          { value: 'c2c', label: 'C2C' },
          { value: 'group', label: 'Group' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Space align="start" wrap style={{ marginBottom: 16 }}>
        <Card title="History" size="small">
          <Form
            key={kind}
            layout="inline"
            data-testid="history-form"
            onFinish={(v: { user?: string; peer?: string; groupId?: string }) =>
              setTarget(
                kind === 'c2c'
                  ? { kind, user: v.user!.trim(), peer: v.peer!.trim() }
                  : { kind, groupId: v.groupId!.trim() },
              )
            }
          >
            {kind === 'c2c' ? (
              <>
                <Form.Item name="user" rules={USER_ID_RULES}>
                  <Input placeholder="User" aria-label="History user" />
                </Form.Item>
                <Form.Item name="peer" rules={USER_ID_RULES} initialValue={admin}>
                  <Input placeholder="Peer" aria-label="History peer" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="groupId" rules={GROUP_ID_RULES}>
                <Input placeholder="GroupId" aria-label="History group" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit">
              Show
            </Button>
          </Form>
        </Card>
        <Card title={`Send as ${admin} (or as a user)`} size="small">
          <Form
            key={kind}
            layout="inline"
            data-testid="send-form"
            onFinish={(v: { from?: string; to?: string; groupId?: string; text: string }) =>
              send.mutate(v)
            }
          >
            <Form.Item
              name="from"
              rules={[{ pattern: /^\S{1,32}$/, message: 'At most 32 characters' }]}
            >
              <Input placeholder={`From (default ${admin})`} aria-label="Send from" />
            </Form.Item>
            {kind === 'c2c' ? (
              <Form.Item name="to" rules={USER_ID_RULES}>
                <Input placeholder="To" aria-label="Send to" />
              </Form.Item>
            ) : (
              <Form.Item name="groupId" rules={GROUP_ID_RULES}>
                <Input placeholder="GroupId" aria-label="Send to group" />
              </Form.Item>
            )}
            <Form.Item name="text" rules={TEXT_RULES}>
              <Input placeholder="Text" aria-label="Message text" />
            </Form.Item>
            <Button htmlType="submit" loading={send.isPending}>
              Send
            </Button>
          </Form>
        </Card>
      </Space>
      <ErrorAlert error={send.error} />
      <Done text={done} />
      {target?.kind === 'c2c' && (
        <C2cHistory key={`${target.user}/${target.peer}`} sdkAppId={app.sdkAppId} {...target} />
      )}
      {target?.kind === 'group' && (
        <GroupHistory key={target.groupId} sdkAppId={app.sdkAppId} groupId={target.groupId} />
      )}
    </>
  );
}

function textOf(body: RoamMsg['MsgBody']): string {
  return body
    .map((e) => (e.MsgType === 'TIMTextElem' ? String(e.MsgContent.Text) : `[${e.MsgType}]`))
    .join(' ');
}

/** A C2C pair's history, newest first, a page at a time (the platform's LastMsgKey). */
function C2cHistory({ sdkAppId, user, peer }: { sdkAppId: number; user: string; peer: string }) {
  const queryClient = useQueryClient();
  // older pages continue from the last page's LastMsgKey and LastMsgTime
  const [cursors, setCursors] = useState<({ key: string; time: number } | undefined)[]>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const [done, setDone] = useState<string>();
  const history = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'history', 'c2c', user, peer, cursor?.key],
    queryFn: () =>
      appApi.c2cHistory(sdkAppId, {
        user,
        peer,
        limit: PAGE,
        lastMsgKey: cursor?.key,
        maxTime: cursor?.time,
      }),
    placeholderData: keepPreviousData,
  });
  const recall = useMutation({
    mutationFn: (m: RoamMsg) =>
      appApi.recallC2c(sdkAppId, { from: m.From_Account, to: m.To_Account, msgKey: m.MsgKey }),
    onSuccess: async (_r, m) => {
      setDone(`Recalled ${m.MsgKey}`);
      await queryClient.invalidateQueries({ queryKey: [CurrentAppKey, sdkAppId, 'history'] });
    },
  });
  return (
    <Card title={`History of ${user} and ${peer}`} size="small">
      <ErrorAlert error={history.error ?? recall.error} />
      <Done text={done} />
      <Table<RoamMsg>
        rowKey="MsgKey"
        size="small"
        data-testid="history-table"
        loading={history.isFetching}
        dataSource={history.data?.MsgList ?? []}
        pagination={false}
        columns={[
          {
            title: 'Time',
            dataIndex: 'MsgTimeStamp',
            render: (t: number) => new Date(t * 1000).toLocaleString(),
          },
          { title: 'From', dataIndex: 'From_Account' },
          { title: 'To', dataIndex: 'To_Account' },
          {
            title: 'Text',
            key: 'text',
            render: (_: unknown, m: RoamMsg) =>
              m.MsgFlagBits & 8 ? <Tag data-testid="recalled">recalled</Tag> : textOf(m.MsgBody),
          },
          { title: 'MsgKey', dataIndex: 'MsgKey' },
          {
            title: '',
            key: 'recall',
            render: (_: unknown, m: RoamMsg) =>
              m.MsgFlagBits & 8 ? null : (
                <Popconfirm
                  title="Recall this message for both sides?"
                  onConfirm={() => recall.mutate(m)}
                >
                  <Button size="small" danger>
                    Recall
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </Button>
        <Button
          disabled={!history.data || history.data.Complete === 1}
          onClick={() =>
            history.data &&
            setCursors([
              ...cursors,
              { key: history.data.LastMsgKey, time: history.data.LastMsgTime },
            ])
          }
        >
          Older
        </Button>
      </Space>
    </Card>
  );
}

/** A group's history, newest first, a page at a time (down from a MsgSeq). */
function GroupHistory({ sdkAppId, groupId }: { sdkAppId: number; groupId: string }) {
  const queryClient = useQueryClient();
  const [seqs, setSeqs] = useState<(number | undefined)[]>([undefined]);
  const seq = seqs[seqs.length - 1];
  const [done, setDone] = useState<string>();
  const history = useQuery({
    queryKey: [CurrentAppKey, sdkAppId, 'history', 'group', groupId, seq],
    queryFn: () => appApi.groupHistory(sdkAppId, groupId, { limit: PAGE, reqMsgSeq: seq }),
    placeholderData: keepPreviousData,
  });
  const recall = useMutation({
    mutationFn: (m: GroupMsg) => appApi.recallGroup(sdkAppId, groupId, m.MsgSeq),
    onSuccess: async (_r, m) => {
      setDone(`Recalled MsgSeq ${m.MsgSeq}`);
      await queryClient.invalidateQueries({ queryKey: [CurrentAppKey, sdkAppId, 'history'] });
    },
  });
  const list = history.data?.RspMsgList ?? [];
  const oldest = list.length ? Math.min(...list.map((m) => m.MsgSeq)) : 0;
  return (
    <Card title={`History of ${groupId}`} size="small">
      <ErrorAlert error={history.error ?? recall.error} />
      <Done text={done} />
      <Table<GroupMsg>
        rowKey="MsgSeq"
        size="small"
        data-testid="history-table"
        loading={history.isFetching}
        dataSource={list}
        pagination={false}
        columns={[
          { title: 'Seq', dataIndex: 'MsgSeq' },
          {
            title: 'Time',
            dataIndex: 'MsgTimeStamp',
            render: (t: number) => new Date(t * 1000).toLocaleString(),
          },
          { title: 'From', dataIndex: 'From_Account' },
          {
            title: 'Text',
            key: 'text',
            render: (_: unknown, m: GroupMsg) =>
              m.IsPlaceMsg ? (
                <Tag data-testid="recalled">recalled or deleted</Tag>
              ) : (
                textOf(m.MsgBody)
              ),
          },
          {
            title: '',
            key: 'recall',
            render: (_: unknown, m: GroupMsg) =>
              m.IsPlaceMsg ? null : (
                <Popconfirm title="Recall this message?" onConfirm={() => recall.mutate(m)}>
                  <Button size="small" danger>
                    Recall
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={seqs.length === 1} onClick={() => setSeqs(seqs.slice(0, -1))}>
          Newer
        </Button>
        <Button
          disabled={!history.data || history.data.IsFinished === 1 || oldest <= 1}
          onClick={() => setSeqs([...seqs, oldest - 1])}
        >
          Older
        </Button>
      </Space>
    </Card>
  );
}
