import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';

import { AppsPage } from './pages/AppsPage';
import { AuditPage } from './pages/AuditPage';
import { CallbacksPage } from './pages/CallbacksPage';
import { GroupsPage } from './pages/GroupsPage';
import { MessagesPage } from './pages/MessagesPage';
import { PushPage } from './pages/PushPage';
import { StatsPage } from './pages/StatsPage';
import { UsersPage } from './pages/UsersPage';
import { WordsPage } from './pages/WordsPage';

/** A page of the console: its path under /console, its menu label and its component. */
export interface ConsoleRoute {
  path: string;
  label: string;
  render: () => ReactNode;
}

/** The pages in menu order; a new page (users, groups, ...) is one more row. */
export const ROUTES: ConsoleRoute[] = [
  { path: '/apps', label: 'Apps', render: () => <AppsPage /> },
  { path: '/users', label: 'Users', render: () => <UsersPage /> },
  { path: '/messages', label: 'Messages', render: () => <MessagesPage /> },
  { path: '/groups', label: 'Groups', render: () => <GroupsPage /> },
  { path: '/sensitive-words', label: 'Sensitive words', render: () => <WordsPage /> },
  { path: '/callbacks', label: 'Callbacks', render: () => <CallbacksPage /> },
  { path: '/push', label: 'Push', render: () => <PushPage /> },
  { path: '/statistics', label: 'Statistics', render: () => <StatsPage /> },
  { path: '/audit', label: 'Audit log', render: () => <AuditPage /> },
];

const BASE = '/console';

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE)
    ? window.location.pathname.slice(BASE.length)
    : '/';
  return path === '' || path === '/' ? ROUTES[0].path : path.replace(/\/+$/, '');
}

/** The page path and a way to go elsewhere (history API; the gateway serves the page there). */
export function useRoute(): [string, (path: string) => void] {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', `${BASE}${to}`);
    setPath(to);
  }, []);
  return [path, navigate];
}
