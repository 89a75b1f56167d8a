import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchReadiness, unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';

export default function AdminHealthPage() {
  const { t } = useTranslation();
  const readiness = useQuery({ queryKey: ['admin', 'health'], queryFn: () => fetchReadiness(''), refetchInterval: 5_000 });
  const notary = useQuery({ queryKey: ['admin', 'notary'], queryFn: () => unwrap(api.GET('/v1/admin/notary')), refetchInterval: 10_000 });
  return (
    <>
      <PageHeader title={t('admin.healthTitle')} description={t('admin.healthIntro')} />
      <Stack>
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
