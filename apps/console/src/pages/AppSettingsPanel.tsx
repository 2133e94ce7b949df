import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';

import { consoleApi } from '../api/console-api';
import type { AppSettingsView, EditableSettings } from '../api/console-api';
import { Done } from '../components/Done';
import { ErrorAlert } from '../components/ErrorAlert';

const FIELD_LISTS = [
  { key: 'profileCustomFields', label: 'Custom profile fields' },
  { key: 'snsCustomFields', label: 'Custom friend fields' },
  { key: 'groupCustomFields', label: 'Custom group fields' },
  { key: 'groupMemberCustomFields', label: 'Custom group member fields' },
] as const;

const LIMITS = [
  { key: 'friendLimit', label: 'Friends per user', min: 1, max: 100_000 },
  { key: 'blacklistLimit', label: 'Blacklist entries per user', min: 1, max: 100_000 },
  { key: 'groupDailyCreateLimit', label: 'Groups created per day', min: 0, max: 100_000_000 },
  { key: 'groupMemberCap', label: 'Members per group', min: 1, max: 10_000 },
  { key: 'restRateLimitPerSecond', label: 'REST requests per second', min: 1, max: 1_000_000 },
] as const;

type FieldListKey = (typeof FIELD_LISTS)[number]['key'];
type LimitKey = (typeof LIMITS)[number]['key'];

type SettingsForm = {
  admins: string;
  multiLoginPolicy?: EditableSettings['multiLoginPolicy'];
  roamingDays?: number;
} & Partial<Record<LimitKey, number>> &
  Partial<Record<FieldListKey, string>>;

/** A JSON array of at most 100 declarations, each an object with a `key`. */
function parseDeclarations(text?: string): Record<string, unknown>[] | undefined {
  if (!text?.trim()) return undefined;
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || value.length > 100) throw new Error('not a list');
  for (const d of value) {
    if (typeof d !== 'object' || d === null || typeof (d as { key?: unknown }).key !== 'string')
      throw new Error('not a declaration');
  }
  return value as Record<string, unknown>[];
}

function toForm(view: AppSettingsView): SettingsForm {
  const s = view.settings;
  return {
    admins: view.adminIdentifiers.join(', '),
    multiLoginPolicy: s.multiLoginPolicy,
    roamingDays: s.message?.roamingDays,
    ...Object.fromEntries(LIMITS.map((l) => [l.key, s[l.key]])),
    ...Object.fromEntries(
      FIELD_LISTS.map((f) => [f.key, s[f.key] ? JSON.stringify(s[f.key], null, 2) : '']),
    ),
  };
}

/**
 * An app's admin identifiers, multi-login policy, roaming retention, limits and custom field
 * declarations; absent values are the platform defaults and are left unchanged.
 */
export function AppSettingsPanel({ sdkAppId }: { sdkAppId: number }) {
  const queryClient = useQueryClient();
  const queryKey = ['app-settings', sdkAppId];
  const [done, setDone] = useState<string>();
  const view = useQuery({ queryKey, queryFn: () => consoleApi.getAppSettings(sdkAppId) });
  const save = useMutation({
    mutationFn: (v: SettingsForm) => {
      const settings: EditableSettings = {};
      if (v.multiLoginPolicy) settings.multiLoginPolicy = v.multiLoginPolicy;
      if (v.roamingDays != null) settings.message = { roamingDays: v.roamingDays };
      for (const l of LIMITS) if (v[l.key] != null) settings[l.key] = v[l.key];
      for (const f of FIELD_LISTS) {
        const list = parseDeclarations(v[f.key]);
        if (list) settings[f.key] = list;
      }
      return consoleApi.setAppSettings(sdkAppId, {
        adminIdentifiers: v.admins
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
        settings,
      });
    },
    onSuccess: async (saved) => {
      setDone('Settings saved');
      queryClient.setQueryData(queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['apps'] });
    },
  });
  if (view.isPending) return null;
  if (!view.data) return <ErrorAlert error={view.error} />;
  return (
    <>
      <ErrorAlert error={save.error} />
      <Done text={done} />
      <Form<SettingsForm>
        layout="vertical"
        data-testid="app-settings-form"
        initialValues={toForm(view.data)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label="Admin identifiers (comma-separated; the first acts for the console)"
          name="admins"
          rules={[
            { required: true, whitespace: true, message: 'At least one admin identifier' },
            {
              pattern: /^\s*[^,\s]{1,32}(\s*,\s*[^,\s]{1,32}){0,9}\s*$/,
              message: 'Up to 10 identifiers of at most 32 characters',
            },
          ]}
        >
          <Input aria-label="Admin identifiers" />
        </Form.Item>
        <Form.Item label="Multi-login policy" name="multiLoginPolicy">
          <Select
            aria-label="Multi-login policy"
            placeholder="per-platform (default)"
            options={[
              { value: 'per-platform', label: 'One session per platform' },
              { value: 'single', label: 'One session in all' },
              { value: 'multi', label: 'Any number of sessions' },
            ]}
          />
        </Form.Item>
        <Form.Item
          label="Roaming history (days)"
          name="roamingDays"
          rules={[{ type: 'integer', min: 1, max: 36_500, message: '1 to 36500 days' }]}
        >
          <InputNumber aria-label="Roaming days" placeholder="7 (default)" style={{ width: 200 }} />
        </Form.Item>
        {LIMITS.map((l) => (
          <Form.Item
            key={l.key}
            label={l.label}
            name={l.key}
            rules={[{ type: 'integer', min: l.min, max: l.max, message: `${l.min} to ${l.max}` }]}
          >
            <InputNumber aria-label={l.label} placeholder="default" style={{ width: 200 }} />
          </Form.Item>
        ))}
        <Typography.Paragraph type="secondary">
          Custom fields: a JSON list of declarations, e.g.{' '}
          <code>
            {
              '[{"key":"Tag_Profile_Custom_Level","type":"string","read":["App","AppAdmin"],"write":["AppAdmin"]}]'
            }
          </code>{' '}
          (docs/console.md); empty = unchanged.
        </Typography.Paragraph>
        {FIELD_LISTS.map((f) => (
          <Form.Item
            key={f.key}
            label={f.label}
            name={f.key}
            rules={[
              {
                validator: async (_r, v?: string) => {
                  try {
                    parseDeclarations(v);
                  } catch {
                    throw new Error('A JSON list of at most 100 objects, each with a "key"');
                  }
                },
              },
            ]}
          >
            <Input.TextArea aria-label={f.label} rows={3} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Save settings
        </Button>
      </Form>
    </>
  );
}
