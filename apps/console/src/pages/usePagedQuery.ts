import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';

import type { Page } from '../api/client';
import type { PageQuery } from '../api/console-api';

/** A server-paged list for an antd Table: the query and its pagination props. */
export function usePagedQuery<T>(key: string, fetchPage: (q: PageQuery) => Promise<Page<T>>) {
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: [key, page.current, page.pageSize],
    queryFn: () => fetchPage({ offset: (page.current - 1) * page.pageSize, limit: page.pageSize }),
    placeholderData: keepPreviousData,
  });
  const pagination: TablePaginationConfig = {
    current: page.current,
    pageSize: page.pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    onChange: (current, pageSize) => setPage({ current, pageSize }),
  };
  return { query, pagination };
}
