import { Alert, Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchReadiness, unwrap, type NetworksByStatus, type QueuesHealth } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatNumber } from '../../format';

function Services() {
  const { t } = useTranslation();
  const readiness = useQuery({ queryKey: ['admin', 'health'], queryFn: () => fetchReadiness(''), refetchInterval: 5_000 });
  return (
    <Card withBorder padding="md">
      <QueryView query={readiness}>
        {(r) => (
          <>
            <Group mb="sm">
              <Title order={2} size="h4">
                {t('admin.services')}
              </Title>
              <Badge color={r.ready ? 'teal' : 'red'} variant="filled" data-testid="platform-ready">
                {r.ready ? t('admin.ready') : t('admin.notReady')}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              {Object.entries(r.checks).map(([name, check]) => (
                <Card key={name} withBorder padding="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={500}>{name}</Text>
                    <Badge color={check.status === 'up' ? 'teal' : 'red'} variant="light">
                      {check.status === 'up' ? t('admin.up') : t('admin.down')}
                    </Badge>
                  </Group>
                  {Object.entries(check)
                    .filter(([k]) => k !== 'status')
                    .map(([k, v]) => (
                      <Text key={k} size="xs" c="dimmed">
                        {k}: {typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}
                      </Text>
                    ))}
                </Card>
              ))}
            </SimpleGrid>
          </>
        )}
      </QueryView>
    </Card>
  );
}

/** Depths per queue and state; null depths mean Redis did not answer, which is said once above. */
function QueueTable({ health }: { health: QueuesHealth }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="queue-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.queue')}</Table.Th>
            <Table.Th ta="right">{t('admin.waiting')}</Table.Th>
            <Table.Th ta="right">{t('admin.active')}</Table.Th>
            <Table.Th ta="right">{t('admin.delayed')}</Table.Th>
            <Table.Th ta="right">{t('admin.failedInRedis')}</Table.Th>
            <Table.Th ta="right">{t('admin.failedJobs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {health.queues.map((q) => (
            <Table.Tr key={q.name} data-testid="queue-row" data-queue={q.name}>
              <Table.Td>
                <Code>{q.name}</Code>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(q.waiting)}</Table.Td>
              <Table.Td ta="right">{formatNumber(q.active)}</Table.Td>
              <Table.Td ta="right">{formatNumber(q.delayed)}</Table.Td>
              <Table.Td ta="right">{formatNumber(q.failed)}</Table.Td>
              <Table.Td ta="right" data-testid="queue-failed-jobs">
                {q.failedJobs > 0 ? (
                  <Badge color="red" variant="light">
                    {formatNumber(q.failedJobs)}
                  </Badge>
                ) : (
                  formatNumber(q.failedJobs)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FailedJobs({ health }: { health: QueuesHealth }) {
  const { t } = useTranslation();
  if (health.failedJobs.length === 0) return <Empty title={t('admin.noFailedJobs')} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="failed-jobs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.queue')}</Table.Th>
            <Table.Th>{t('admin.job')}</Table.Th>
            <Table.Th>{t('admin.attempts')}</Table.Th>
            <Table.Th>{t('admin.lastError')}</Table.Th>
            <Table.Th>{t('admin.failedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {health.failedJobs.map((job) => (
            <Table.Tr key={job.id} data-testid="failed-job">
              <Table.Td>
                <Code>{job.queue}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{job.name}</Text>
                <Text size="xs" c="dimmed" className="mono-wrap">
                  {t('admin.jobId')}: {job.jobId}
                </Text>
              </Table.Td>
              <Table.Td>{job.attempts}</Table.Td>
              <Table.Td>
                <Text size="xs" c="red" className="mono-wrap">
                  {job.error}
                </Text>
              </Table.Td>
              <Table.Td>{formatDateTime(job.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Queues() {
  const { t } = useTranslation();
  const queues = useQuery({ queryKey: ['admin', 'queues'], queryFn: () => unwrap(api.GET('/v1/admin/queues', { params: { query: { failedLimit: 20 } } })), refetchInterval: 5_000 });
  return (
    <QueryView query={queues}>
      {(health) => (
        <>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {t('admin.queues')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('admin.checkedAt', { time: formatDateTime(health.checkedAt) })}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" mb="sm">
              {t('admin.queuesIntro')}
            </Text>
            {health.redis === 'down' ? (
              <Alert color="red" variant="light" role="alert" mb="sm" data-testid="redis-down">
                {t('admin.redisDown')}
              </Alert>
            ) : null}
            <QueueTable health={health} />
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('admin.failedJobs')}
            </Title>
            <FailedJobs health={health} />
          </Card>
        </>
      )}
    </QueryView>
  );
}

function CountList({ rows, empty }: { rows: { key: string; label: ReactNode; count: number }[]; empty: string }) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap={6}>
      {rows.map((r) => (
        <Group key={r.key} justify="space-between" wrap="nowrap" data-testid="count-row" data-key={r.key}>
          {r.label}
          <Text fw={500} size="sm">
            {formatNumber(r.count)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function Networks() {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: ['admin', 'networks-by-status'], queryFn: () => unwrap(api.GET('/v1/admin/networks/by-status')), refetchInterval: 10_000 });
  const section = (title: string, testId: string, body: ReactNode) => (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {body}
    </Card>
  );
  return (
    <QueryView query={counts}>
      {(c: NetworksByStatus) => (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {section(
            t('admin.networksByStatus'),
            'networks-by-status',
            <CountList rows={c.networks.map((n) => ({ key: n.status, label: <StatusBadge status={n.status} />, count: n.count }))} empty={t('networks.empty')} />,
          )}
          {section(
            t('admin.nodesByStatus'),
            'nodes-by-status',
            <CountList rows={c.nodes.map((n) => ({ key: n.status, label: <StatusBadge status={n.status} />, count: n.count }))} empty={t('admin.noNodes')} />,
          )}
          {section(
            t('admin.networksByDriver'),
            'networks-by-driver',
            <CountList
              rows={c.byDriver.map((d) => ({ key: `${d.driver}/${d.protocol}`, label: <Code>{`${d.driver} · ${d.protocol}`}</Code>, count: d.count }))}
              empty={t('networks.empty')}
            />,
          )}
        </SimpleGrid>
      )}
    </QueryView>
  );
}

export default function AdminHealthPage() {
  const { t } = useTranslation();
  const notary = useQuery({ queryKey: ['admin', 'notary'], queryFn: () => unwrap(api.GET('/v1/admin/notary')), refetchInterval: 10_000 });
  return (
    <>
      <PageHeader title={t('admin.healthTitle')} description={t('admin.healthIntro')} />
      <Stack>
        <Services />
        <Queues />
        <Networks />
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('admin.notary')}
          </Title>
          <QueryView query={notary}>
            {(n) =>
              n.networkId ? (
                <Group gap="sm">
                  <Text ff="monospace" size="sm">
                    {n.networkId}
                  </Text>
                  {n.status ? <StatusBadge status={n.status} /> : null}
                  <Text size="sm">
                    {t('networks.chainId')}: {n.chainId ?? '—'}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('admin.noNotary')}
                </Text>
              )
            }
          </QueryView>
        </Card>
      </Stack>
    </>
  );
}
