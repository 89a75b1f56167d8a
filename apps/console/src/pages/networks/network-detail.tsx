import { Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { unwrap, type Network } from '@chainloom/sdk';
import { api } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';
import { networkQuery, operationsQuery } from '../../queries';
import { useCan } from '../../session';
import { useNetworkEvents, type LiveEvent, type StreamState } from '../../use-network-events';
import { ConnectPanel } from './connect-panel';
import { ContractsPanel } from './contracts-panel';
import { ExplorerPanel } from './explorer-panel';
import { LiveLog, OperationProgress, useStepLabel } from './operation-progress';

const TABS = ['overview', 'connect', 'contracts', 'explorer', 'operations'] as const;
type Tab = (typeof TABS)[number];

function Actions({ network }: { network: Network }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const run = useMutation({
    mutationFn: async (action: 'stop' | 'start' | 'delete') => unwrap(api.POST(`/v1/networks/{id}/${action}`, { params: { path: { id: network.id } } })),
    onSuccess: (_op, action) => {
      void client.invalidateQueries({ queryKey: ['networks'] });
      if (action === 'delete') void navigate(`/networks/${network.id}`);
    },
  });
  const busy = network.status === 'PENDING' || network.status === 'PROVISIONING';
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {network.status === 'RUNNING' || network.status === 'DEGRADED' ? (
          <ConfirmButton
            variant="default"
            color="orange"
            title={t('networks.stopTitle')}
            message={t('networks.stopMessage', { name: network.name })}
            confirmLabel={t('networks.stop')}
            onConfirm={() => run.mutateAsync('stop').catch(() => undefined)}
            loading={run.isPending && run.variables === 'stop'}
          >
            {t('networks.stop')}
          </ConfirmButton>
        ) : null}
        {network.status === 'STOPPED' || network.status === 'FAILED' ? (
          <Button variant="default" onClick={() => run.mutate('start')} loading={run.isPending && run.variables === 'start'}>
            {t('networks.start')}
          </Button>
        ) : null}
        {network.status !== 'DELETED' ? (
          <ConfirmButton
            color="red"
            variant="light"
            disabled={busy}
            title={t('networks.deleteTitle')}
            message={t('networks.deleteMessage', { name: network.name })}
            confirmLabel={t('networks.delete')}
            typeToConfirm={network.name}
            onConfirm={() => run.mutateAsync('delete').catch(() => undefined)}
            loading={run.isPending && run.variables === 'delete'}
          >
            {t('networks.delete')}
          </ConfirmButton>
        ) : null}
      </Group>
      {run.isError ? <ErrorAlert error={run.error} /> : null}
    </Stack>
  );
}

