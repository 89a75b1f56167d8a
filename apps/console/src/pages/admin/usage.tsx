import { Card, Table, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAdminUsage, unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { formatNumber } from '../../format';
import { en } from '../../i18n/en';

type Metric = keyof typeof en.metrics;
const METRICS = Object.keys(en.metrics) as Metric[];

export default function AdminUsagePage() {
  const { t } = useTranslation();
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10));
  const usage = useQuery({
    queryKey: ['admin', 'usage', day],
    queryFn: () => getAdminUsage(api, day),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(day),
  });
  const tenants = useQuery({ queryKey: ['admin', 'tenants', 'all'], queryFn: () => unwrap(api.GET('/v1/admin/tenants', { params: { query: { limit: 500 } } })) });
  const names = new Map((tenants.data?.items ?? []).map((x) => [x.id, x.name]));
  return (
    <>
      <PageHeader title={t('admin.usageTitle')} description={t('admin.usageIntro')} />
      <TextInput type="date" label={t('admin.day')} value={day} onChange={(e) => setDay(e.currentTarget.value)} maw={220} mb="md" />
      <Card withBorder padding={0}>
        <QueryView query={usage}>
          {(data) => {
            const byTenant = new Map<string, Partial<Record<string, number>>>();
            for (const row of data.items) byTenant.set(row.tenantId, { ...byTenant.get(row.tenantId), [row.metric]: row.count });
            return byTenant.size === 0 ? (
              <Empty title={t('admin.noUsage')} />
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('admin.tenant')}</Table.Th>
                      {METRICS.map((m) => (
                        <Table.Th key={m} ta="right">
                          {t(`metrics.${m}`)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {[...byTenant.entries()].map(([tenantId, counts]) => (
                      <Table.Tr key={tenantId}>
                        <Table.Td>{names.get(tenantId) ?? tenantId}</Table.Td>
                        {METRICS.map((m) => (
                          <Table.Td key={m} ta="right">
                            {formatNumber(counts[m] ?? 0)}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            );
          }}
        </QueryView>
      </Card>
    </>
  );
}
