import { useQuery } from '@tanstack/react-query';
import { Alert, Select } from 'antd';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';

import { consoleApi } from '../api/console-api';
import type { OperatorAppSummary } from '../api/console-api';

const STORAGE_KEY = 'im-console-app';

/** The first part of the query keys of every call on one app's data. */
export const CurrentAppKey = 'app';

interface CurrentAppValue {
  app?: OperatorAppSummary;
  setSdkAppId: (id: number) => void;
  apps: OperatorAppSummary[];
}

const Ctx = createContext<CurrentAppValue>({ apps: [], setSdkAppId: () => undefined });

/** The app the users, messages, words, groups and statistics pages act on (kept per browser). */
export function CurrentAppProvider({ children }: { children: ReactNode }) {
  // the picker offers the newest 100 apps (one server page); the Apps page lists them all
  const apps = useQuery({
    queryKey: ['apps', 'picker'],
    queryFn: () => consoleApi.listApps({ offset: 0, limit: 100 }),
  });
  const [sdkAppId, setId] = useState<number | undefined>(() => {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : undefined;
  });
  const items = apps.data?.items ?? [];
  const app = items.find((a) => a.sdkAppId === sdkAppId) ?? items[0];
  useEffect(() => {
    if (app) localStorage.setItem(STORAGE_KEY, String(app.sdkAppId));
  }, [app]);
  return <Ctx.Provider value={{ app, apps: items, setSdkAppId: setId }}>{children}</Ctx.Provider>;
}

export function useCurrentApp(): CurrentAppValue {
  return useContext(Ctx);
}

/** The header's app picker. */
export function AppPicker() {
  const { app, apps, setSdkAppId } = useCurrentApp();
  return (
    <Select
      data-testid="app-picker"
      style={{ width: 280 }}
      placeholder="Choose an app"
      value={app?.sdkAppId}
      onChange={(id: number) => setSdkAppId(id)}
      options={apps.map((a) => ({ value: a.sdkAppId, label: `${a.sdkAppId} · ${a.name}` }))}
    />
  );
}

/** Renders the page for the chosen app, or says to create one first. */
export function WithApp({ children }: { children: (app: OperatorAppSummary) => ReactNode }) {
  const { app } = useCurrentApp();
  if (!app) return <Alert type="info" title="Create an app on the Apps page first." />;
  return <>{children(app)}</>;
}
