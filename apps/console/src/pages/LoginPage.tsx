import { Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { consoleApi } from '../api/console-api';
import { ErrorAlert } from '../components/ErrorAlert';

interface LoginForm {
  username: string;
  password: string;
}

/** Operator login; `npm start` prints the first operator and its one-time password. */
export function LoginPage() {
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (v: LoginForm) => consoleApi.login(v.username, v.password),
    onSuccess: (session) => queryClient.setQueryData(['session'], session),
  });
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
      <Card title="IM platform console" style={{ width: 380 }}>
        <Typography.Paragraph type="secondary">
          Log in as an operator. The first operator and its password are printed once by npm start.
        </Typography.Paragraph>
        <ErrorAlert error={login.error} />
        <Form<LoginForm> layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item
            label="Operator"
            name="username"
            rules={[
              { required: true, message: 'Enter the operator name' },
              { pattern: /^[A-Za-z0-9._@-]{1,64}$/, message: 'Letters, digits and ._@- only' },
            ]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            label="Password"
            name="password"
            rules={[{ required: true, message: 'Enter the password' }, { max: 256 }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            Log in
          </Button>
        </Form>
      </Card>
    </div>
  );
}
