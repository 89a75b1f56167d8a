import { Alert, Anchor, Button, Card, Grid, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, type Tenant } from '@chainloom/sdk';
import { api } from '../api';
import { Empty, ErrorAlert, Loading, QueryView } from '../components/feedback';
import { PageHeader } from '../components/page-header';
import { StatusBadge } from '../components/status-badge';
import { formatNumber, startOfToday } from '../format';
import { networksQuery, tenantQuery } from '../queries';
import { useCan, useMe } from '../session';

const firstOfMonth = () => new Date().toISOString().slice(0, 8) + '01';

function QuotaBar({ label, used, limit }: { label: string; used: number; limit: number }) {
  const { t } = useTranslation();
  const pct = limit > 0 ? Math.min(100, (used / limit) * 100) : 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">{label}</Text>
        <Text size="sm" c="dimmed">
          {t('dashboard.usedOf', { used: formatNumber(used), limit: formatNumber(limit) })}
        </Text>
      </Group>
      {/* The bar as a whole is the progressbar (a 0 % section has no size), and it says "2 of 5"
          where Mantine's own section would say "40%". */}
      <Progress.Root
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={t('dashboard.usedOf', { used: formatNumber(used), limit: formatNumber(limit) })}
      >
        <Progress.Section value={pct} color={pct >= 90 ? 'red' : pct >= 70 ? 'orange' : 'indigo'} withAria={false} />
      </Progress.Root>
    </Stack>
  );
}

function Quotas({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const can = useCan();
  const networks = useQuery(networksQuery);
  const usage = useQuery({ queryKey: ['usage', firstOfMonth()], queryFn: () => unwrap(api.GET('/v1/tenant/usage', { params: { query: { from: firstOfMonth() } } })) });
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')), enabled: can('keys:manage') });
  if (networks.isPending || usage.isPending) return <Loading />;
  if (usage.isError) return <ErrorAlert error={usage.error} />;
  const certificates = usage.data.days.filter((d) => d.metric === 'certificates').reduce((sum, d) => sum + d.count, 0);
  const activeNetworks = (networks.data?.items ?? []).filter((n) => n.status !== 'DELETED').length;
  return (
    <Stack>
      <QuotaBar label={t('quota.networks')} used={activeNetworks} limit={tenant.limits.networks} />
      <QuotaBar label={t('quota.certificatesPerMonth')} used={certificates} limit={tenant.limits.certificatesPerMonth} />
      {keys.data ? <QuotaBar label={t('quota.apiKeys')} used={keys.data.items.filter((k) => !k.revokedAt).length} limit={tenant.limits.apiKeys} /> : null}
      <Text size="xs" c="dimmed">
        {t('dashboard.otherLimits', {
          nodes: formatNumber(tenant.limits.nodesPerNetwork),
          rps: formatNumber(tenant.limits.requestsPerSecondPerKey),
        })}
      </Text>
    </Stack>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const tenant = useQuery(tenantQuery);
  const networks = useQuery({ ...networksQuery, enabled: can('networks:read') });
  const today = useQuery({
    queryKey: ['certificates', 'today'],
    queryFn: () => unwrap(api.GET('/v1/certificates', { params: { query: { createdAfter: startOfToday(), limit: 500 } } })),
    enabled: can('certificates:read'),
    refetchInterval: 10_000,
  });

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.welcome', { name: me.user.name })} />
      {tenant.data && tenant.data.verificationStatus !== 'APPROVED' ? (
        <Alert color="blue" variant="light" mb="md" title={t('dashboard.unverifiedTitle')}>
          {t(tenant.data.verificationStatus === 'PENDING' ? 'dashboard.verificationPending' : 'dashboard.unverified')}{' '}
          {can('tenant:manage') && tenant.data.verificationStatus !== 'PENDING' ? (
            <Anchor component={Link} to="/settings">
              {t('dashboard.verifyNow')}
            </Anchor>
          ) : null}
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
        <Card withBorder padding="lg" h="100%" className="dashboard-networks">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('nav.networks')}
            </Title>
            {can('networks:write') ? (
              <Button component={Link} to="/networks/new" size="xs">
                {t('networks.create')}
              </Button>
            ) : null}
          </Group>
          <QueryView query={networks}>
            {(data) => {
              const live = data.items.filter((n) => n.status !== 'DELETED');
              return live.length === 0 ? (
                <Empty title={t('networks.empty')}>{t('networks.emptyHelp')}</Empty>
              ) : (
                <Table.ScrollContainer minWidth={320}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('common.name')}</Table.Th>
                        <Table.Th>{t('common.status')}</Table.Th>
                        <Table.Th>{t('networks.nodes')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {live.map((n) => (
                        <Table.Tr key={n.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/networks/${n.id}`}>
                              {n.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <StatusBadge status={n.status} />
                          </Table.Td>
                          <Table.Td>{n.nodes.length}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              );
            }}
          </QueryView>
        </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder padding="lg" h="100%">
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.certificatesToday')}
          </Title>
          <QueryView query={today}>
            {(data) => (
              <Stack gap="xs">
                <Text size="2.5rem" fw={700} lh={1} data-testid="certificates-today">
                  {formatNumber(data.items.length)}
                  {data.nextCursor ? '+' : ''}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('dashboard.confirmedToday', { count: data.items.filter((c) => c.status === 'CONFIRMED').length })}
                </Text>
                <Anchor component={Link} to="/certificates" size="sm">
                  {t('dashboard.openCertificates')}
                </Anchor>
              </Stack>
            )}
          </QueryView>
        </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder padding="lg" mt="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('dashboard.usage')}
          </Title>
          {tenant.data ? <StatusBadge status={tenant.data.plan} /> : null}
        </Group>
        <QueryView query={tenant}>{(data) => <Quotas tenant={data} />}</QueryView>
      </Card>
    </>
  );
}
