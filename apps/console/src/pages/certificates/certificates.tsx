import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, MultiSelect, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, type CertificateStatus, type RequestBody } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, ErrorAlert, QueryView } from '../../components/feedback';
import { FileHasher } from '../../components/file-hasher';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, shortHash } from '../../format';
import { HASH_PATTERN } from '../../hashing';
import { networksQuery } from '../../queries';
import { useCan } from '../../session';
import { useApiForm } from '../../use-api-form';

const STATUSES: CertificateStatus[] = ['PENDING', 'ANCHORED', 'CONFIRMED', 'FAILED'];

/** Where batches are anchored: the platform notary by default, or the tenant's own networks. */
function AnchorTargets() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const targets = useQuery({ queryKey: ['anchor-targets'], queryFn: () => unwrap(api.GET('/v1/certificates/anchor-targets')) });
  const networks = useQuery(networksQuery);
  const [chosen, setChosen] = useState<string[] | null>(null);
  useEffect(() => {
    if (targets.data && chosen === null) setChosen(targets.data.isDefault ? [] : targets.data.networkIds);
  }, [targets.data, chosen]);
  const save = useMutation({
    mutationFn: (networkIds: string[]) => unwrap(api.PUT('/v1/certificates/anchor-targets', { body: { networkIds } })),
    onSuccess: (data) => client.setQueryData(['anchor-targets'], data),
  });
  const options = (networks.data?.items ?? []).filter((n) => n.status !== 'DELETED').map((n) => ({ value: n.id, label: `${n.name} (${t(`status.${n.status}`)})` }));
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('certificates.anchorTargets')}
      </Title>
      <QueryView query={targets}>
        {(data) => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {data.isDefault ? t('certificates.anchorDefault') : t('certificates.anchorCustom', { count: data.networkIds.length })}
            </Text>
            <MultiSelect
              label={t('certificates.anchorNetworks')}
              placeholder={t('certificates.anchorPlaceholder')}
              data={options}
              value={chosen ?? []}
              onChange={setChosen}
              clearable
              nothingFoundMessage={t('networks.empty')}
            />
            {save.isError ? <ErrorAlert error={save.error} /> : null}
            {save.isSuccess ? (
              <Text size="sm" c="teal" role="status">
                {t('common.saved')}
              </Text>
            ) : null}
            <Group>
              <Button size="xs" variant="light" onClick={() => save.mutate(chosen ?? [])} loading={save.isPending} disabled={!chosen || chosen.length === 0}>
                {t('certificates.saveTargets')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}

function CertifyForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [mode, setMode] = useState<string | null>('file');
  const form = useApiForm('POST /v1/certificates', { contentHash: '', externalId: '', salted: false }, (v) => ({
    contentHash: v.contentHash.trim(),
    salted: v.salted,
    ...(v.externalId.trim() ? { externalId: v.externalId.trim() } : {}),
  }));
  const certify = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/certificates'>) => unwrap(api.POST('/v1/certificates', { body })),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['certificates'] });
      void navigate(`/certificates/${created.id}`);
    },
    onError: form.fail,
  });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs" id="certify-title">
        {t('certificates.certifyTitle')}
      </Title>
      <form
        noValidate
        aria-labelledby="certify-title"
        onSubmit={form.onSubmit((body) => certify.mutate(body))}
      >
        <Stack gap="sm">
          <Tabs value={mode} onChange={setMode}>
            <Tabs.List>
              <Tabs.Tab value="file">{t('certificates.fromFile')}</Tabs.Tab>
              <Tabs.Tab value="hash">{t('certificates.fromHash')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="file" pt="sm">
              <FileHasher onHash={(hash) => form.set('contentHash', hash ?? '')} />
              {form.errors['contentHash'] && mode === 'file' ? (
                <Text size="sm" c="red">
                  {t('certificates.pickFileFirst')}
                </Text>
              ) : null}
            </Tabs.Panel>
            <Tabs.Panel value="hash" pt="sm">
              <TextInput label={t('certificates.contentHash')} description={t('certificates.contentHashHelp')} placeholder="0x…" {...form.text('contentHash')} />
            </Tabs.Panel>
          </Tabs>
          <TextInput label={t('certificates.externalId')} description={t('certificates.externalIdHelp')} {...form.text('externalId')} />
          <Checkbox
            label={t('certificates.salted')}
            description={t('certificates.saltedHelp')}
            checked={form.values.salted}
            onChange={(e) => form.set('salted', e.currentTarget.checked)}
          />
          {form.formError ? (
            <Alert color="red" variant="light" role="alert">
              {form.formError}
            </Alert>
          ) : null}
          <Button type="submit" loading={certify.isPending}>
            {t('certificates.certify')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CertificateList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CertificateStatus | null>(null);
  const [externalId, setExternalId] = useState('');
  const [contentHash, setContentHash] = useState('');
  const hashOk = !contentHash || HASH_PATTERN.test(contentHash.trim());
  const filters = {
    ...(status ? { status } : {}),
    ...(externalId.trim() ? { externalId: externalId.trim() } : {}),
    ...(contentHash.trim() && hashOk ? { contentHash: contentHash.trim() } : {}),
  };
  const list = useInfiniteQuery({
    queryKey: ['certificates', 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/certificates', { params: { query: { limit: 25, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('certificates.listTitle')}
      </Title>
      <Group gap="sm" mb="sm" align="flex-end" role="search" aria-label={t('certificates.filters')}>
        <Select
          label={t('common.status')}
          placeholder={t('common.any')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as CertificateStatus | null)}
          clearable
          w={160}
        />
        <TextInput label={t('certificates.externalId')} value={externalId} onChange={(e) => setExternalId(e.currentTarget.value)} w={180} />
        <TextInput
          label={t('certificates.contentHash')}
          placeholder="0x…"
          value={contentHash}
          onChange={(e) => setContentHash(e.currentTarget.value)}
          error={hashOk ? undefined : t('validation.hash')}
          style={{ flex: '1 1 14rem' }}
        />
      </Group>
      {list.isPending ? null : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <Empty title={t('certificates.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('certificates.contentHash')}</Table.Th>
                  <Table.Th>{t('certificates.externalId')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('common.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/certificates/${c.id}`} ff="monospace" size="sm">
                        {shortHash(c.contentHash, 8)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.externalId ?? '—'}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage ? (
            <Button variant="default" mt="sm" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}

export default function CertificatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageHeader
        title={t('certificates.title')}
        description={t('certificates.intro')}
        actions={
          <Button component={Link} to="/verify" variant="default" target="_blank">
            {t('verify.title')}
          </Button>
        }
      />
      <Grid gap="md">
        {can('certificates:write') ? (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack>
              <CertifyForm />
              <AnchorTargets />
            </Stack>
          </Grid.Col>
        ) : null}
        <Grid.Col span={{ base: 12, md: can('certificates:write') ? 7 : 12 }}>
          <CertificateList />
        </Grid.Col>
      </Grid>
    </>
  );
}
