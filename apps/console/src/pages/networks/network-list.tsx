import { Anchor, Button, Card, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';
import { useCan } from '../../session';

export default function NetworkListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const networks = useQuery({
    queryKey: ['networks', { includeDeleted }],
    queryFn: () => unwrap(api.GET('/v1/networks', { params: { query: { includeDeleted: includeDeleted ? 'true' : 'false' } } })),
    // Statuses move on their own (provisioning, node health): keep the list fresh.
    refetchInterval: 5_000,
  });
  return (
    <>
      <PageHeader
        title={t('networks.title')}
        description={t('networks.intro')}
        actions={
          can('networks:write') ? (
            <Button component={Link} to="/networks/new">
              {t('networks.create')}
            </Button>
          ) : null
        }
      />
      <Switch mb="md" label={t('networks.showDeleted')} checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.currentTarget.checked)} />
      <Card withBorder padding={0}>
        <QueryView query={networks}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty title={t('networks.empty')}>{t('networks.emptyHelp')}</Empty>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.name')}</Table.Th>
                      <Table.Th>{t('networks.protocol')}</Table.Th>
                      <Table.Th>{t('common.status')}</Table.Th>
                      <Table.Th>{t('networks.chainId')}</Table.Th>
                      <Table.Th>{t('networks.nodes')}</Table.Th>
                      <Table.Th>{t('common.created')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((n) => (
                      <Table.Tr key={n.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/networks/${n.id}`}>
                            {n.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{n.protocol}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={n.status} />
                        </Table.Td>
                        <Table.Td>{n.chainId}</Table.Td>
                        <Table.Td>{n.nodes.length}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(n.createdAt)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryView>
      </Card>
    </>
  );
}
