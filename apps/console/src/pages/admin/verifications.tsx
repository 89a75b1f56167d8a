import { Anchor, Button, Card, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, type VerificationRequest } from '@chainloom/sdk';
import { api } from '../../api';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';
import { useApiForm } from '../../use-api-form';

type Decision = 'approve' | 'reject';

/** Approve (reason optional) or reject (reason required, min 3 characters, as the API says). */
function DecisionModal({ request, decision, onClose }: { request: VerificationRequest; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = decision === 'approve' ? ('POST /v1/admin/verifications/{id}/approve' as const) : ('POST /v1/admin/verifications/{id}/reject' as const);
  const form = useApiForm(key, { reason: '' }, (v) => (v.reason.trim() || decision === 'reject' ? { reason: v.reason.trim() } : {}));
  const decide = useMutation({
    mutationFn: (body: { reason?: string }) =>
      decision === 'approve'
        ? unwrap(api.POST('/v1/admin/verifications/{id}/approve', { params: { path: { id: request.id } }, body }))
        : unwrap(api.POST('/v1/admin/verifications/{id}/reject', { params: { path: { id: request.id } }, body: { reason: body.reason ?? '' } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
    onError: form.fail,
  });
  return (
    <Modal opened onClose={onClose} title={decision === 'approve' ? t('admin.approveTitle', { name: request.companyName }) : t('admin.rejectTitle', { name: request.companyName })} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((body) => decide.mutate(body))}
      >
        <Stack>
          <Textarea label={decision === 'approve' ? t('admin.reasonOptional') : t('admin.reason')} required={decision === 'reject'} data-autofocus autosize minRows={2} {...form.text('reason')} />
          {form.formError ? (
            <Text size="sm" c="red" role="alert">
              {form.formError}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={decision === 'approve' ? 'teal' : 'red'} loading={decide.isPending}>
              {decision === 'approve' ? t('admin.approve') : t('admin.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export default function AdminVerificationsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'PENDING' | 'APPROVED' | 'REJECTED'>('PENDING');
  const [deciding, setDeciding] = useState<{ request: VerificationRequest; decision: Decision } | null>(null);
  const queue = useQuery({
    queryKey: ['admin', 'verifications', status],
    queryFn: () => unwrap(api.GET('/v1/admin/verifications', { params: { query: { status, limit: 100 } } })),
    refetchInterval: 10_000,
  });
  return (
    <>
      <PageHeader title={t('admin.verificationsTitle')} description={t('admin.verificationsIntro')} />
      <SegmentedControl
        mb="md"
        aria-label={t('common.status')}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={(['PENDING', 'APPROVED', 'REJECTED'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Card withBorder padding={0}>
        <QueryView query={queue}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty title={t('admin.queueEmpty')} />
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('settings.companyName')}</Table.Th>
                      <Table.Th>{t('settings.registrationNumber')}</Table.Th>
                      <Table.Th>{t('settings.contactName')}</Table.Th>
                      <Table.Th>{t('common.created')}</Table.Th>
                      <Table.Th>{t('common.status')}</Table.Th>
                      <Table.Th>
                        <span className="visually-hidden">{t('common.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((r) => (
                      <Table.Tr key={r.id} data-testid="verification-row">
                        <Table.Td>
                          <Anchor component={Link} to={`/admin/tenants/${r.tenantId}`}>
                            {r.companyName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {r.country} · {r.address}
                          </Text>
                        </Table.Td>
                        <Table.Td>{r.registrationNumber}</Table.Td>
                        <Table.Td>
                          {r.contactName}
                          <Text size="xs" c="dimmed">
                            {r.contactEmail}
                          </Text>
                        </Table.Td>
                        <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={r.status} />
                          {r.reason ? <Text size="xs">{r.reason}</Text> : null}
                        </Table.Td>
                        <Table.Td>
                          {r.status === 'PENDING' ? (
                            <Group gap={4} wrap="nowrap">
                              <Button size="xs" color="teal" onClick={() => setDeciding({ request: r, decision: 'approve' })}>
                                {t('admin.approve')}
                              </Button>
                              <Button size="xs" color="red" variant="light" onClick={() => setDeciding({ request: r, decision: 'reject' })}>
                                {t('admin.reject')}
                              </Button>
                            </Group>
                          ) : null}
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
      {deciding ? <DecisionModal request={deciding.request} decision={deciding.decision} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
