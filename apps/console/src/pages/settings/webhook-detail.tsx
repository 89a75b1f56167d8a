import { Anchor, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { Empty, ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';

function DeliveryAttempts({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const delivery = useQuery({ queryKey: ['deliveries', id], queryFn: () => unwrap(api.GET('/v1/webhooks/deliveries/{id}', { params: { path: { id } } })) });
  const redeliver = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/webhooks/deliveries/{id}/redeliver', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  return (
    <QueryView query={delivery}>
      {(d) => (
        <Stack gap="xs">
          {(d.attemptLog ?? []).map((a) => (
            <Text key={a.attempt} size="xs" data-testid="delivery-attempt">
              #{a.attempt} · {formatDateTime(a.createdAt)} · {a.statusCode ?? '—'} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}
            </Text>
          ))}
          {d.attemptLog?.length ? null : <Text size="xs" c="dimmed">{t('webhooks.noAttempts')}</Text>}
          {d.status !== 'PENDING' ? (
            <Group>
              <Button size="xs" variant="light" onClick={() => redeliver.mutate()} loading={redeliver.isPending}>
                {t('webhooks.redeliver')}
              </Button>
            </Group>
          ) : null}
          {redeliver.isError ? <ErrorAlert error={redeliver.error} /> : null}
        </Stack>
      )}
    </QueryView>
  );
}

export default function WebhookDetailPage() {
  const { t } = useTranslation();
  const id = useParams()['id'] ?? '';
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const hook = useQuery({ queryKey: ['webhooks', id], queryFn: () => unwrap(api.GET('/v1/webhooks/{id}', { params: { path: { id } } })) });
  const deliveries = useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: () => unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id } } })),
    refetchInterval: 5_000,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      void navigate('/webhooks');
    },
  });
  return (
    <QueryView query={hook}>
      {(w) => (
        <>
          <PageHeader
            title={t('webhooks.detailTitle')}
            description={
              <Anchor component={Link} to="/webhooks" size="sm">
                {t('webhooks.title')}
              </Anchor>
            }
            actions={
              <ConfirmButton color="red" variant="light" title={t('webhooks.deleteTitle')} message={t('webhooks.deleteMessage', { url: w.url })} confirmLabel={t('common.delete')} onConfirm={() => remove.mutateAsync().catch(() => undefined)}>
                {t('common.delete')}
              </ConfirmButton>
            }
          />
          {remove.isError ? <ErrorAlert error={remove.error} /> : null}
          <Stack>
            <Card withBorder padding="md">
              <Text className="mono-wrap" size="sm">
                {w.url}
              </Text>
              <Text size="sm" c="dimmed">
                {w.events.join(', ')}
                {w.description ? ` · ${w.description}` : ''}
              </Text>
            </Card>
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="sm">
                {t('webhooks.deliveries')}
              </Title>
              <QueryView query={deliveries}>
                {(data) =>
                  data.items.length === 0 ? (
                    <Empty title={t('webhooks.noDeliveries')} />
                  ) : (
                    <Table.ScrollContainer minWidth={640}>
                      <Table>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('webhooks.event')}</Table.Th>
                            <Table.Th>{t('common.status')}</Table.Th>
                            <Table.Th>{t('webhooks.attempts')}</Table.Th>
                            <Table.Th>{t('webhooks.lastResponse')}</Table.Th>
                            <Table.Th>{t('common.created')}</Table.Th>
                            <Table.Th>
                              <span className="visually-hidden">{t('common.actions')}</span>
                            </Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {data.items.map((d) => (
                            <Fragment key={d.id}>
                              <Table.Tr data-testid="delivery-row" data-status={d.status}>
                                <Table.Td>
                                  <Code>{d.eventType}</Code>
                                </Table.Td>
                                <Table.Td>
                                  <StatusBadge status={d.status} />
                                </Table.Td>
                                <Table.Td>{d.attempts}</Table.Td>
                                <Table.Td>
                                  {d.lastStatusCode ?? '—'}
                                  {d.lastError ? (
                                    <Text size="xs" c="red">
                                      {d.lastError}
                                    </Text>
                                  ) : null}
                                </Table.Td>
                                <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                                <Table.Td>
                                  <Button size="xs" variant="subtle" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                                    {t('webhooks.attemptLog')}
                                  </Button>
                                </Table.Td>
                              </Table.Tr>
                              {open === d.id ? (
                                <Table.Tr>
                                  <Table.Td colSpan={6}>
                                    <DeliveryAttempts id={d.id} />
                                  </Table.Td>
                                </Table.Tr>
                              ) : null}
                            </Fragment>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )
                }
              </QueryView>
            </Card>
          </Stack>
        </>
      )}
    </QueryView>
  );
}
