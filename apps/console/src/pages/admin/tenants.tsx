import { Anchor, Card, Group, Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, type Tenant } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';

export default function AdminTenantsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<Tenant['status'] | null>(null);
  const [verification, setVerification] = useState<Tenant['verificationStatus'] | null>(null);
  const tenants = useQuery({
    queryKey: ['admin', 'tenants', debounced, status, verification],
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/tenants', {
          params: { query: { limit: 100, ...(debounced ? { search: debounced } : {}), ...(status ? { status } : {}), ...(verification ? { verificationStatus: verification } : {}) } },
        }),
      ),
  });
  return (
    <>
      <PageHeader title={t('admin.tenantsTitle')} description={t('admin.tenantsIntro')} />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('admin.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: '1 1 14rem' }} />
        <Select
          label={t('common.status')}
          placeholder={t('common.any')}
          clearable
          data={(['ACTIVE', 'SUSPENDED'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as Tenant['status'] | null)}
          w={160}
        />
        <Select
          label={t('settings.verification')}
          placeholder={t('common.any')}
          clearable
          data={(['UNVERIFIED', 'PENDING', 'APPROVED', 'REJECTED'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={verification}
          onChange={(v) => setVerification(v as Tenant['verificationStatus'] | null)}
          w={180}
        />
      </Group>
      <Card withBorder padding={0}>
        <QueryView query={tenants}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty title={t('admin.noTenants')} />
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.name')}</Table.Th>
                      <Table.Th>{t('admin.plan')}</Table.Th>
                      <Table.Th>{t('common.status')}</Table.Th>
                      <Table.Th>{t('settings.verification')}</Table.Th>
                      <Table.Th>{t('common.created')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((tenant) => (
                      <Table.Tr key={tenant.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/admin/tenants/${tenant.id}`}>
                            {tenant.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={tenant.plan} />
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={tenant.status} />
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={tenant.verificationStatus} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(tenant.createdAt)}</Table.Td>
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
