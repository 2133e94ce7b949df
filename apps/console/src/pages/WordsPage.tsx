import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';

import { appApi } from '../api/console-api';
import { CurrentAppKey, WithApp } from '../components/CurrentApp';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';
import { usePagedQuery } from './usePagedQuery';

/** A message containing one of these words is refused (docs/rest-api.md §9.1). */
export function WordsPage() {
  return <WithApp>{(app) => <Words key={app.sdkAppId} sdkAppId={app.sdkAppId} />}</WithApp>;
}

function Words({ sdkAppId }: { sdkAppId: number }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const [form] = Form.useForm<{ words: string }>();
  const { query, pagination } = usePagedQuery(`${CurrentAppKey}-${sdkAppId}-words`, (q) =>
    appApi.words(sdkAppId, q),
  );
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: [`${CurrentAppKey}-${sdkAppId}-words`] });
  const add = useMutation({
    mutationFn: (words: string[]) => appApi.addWords(sdkAppId, words),
    onSuccess: async (_r, words) => {
      setDone(`Added ${words.length} word(s)`);
      form.resetFields();
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (word: string) => appApi.deleteWords(sdkAppId, [word]),
    onSuccess: async (_r, word) => {
      setDone(`Deleted ${word}`);
      await refresh();
    },
  });
  return (
    <>
      <Typography.Title level={3}>Sensitive words</Typography.Title>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16 }}
        data-testid="add-words"
        onFinish={(v) =>
          add.mutate(
            v.words
              .split(',')
              .map((w) => w.trim())
              .filter(Boolean),
          )
        }
      >
        <Form.Item
          name="words"
          rules={[
            { required: true, whitespace: true, message: 'Enter one or more words' },
            {
              validator: async (_r, value?: string) => {
                const words = (value ?? '')
                  .split(',')
                  .map((w) => w.trim())
                  .filter(Boolean);
                if (words.length > 50) throw new Error('At most 50 words at a time');
                if (words.some((w) => new TextEncoder().encode(w).length > 200)) {
                  throw new Error('A word is at most 200 bytes');
                }
              },
            },
          ]}
        >
          <Input
            placeholder="word, another word"
            aria-label="Words to add"
            style={{ width: 320 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          Add
        </Button>
      </Form>
      <ErrorAlert error={query.error ?? add.error ?? remove.error} />
      <Done text={done} />
      <Table<{ word: string }>
        rowKey="word"
        data-testid="words-table"
        loading={query.isFetching}
        dataSource={(query.data?.items ?? []).map((word) => ({ word }))}
        pagination={pagination}
        columns={[
          { title: 'Word', dataIndex: 'word' },
          {
            title: '',
            key: 'delete',
            render: (_: unknown, r: { word: string }) => (
              <Popconfirm title={`Delete “${r.word}”?`} onConfirm={() => remove.mutate(r.word)}>
                <Button size="small" danger>
                  Delete
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
