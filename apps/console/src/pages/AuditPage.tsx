import { Table, Typography } from 'antd';

import { consoleApi } from '../api/console-api';
import type { OperatorAuditEntry } from '../api/console-api';
import { ErrorAlert } from '../components/ErrorAlert';
import { usePagedQuery } from './usePagedQuery';

/** Every write an operator made, newest first. */
export function AuditPage() {
  const { query, pagination } = usePagedQuery('audit', consoleApi.listAudit);
  return (
    <>
      <Typography.Title level={3}>Audit log</Typography.Title>
      <ErrorAlert error={query.error} />
      <Table<OperatorAuditEntry>
        rowKey="id"
        data-testid="audit-table"
        loading={query.isFetching}
        dataSource={query.data?.items}
        pagination={pagination}
        columns={[
          { title: 'When', dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString() },
          { title: 'Operator', dataIndex: 'operator' },
          { title: 'Action', dataIndex: 'action' },
          { title: 'Target', dataIndex: 'target' },
          {
            title: 'Detail',
            dataIndex: 'detail',
            render: (d: Record<string, unknown>) => <code>{JSON.stringify(d)}</code>,
          },
          { title: 'Address', dataIndex: 'clientIp' },
        ]}
      />
    </>
  );
}
