import { Alert, Badge, Button, Card, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { formatDateTime, shortHash } from '../../format';

/** The result of re-computing the audit log's hash chain on the server. */
function ChainCheck() {
  const { t } = useTranslation();
  const check = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => unwrap(api.GET('/v1/tenant/audit/verify')) });
  if (check.isPending) return <Loading label={t('audit.verifying')} />;
  if (check.isError) return <ErrorAlert error={check.error} />;
  const c = check.data;
  return (
    <Alert
      color={c.valid ? 'teal' : 'red'}
      variant="light"
      title={c.valid ? t('audit.chainValid') : t('audit.chainBroken')}
      data-testid="audit-chain"
      data-valid={c.valid}
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {c.valid ? t('audit.chainValidDetail', { count: c.entries }) : t('audit.chainBrokenDetail', { seq: c.firstBrokenSeq ?? '?', reason: c.reason ?? '' })}
        </Text>
        <Button size="xs" variant="subtle" onClick={() => void check.refetch()} loading={check.isFetching}>
          {t('audit.verifyAgain')}
        </Button>
      </Group>
    </Alert>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const log = useInfiniteQuery({
    queryKey: ['audit', 'list', action.trim()],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/tenant/audit', { params: { query: { limit: 50, ...(action.trim() ? { action: action.trim() } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <Stack>
        <ChainCheck />
        <TextInput label={t('audit.filterAction')} placeholder="api_key.create" value={action} onChange={(e) => setAction(e.currentTarget.value)} maw={360} />
        <Card withBorder padding={0}>
          {log.isPending ? (
            <Loading />
          ) : log.isError ? (
            <ErrorAlert error={log.error} />
          ) : items.length === 0 ? (
            <Empty title={t('audit.empty')} />
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('audit.time')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.target')}</Table.Th>
                    <Table.Th>{t('audit.outcome')}</Table.Th>
                    <Table.Th>{t('audit.hash')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id} data-testid="audit-row" data-action={e.action}>
                      <Table.Td>{e.seq}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt)}</Table.Td>
                      <Table.Td>
                        <Code>{e.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">
                          {e.actorType}
                          {e.actorId ? ` ${e.actorId}` : ''}
                        </Text>
                        {e.sourceIp ? (
                          <Text size="xs" c="dimmed">
                            {e.sourceIp}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{e.targetId ? `${e.targetType ?? ''} ${e.targetId}` : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={e.outcome === 'success' ? 'teal' : 'red'}>
                          {e.outcome === 'success' || e.outcome === 'failure' ? t(`audit.outcomes.${e.outcome}`) : e.outcome}
                        </Badge>
                      </Table.Td>
                      <Table.Td ff="monospace">
                        <Text size="xs">{shortHash(e.hash, 4)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        {log.hasNextPage ? (
          <Group>
            <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </>
  );
}
