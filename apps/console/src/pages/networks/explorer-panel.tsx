import { Anchor, Badge, Button, Card, Code, Grid, Group, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getBlock, getBlocks, getExplorerTransaction, type Network } from '@chainloom/sdk';
import { api } from '../../api';
import { CopyField } from '../../components/copy-field';
import { Empty, QueryView } from '../../components/feedback';
import { formatDateTime, formatNumber, shortHash } from '../../format';

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

function TransactionView({ network, hash }: { network: Network; hash: string }) {
  const { t } = useTranslation();
  const tx = useQuery({
    queryKey: ['networks', network.id, 'tx', hash],
    queryFn: () => getExplorerTransaction(api, network.id, hash),
  });
  return (
    <Card withBorder padding="md" data-testid="explorer-tx">
      <Title order={3} size="h5" mb="sm">
        {t('explorer.transaction')}
      </Title>
      <QueryView query={tx}>
        {(data) => (
          <Stack gap="xs">
            <CopyField label={t('explorer.hash')} value={data.hash} />
            <Group gap="xs">
              {data.receipt ? (
                <Badge color={data.receipt.status === 1 ? 'teal' : 'red'} variant="light">
                  {data.receipt.status === 1 ? t('status.MINED') : t('status.REVERTED')}
                </Badge>
              ) : (
                <Badge color="yellow">{t('status.PENDING')}</Badge>
              )}
              {data.blockNumber != null ? <Text size="sm">{t('explorer.inBlock', { number: data.blockNumber })}</Text> : null}
            </Group>
            <Text size="sm" className="mono-wrap">
              {t('explorer.from')}: {data.from}
            </Text>
            <Text size="sm" className="mono-wrap">
              {t('explorer.to')}: {data.to ?? data.receipt?.contractAddress ?? '—'}
            </Text>
            <Text size="sm">
              {t('explorer.value')}: {data.value} wei · {t('explorer.gasUsed')}: {data.receipt?.gasUsed ?? '—'}
            </Text>
            <Title order={4} size="h6" mt="sm">
              {t('explorer.events')}
            </Title>
            {data.events.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('explorer.noEvents')}
              </Text>
            ) : (
              data.events.map((ev) => (
                <Card key={ev.logIndex} withBorder padding="xs">
                  <Text size="sm" fw={500}>
                    {ev.event ? `${ev.contract ?? shortHash(ev.address)} · ${ev.event}` : t('explorer.undecoded', { address: shortHash(ev.address) })}
                  </Text>
                  <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {ev.args ? Object.entries(ev.args).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n') : ev.topics.join('\n')}
                  </Code>
                </Card>
              ))
            )}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

function BlockView({ network, number, onTx }: { network: Network; number: number; onTx: (hash: string) => void }) {
  const { t } = useTranslation();
  const block = useQuery({
    queryKey: ['networks', network.id, 'block', number],
    queryFn: () => getBlock(api, network.id, number),
  });
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb="sm">
        {t('explorer.block', { number })}
      </Title>
      <QueryView query={block}>
        {(b) => (
          <Stack gap="xs">
            <CopyField label={t('explorer.hash')} value={b.hash ?? '—'} />
            <Text size="sm">
              {formatDateTime(b.timestamp * 1000)} · {t('explorer.gasUsed')}: {b.gasUsed}
            </Text>
            <Text size="sm" fw={500}>
              {t('explorer.transactions')} ({b.transactions.length})
            </Text>
            {b.transactions.map((h) => (
              <Anchor key={h} component="button" type="button" size="sm" className="mono-wrap" ta="left" onClick={() => onTx(h)}>
                {h}
              </Anchor>
            ))}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

/** Latest blocks, a block's transactions, a transaction with its decoded events. */
export function ExplorerPanel({ network }: { network: Network }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('tx') ?? '');
  const [block, setBlock] = useState<number | null>(null);
  const tx = params.get('tx');
  const running = network.status === 'RUNNING' || network.status === 'DEGRADED';
  const blocks = useQuery({
    queryKey: ['networks', network.id, 'blocks'],
    queryFn: () => getBlocks(api, network.id, 15),
    enabled: running,
    refetchInterval: 5_000,
  });
  const openTx = (hash: string) => {
    setSearch(hash);
    setParams({ tx: hash });
  };
  if (!running) return <Empty title={t('explorer.notRunning')} />;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (TX_HASH.test(search.trim())) openTx(search.trim());
            }}
          >
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 1, minWidth: 0 }}
                label={t('explorer.findTx')}
                placeholder="0x…"
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                error={search && !TX_HASH.test(search.trim()) ? t('explorer.badHash') : undefined}
              />
              <Button type="submit">{t('common.search')}</Button>
            </Group>
          </form>
          <Card withBorder padding={0}>
            <QueryView query={blocks}>
              {(data) => (
                <Table.ScrollContainer minWidth={360}>
                  <Table highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('explorer.number')}</Table.Th>
                        <Table.Th>{t('explorer.time')}</Table.Th>
                        <Table.Th>{t('explorer.txCount')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((b) => (
                        <Table.Tr key={b.number}>
                          <Table.Td>
                            <UnstyledButton onClick={() => setBlock(b.number)} aria-label={t('explorer.block', { number: b.number })} c="indigo">
                              #{formatNumber(b.number)}
                            </UnstyledButton>
                          </Table.Td>
                          <Table.Td>{formatDateTime(b.timestamp * 1000)}</Table.Td>
                          <Table.Td>{b.transactions}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </QueryView>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack>
          {tx ? <TransactionView network={network} hash={tx} /> : null}
          {block !== null ? <BlockView network={network} number={block} onTx={openTx} /> : null}
          {!tx && block === null ? <Empty title={t('explorer.pick')} /> : null}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
