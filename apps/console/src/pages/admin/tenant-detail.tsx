import { Alert, Anchor, Button, Card, Grid, Group, Modal, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { unwrap, type Plan, type QuotaName, type RequestBody, type Tenant } from '@chainloom/sdk';
import { api } from '../../api';
import { ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatNumber } from '../../format';
import { useApiForm } from '../../use-api-form';

const QUOTAS: QuotaName[] = ['networks', 'nodesPerNetwork', 'certificatesPerMonth', 'requestsPerSecondPerKey', 'apiKeys'];
const PLANS: Plan[] = ['FREE', 'STANDARD', 'ENTERPRISE'];

function PlanForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [plan, setPlan] = useState<Plan>(tenant.plan);
  const [overrides, setOverrides] = useState<Partial<Record<QuotaName, number>>>(tenant.quotaOverrides);
  useEffect(() => {
    setPlan(tenant.plan);
    setOverrides(tenant.quotaOverrides);
  }, [tenant]);
  const save = useMutation({
    mutationFn: (body: RequestBody<'PATCH /v1/admin/tenants/{id}'>) => unwrap(api.PATCH('/v1/admin/tenants/{id}', { params: { path: { id: tenant.id } }, body })),
    onSuccess: (data) => {
      client.setQueryData(['admin', 'tenant', tenant.id], data);
      void client.invalidateQueries({ queryKey: ['admin', 'tenants'] });
    },
  });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('admin.planAndQuotas')}
      </Title>
      <Stack gap="sm">
        <Select label={t('admin.plan')} data={PLANS.map((p) => ({ value: p, label: t(`status.${p}`) }))} value={plan} onChange={(v) => v && setPlan(v as Plan)} allowDeselect={false} />
        <Text size="sm" c="dimmed">
          {t('admin.overridesHelp')}
        </Text>
        {QUOTAS.map((q) => (
          <NumberInput
            key={q}
            label={t(`quota.${q}`)}
            description={t('admin.effective', { value: formatNumber(tenant.limits[q]) })}
            min={0}
            allowDecimal={false}
            placeholder={t('admin.fromPlan')}
            value={overrides[q] ?? ''}
            onChange={(v) =>
              setOverrides((o) => {
                const next = { ...o };
                if (typeof v === 'number') next[q] = v;
                else delete next[q];
                return next;
              })
            }
          />
        ))}
        {tenant.verificationStatus !== 'APPROVED' ? (
          <Alert color="blue" variant="light">
            {t('admin.unverifiedLimits')}
          </Alert>
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        {save.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            {t('common.saved')}
          </Text>
        ) : null}
        <Group>
          <Button onClick={() => save.mutate({ plan, quotaOverrides: overrides })} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Suspension({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useApiForm('POST /v1/admin/tenants/{id}/suspend', { reason: '' });
  const done = (data: Tenant) => {
    client.setQueryData(['admin', 'tenant', tenant.id], data);
    void client.invalidateQueries({ queryKey: ['admin', 'tenants'] });
  };
  const suspend = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/admin/tenants/{id}/suspend'>) => unwrap(api.POST('/v1/admin/tenants/{id}/suspend', { params: { path: { id: tenant.id } }, body })),
    onSuccess: (data) => {
      setOpen(false);
      form.reset();
      done(data);
    },
    onError: form.fail,
  });
  const reactivate = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/tenants/{id}/reactivate', { params: { path: { id: tenant.id } } })),
    onSuccess: done,
  });
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('admin.access')}
        </Title>
        <StatusBadge status={tenant.status} />
      </Group>
      {tenant.status === 'SUSPENDED' ? (
        <Stack gap="sm">
          <Text size="sm">{t('admin.suspendedBecause', { reason: tenant.suspendedReason ?? '—' })}</Text>
          <Group>
            <Button onClick={() => reactivate.mutate()} loading={reactivate.isPending} color="teal">
              {t('admin.reactivate')}
            </Button>
          </Group>
          {reactivate.isError ? <ErrorAlert error={reactivate.error} /> : null}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('admin.suspendHelp')}
          </Text>
          <Group>
            <Button color="red" variant="light" onClick={() => setOpen(true)}>
              {t('admin.suspend')}
            </Button>
          </Group>
        </Stack>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('admin.suspendTitle', { name: tenant.name })} centered>
        <form
          noValidate
          onSubmit={form.onSubmit((body) => suspend.mutate(body))}
        >
          <Stack>
            <Textarea label={t('admin.reason')} required data-autofocus autosize minRows={2} {...form.text('reason')} />
            {form.formError ? (
              <Text size="sm" c="red" role="alert">
                {form.formError}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={suspend.isPending}>
                {t('admin.suspend')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}

export default function AdminTenantDetailPage() {
  const { t } = useTranslation();
  const id = useParams()['id'] ?? '';
  const tenant = useQuery({ queryKey: ['admin', 'tenant', id], queryFn: () => unwrap(api.GET('/v1/admin/tenants/{id}', { params: { path: { id } } })) });
  return (
    <QueryView query={tenant}>
      {(data) => (
        <>
          <PageHeader
            title={data.name}
            description={
              <Anchor component={Link} to="/admin/tenants" size="sm">
                {t('admin.tenantsTitle')}
              </Anchor>
            }
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack>
                <Card withBorder padding="md">
                  <Stack gap={4}>
                    <Text size="sm">
                      {t('settings.verification')}: <StatusBadge status={data.verificationStatus} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {data.id} · {formatDateTime(data.createdAt)}
                    </Text>
                  </Stack>
                </Card>
                <Suspension tenant={data} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <PlanForm tenant={data} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </QueryView>
  );
}
