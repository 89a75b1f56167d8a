import { Anchor, Button, Card, Group, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { unwrap, type Certificate } from '@chainloom/sdk';
import { api } from '../../api';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, shortHash } from '../../format';

const STAGES = ['PENDING', 'ANCHORED', 'CONFIRMED'] as const;

/** Saves a value as a file the browser downloads. */
function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function Progression({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const index = STAGES.indexOf(certificate.status as (typeof STAGES)[number]);
  return (
    <Stepper active={certificate.status === 'CONFIRMED' ? STAGES.length : Math.max(0, index) + 1} size="sm" color={certificate.status === 'FAILED' ? 'red' : 'teal'} allowNextStepsSelect={false}>
      {STAGES.map((s) => (
        <Stepper.Step key={s} label={t(`status.${s}`)} description={t(`certificates.stage.${s}`)} />
      ))}
    </Stepper>
  );
}

export default function CertificateDetailPage() {
  const { t } = useTranslation();
  const id = useParams()['id'] ?? '';
  const certificate = useQuery({
    queryKey: ['certificates', id],
    queryFn: () => unwrap(api.GET('/v1/certificates/{id}', { params: { path: { id } } })),
    // Watch it move PENDING → ANCHORED → CONFIRMED; stop once it can no longer change.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'CONFIRMED' || q.state.data.status === 'FAILED') ? false : 1_500),
  });
  const receipt = useMutation({
    mutationFn: () => unwrap(api.GET('/v1/certificates/{id}/proof', { params: { path: { id } } })),
    onSuccess: (data) => download(`${id}.receipt.json`, JSON.stringify(data, null, 2), 'application/json'),
  });
  return (
    <QueryView query={certificate}>
      {(c) => (
        <>
          <PageHeader
            title={t('certificates.detailTitle')}
            description={
              <Group gap="xs" component="span">
                <Anchor component={Link} to="/certificates" size="sm">
                  {t('certificates.title')}
                </Anchor>
                <span aria-hidden>/</span>
                <span data-testid="certificate-status" data-status={c.status} aria-live="polite">
                  <StatusBadge status={c.status} />
                </span>
              </Group>
            }
            actions={
              <>
                <Button variant="default" onClick={() => receipt.mutate()} loading={receipt.isPending} disabled={c.status === 'PENDING' && !c.batchId}>
                  {t('certificates.downloadReceipt')}
                </Button>
                <Button component="a" href={`/v1/certificates/${encodeURIComponent(c.id)}/certificate.pdf`} download variant="default">
                  {t('certificates.downloadPdf')}
                </Button>
                <Button component={Link} to={`/verify?hash=${c.contentHash}`} variant="light">
                  {t('certificates.verifyPublicly')}
                </Button>
              </>
            }
          />
          {receipt.isError ? <ErrorAlert error={receipt.error} /> : null}
          <Stack>
            <Card withBorder padding="md">
              <Progression certificate={c} />
            </Card>
            <Card withBorder padding="md">
              <Stack gap="xs">
                <CopyField label={t('certificates.contentHash')} value={c.contentHash} />
                <CopyField label={t('certificates.id')} value={c.id} />
                <Text size="sm">
                  {t('certificates.algorithm')}: {c.hashAlgorithm} · {t('certificates.externalId')}: {c.externalId ?? '—'} · {t('common.created')}: {formatDateTime(c.createdAt)}
                </Text>
                {c.salt ? <CopyField label={t('certificates.salt')} value={c.salt} /> : null}
                {c.root ? <CopyField label={t('certificates.root')} value={c.root} /> : null}
              </Stack>
            </Card>
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('certificates.anchors')}
              </Title>
              {c.anchors.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('certificates.noAnchors')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('networks.chainId')}</Table.Th>
                        <Table.Th>{t('common.status')}</Table.Th>
                        <Table.Th>{t('explorer.transaction')}</Table.Th>
                        <Table.Th>{t('explorer.number')}</Table.Th>
                        <Table.Th>{t('explorer.time')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {c.anchors.map((a) => (
                        <Table.Tr key={`${a.networkId}-${a.batchSeq}`}>
                          <Table.Td>{a.chainId ?? '—'}</Table.Td>
                          <Table.Td>
                            <StatusBadge status={a.status} />
                            {a.error ? (
                              <Text size="xs" c="red">
                                {a.error}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            {a.txHash ? (
                              <Anchor component={Link} to={`/networks/${a.networkId}/explorer?tx=${a.txHash}`} ff="monospace" size="sm">
                                {shortHash(a.txHash)}
                              </Anchor>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td>{a.blockNumber ?? '—'}</Table.Td>
                          <Table.Td>{formatDateTime(a.blockTime)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          </Stack>
        </>
      )}
    </QueryView>
  );
}
