import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';

import { ApiError } from './api/client';
import { consoleApi } from './api/console-api';
import { AppPicker, CurrentAppProvider } from './components/CurrentApp';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginPage } from './pages/LoginPage';
import { ROUTES, useRoute } from './router';

/** The console: the login page without a session, else the menu and the current page. */
export function App() {
  const queryClient = useQueryClient();
  const [path, navigate] = useRoute();
  const session = useQuery({
    queryKey: ['session'],
    queryFn: consoleApi.session,
    retry: false,
  });
  const logout = useMutation({
    mutationFn: consoleApi.logout,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
    },
  });

  if (session.isPending) return <Spin fullscreen />;
  const loggedOut =
    !session.data || (session.error instanceof ApiError && session.error.status === 401);
  if (loggedOut) {
    if (session.error && !(session.error instanceof ApiError && session.error.status === 401)) {
      return <ErrorAlert error={session.error} />;
    }
    return <LoginPage />;
  }
  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0];
  return (
    <CurrentAppProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider theme="light" width={200}>
          <Typography.Title level={4} style={{ padding: '16px 24px', margin: 0 }}>
            IM console
          </Typography.Title>
          <Menu
            mode="inline"
            selectedKeys={[route.path]}
            items={ROUTES.map((r) => ({ key: r.path, label: r.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', textAlign: 'right' }}>
            <Space>
              <AppPicker />
              <span data-testid="operator-name">{session.data.username}</span>
              <Button onClick={() => logout.mutate()} loading={logout.isPending}>
                Log out
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <ErrorAlert error={logout.error} />
            {route.render()}
          </Layout.Content>
        </Layout>
      </Layout>
    </CurrentAppProvider>
  );
}
