import { Alert, Button, Card, Grid, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, unwrap, type RequestBody, type Tenant, type VerificationRequest } from '@chainloom/sdk';
import { api } from '../../api';
import { QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatNumber } from '../../format';
import { tenantQuery } from '../../queries';
import { useCan } from '../../session';
import { useApiForm } from '../../use-api-form';

function RenameForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useApiForm('PATCH /v1/tenant', { name: tenant.name });
  const rename = useMutation({
    mutationFn: (body: RequestBody<'PATCH /v1/tenant'>) => unwrap(api.PATCH('/v1/tenant', { body })),
    onSuccess: (data) => {
      client.setQueryData(tenantQuery.queryKey, data);
      void client.invalidateQueries({ queryKey: ['me'] });
    },
    onError: form.fail,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((body) => rename.mutate(body))}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput label={t('settings.tenantName')} style={{ flex: 1, minWidth: 0 }} {...form.text('name')} />
        <Button type="submit" variant="light" loading={rename.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      {form.formError ? (
        <Text size="sm" c="red" role="alert">
          {form.formError}
        </Text>
      ) : null}
    </form>
  );
}

/** After a rejection the form starts from the rejected details, so the tenant corrects, not retypes. */
function VerificationForm({ previous }: { previous: VerificationRequest | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const start = previous ?? { companyName: '', registrationNumber: '', country: 'CN', address: '', contactName: '', contactEmail: '' };
  const { companyName, registrationNumber, country, address, contactName, contactEmail } = start;
  const form = useApiForm('POST /v1/tenant/verification', { companyName, registrationNumber, country, address, contactName, contactEmail }, (v) => ({
    ...v,
    country: v.country.trim().toUpperCase(),
  }));
  const submit = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/tenant/verification'>) => unwrap(api.POST('/v1/tenant/verification', { body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['verification'] });
      void client.invalidateQueries({ queryKey: tenantQuery.queryKey });
    },
    onError: form.fail,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((body) => submit.mutate(body))}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('settings.companyName')} required {...form.text('companyName')} />
          <TextInput label={t('settings.registrationNumber')} description={t('settings.registrationNumberHelp')} required {...form.text('registrationNumber')} />
          <TextInput label={t('settings.country')} description={t('settings.countryHelp')} maxLength={2} required {...form.text('country')} />
          <TextInput label={t('settings.contactName')} required {...form.text('contactName')} />
          <TextInput label={t('settings.contactEmail')} type="email" required {...form.text('contactEmail')} />
        </SimpleGrid>
        <Textarea label={t('settings.address')} required autosize minRows={2} {...form.text('address')} />
        {form.formError ? (
          <Alert color="red" variant="light" role="alert">
            {form.formError}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={submit.isPending}>
            {t('settings.submitVerification')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Verification({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const can = useCan();
  const latest = useQuery({
    queryKey: ['verification'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/v1/tenant/verification'));
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
  });
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('settings.verification')}
        </Title>
        <StatusBadge status={tenant.verificationStatus} />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.verificationIntro')}
      </Text>
      <QueryView query={latest}>
        {(request) => (
          <Stack>
            {request ? (
              <Alert color={request.status === 'APPROVED' ? 'teal' : request.status === 'REJECTED' ? 'red' : 'blue'} variant="light" title={t(`settings.decision.${request.status}`)}>
                <Text size="sm">
                  {request.companyName} · {request.registrationNumber} · {request.country} · {formatDateTime(request.createdAt)}
                </Text>
                {request.reason ? (
                  <Text size="sm" mt={4}>
                    {t('settings.reason')}: {request.reason}
                  </Text>
                ) : null}
              </Alert>
            ) : null}
            {can('tenant:manage') && (tenant.verificationStatus === 'UNVERIFIED' || tenant.verificationStatus === 'REJECTED') ? <VerificationForm previous={request?.status === 'REJECTED' ? request : null} /> : null}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

export default function TenantSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const tenant = useQuery(tenantQuery);
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <QueryView query={tenant}>
        {(data) => (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Card withBorder padding="md">
                <Title order={2} size="h4" mb="sm">
                  {t('settings.tenant')}
                </Title>
                <Stack gap="sm">
                  {can('tenant:manage') ? <RenameForm tenant={data} /> : <Text>{data.name}</Text>}
                  <Group gap="xs">
                    <StatusBadge status={data.status} />
                    <StatusBadge status={data.plan} />
                  </Group>
                  {data.suspendedReason ? (
                    <Text size="sm" c="red">
                      {t('admin.suspendedBecause', { reason: data.suspendedReason })}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {data.id} · {formatDateTime(data.createdAt)}
                  </Text>
                  <Title order={3} size="h5">
                    {t('settings.limits')}
                  </Title>
                  {(Object.keys(data.limits) as (keyof Tenant['limits'])[]).map((k) => (
                    <Group key={k} justify="space-between">
                      <Text size="sm">{t(`quota.${k}`)}</Text>
                      <Text size="sm" fw={500}>
                        {formatNumber(data.limits[k])}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Verification tenant={data} />
            </Grid.Col>
          </Grid>
        )}
      </QueryView>
    </>
  );
}
