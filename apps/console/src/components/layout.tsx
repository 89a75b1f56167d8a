import { AppShell, Badge, Box, Burger, Button, Divider, Group, NativeSelect, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { unwrap, type Permission } from '@chainloom/sdk';
import { api } from '../api';
import { useMe } from '../session';
import { en } from '../i18n/en';
import { LanguageSwitch } from './language-switch';
import { ErrorAlert, Loading } from './feedback';

type NavKey = keyof typeof en.nav;
interface NavItem {
  to: string;
  label: NavKey;
  permission?: Permission;
  end?: boolean;
}

const TENANT_NAV: NavItem[] = [
  { to: '/', label: 'dashboard', end: true },
  { to: '/networks', label: 'networks', permission: 'networks:read' },
  { to: '/certificates', label: 'certificates', permission: 'certificates:read' },
  { to: '/api-keys', label: 'apiKeys', permission: 'keys:manage' },
  { to: '/members', label: 'members', permission: 'members:read' },
  { to: '/webhooks', label: 'webhooks', permission: 'webhooks:manage' },
  { to: '/audit', label: 'audit', permission: 'audit:read' },
  { to: '/settings', label: 'settings', permission: 'tenant:read' },
];
const ADMIN_NAV: NavItem[] = [
  { to: '/admin/tenants', label: 'tenants' },
  { to: '/admin/verifications', label: 'verifications' },
  { to: '/admin/health', label: 'health' },
  { to: '/admin/usage', label: 'usage' },
];

/**
 * For a user in more than one tenant: moves the session to another tenant (the server checks the
 * membership), then starts over from the dashboard with an empty cache, since every cached
 * answer belonged to the previous tenant.
 */
function TenantSwitch({ onSwitched }: { onSwitched: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation({
    mutationFn: (tenantId: string) => unwrap(api.PUT('/v1/sessions/current/tenant', { body: { tenantId } })),
    onSuccess: (next) => {
      client.clear();
      client.setQueryData(['me'], next);
      onSwitched();
      void navigate('/');
    },
  });
  if (me.memberships.length < 2) return null;
  return (
    <Box px="xs" pb="xs">
      {/* A native select: keyboard and screen-reader friendly everywhere, phones included, and
          it keeps the combobox code out of the first page's JavaScript. */}
      <NativeSelect
        size="xs"
        label={t('nav.tenant')}
        data={me.memberships.map((m) => ({ value: m.tenantId, label: `${m.tenantName} · ${t(`roles.${m.role}`)}` }))}
        value={me.tenant?.id ?? ''}
        onChange={(e) => {
          const id = e.currentTarget.value;
          if (id && id !== me.tenant?.id) change.mutate(id);
        }}
        disabled={change.isPending}
        data-testid="tenant-switch"
      />
      {change.isError ? <ErrorAlert error={change.error} /> : null}
    </Box>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const logout = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/sessions/current')),
    onSettled: () => {
      client.clear();
      client.setQueryData(['me'], null);
      void navigate('/login');
    },
  });

  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={RouterLink}
      to={item.to}
      end={item.end}
      label={t(`nav.${item.label}`)}
      active={item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)}
      onClick={close}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} size="lg" c="indigo">
              Chainloom
            </Text>
            {me.tenant ? (
              <Text size="sm" c="dimmed" truncate visibleFrom="xs" data-testid="tenant-name">
                {me.tenant.name}
              </Text>
            ) : null}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section>
          <TenantSwitch onSwitched={close} />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {me.tenant ? TENANT_NAV.filter((i) => !i.permission || me.permissions.includes(i.permission)).map(link) : null}
          {me.user.platformAdmin ? (
            <>
              <Divider my="xs" label={t('nav.admin')} labelPosition="left" />
              {ADMIN_NAV.map(link)}
            </>
          ) : null}
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="xs" />
          <Box px="sm" pb="xs">
            <Text size="sm" truncate>
              {me.user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {me.user.email}
            </Text>
            {me.role ? (
              <Badge size="xs" variant="outline" mt={4}>
                {t(`roles.${me.role}`)}
              </Badge>
            ) : null}
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