function Overview({ network, log, state }: { network: Network; log: LiveEvent[]; state: StreamState }) {
  const { t } = useTranslation();
  const ops = useQuery(operationsQuery(network.id));
  const latest = ops.data?.items[0];
  const details: [string, string | number][] = [
    [t('networks.protocol'), network.protocol],
    [t('networks.driver'), network.driver],
    [t('networks.chainId'), network.chainId],
    [t('networks.blockTime'), network.blockTimeSeconds === 0 ? t('networks.instantBlocks') : t('networks.seconds', { count: network.blockTimeSeconds })],
    [t('networks.confirmations'), network.confirmations],
    [t('common.created'), formatDateTime(network.createdAt)],
  ];
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Card withBorder padding="md">
            <Title order={3} size="h5" mb="sm">
              {t('networks.latestOperation')}
            </Title>
            {latest ? <OperationProgress operation={latest} /> : <Text c="dimmed">{t('operations.none')}</Text>}
          </Card>
          <Card withBorder padding="md">
            <Title order={3} size="h5" mb="sm">
              {t('networks.nodes')}
            </Title>
            <Table.ScrollContainer minWidth={420}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('common.name')}</Table.Th>
                    <Table.Th>{t('networks.role')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                    <Table.Th>{t('networks.blockNumber')}</Table.Th>
                    <Table.Th>{t('networks.lastSeen')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {network.nodes.map((n) => (
                    <Table.Tr key={n.id}>
                      <Table.Td>{n.name}</Table.Td>
                      <Table.Td>{n.role}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={n.status} />
                      </Table.Td>
                      <Table.Td>{n.blockNumber ?? '—'}</Table.Td>
                      <Table.Td>{formatDateTime(n.lastSeenAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack>
          <LiveLog log={log} state={state} />
          <Card withBorder padding="md">
            <Title order={3} size="h5" mb="sm">
              {t('networks.details')}
            </Title>
            <SimpleGrid cols={2} spacing="xs">
              {details.map(([k, v]) => (
                <div key={k}>
                  <Text size="xs" c="dimmed">
                    {k}
                  </Text>
                  <Text size="sm">{v}</Text>
                </div>
              ))}
            </SimpleGrid>
            <Stack gap="xs" mt="sm">
              {network.signerAddress ? <CopyField label={t('networks.signerAddress')} value={network.signerAddress} /> : null}
              {network.registryAddress ? <CopyField label={t('networks.registryAddress')} value={network.registryAddress} /> : null}
            </Stack>
            {network.statusReason ? (
              <Text size="sm" c="red" mt="sm" style={{ overflowWrap: 'anywhere' }}>
                {network.statusReason}
              </Text>
            ) : null}
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function OperationsHistory({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const ops = useQuery(operationsQuery(networkId));
  return (
    <Card withBorder padding={0}>
      <QueryView query={ops}>
        {(data) => (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('operations.kind')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('operations.steps.title')}</Table.Th>
                  <Table.Th>{t('common.created')}</Table.Th>
                  <Table.Th>{t('operations.finished')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((op) => (
                  <Table.Tr key={op.id}>
                    <Table.Td>{t(`operations.kinds.${op.kind}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={op.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{op.steps.map((s) => `${stepLabel(s.name)} (${t(`status.${s.status}`)})`).join(' → ')}</Text>
                      {op.lastError ? (
                        <Text size="xs" c="red">
                          {op.lastError}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{formatDateTime(op.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(op.finishedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Card>
  );
}

export default function NetworkDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params['id'] ?? '';
  const tab: Tab = (TABS as readonly string[]).includes(params['*'] ?? '') ? (params['*'] as Tab) : 'overview';
  const navigate = useNavigate();
  const can = useCan();
  // Changes arrive through the event stream; the slow refetch only refreshes block heights.
  const network = useQuery({ ...networkQuery(id), refetchInterval: 15_000 });
  const deleted = network.data?.status === 'DELETED';
  const { log, state } = useNetworkEvents(id, network.isSuccess && !deleted);

  return (
    <QueryView query={network}>
      {(n) => (
        <>
          <PageHeader
            title={n.name}
            description={
              <Group gap="xs" component="span">
                <Anchor component={Link} to="/networks" size="sm">
                  {t('networks.title')}
                </Anchor>
                <span aria-hidden>/</span>
                <span data-testid="network-status" data-status={n.status}>
                  <StatusBadge status={n.status} />
                </span>
              </Group>
            }
            actions={can('networks:write') ? <Actions network={n} /> : null}
          />
          <Tabs value={tab} onChange={(v) => void navigate(v === 'overview' ? `/networks/${id}` : `/networks/${id}/${v}`)} keepMounted={false}>
            <Tabs.List mb="md" style={{ flexWrap: 'wrap' }}>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`networks.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview">
              <Overview network={n} log={log} state={state} />
            </Tabs.Panel>
            <Tabs.Panel value="connect">
              <ConnectPanel network={n} />
            </Tabs.Panel>
            <Tabs.Panel value="contracts">
              <ContractsPanel network={n} />
            </Tabs.Panel>
            <Tabs.Panel value="explorer">
              <ExplorerPanel network={n} />
            </Tabs.Panel>
            <Tabs.Panel value="operations">
              <OperationsHistory networkId={n.id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </QueryView>
  );
}
