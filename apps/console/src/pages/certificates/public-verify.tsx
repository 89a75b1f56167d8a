import { Alert, Badge, Button, Card, Group, List, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { unwrap, type PublicVerifyResult } from '@chainloom/sdk';
import { api } from '../../api';
import { ErrorAlert } from '../../components/feedback';
import { FileHasher } from '../../components/file-hasher';
import { PublicShell } from '../../components/public-shell';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, shortHash } from '../../format';
import { HASH_PATTERN } from '../../hashing';

type Request = { contentHash: string } | { receipt: unknown };

function Result({ result }: { result: PublicVerifyResult }) {
  const { t } = useTranslation();
  const certificates = result.certificates ?? [];
  return (
    <Card withBorder padding="md" data-testid="verify-result" data-valid={result.valid}>
      <Group gap="sm" mb="sm">
        <Badge size="lg" color={result.valid ? 'teal' : 'red'} variant="filled">
          {result.valid ? t('verify.valid') : t('verify.invalid')}
        </Badge>
        <Text size="sm" c="dimmed">
          {result.kind === 'receipt' ? t('verify.kindReceipt') : t('verify.kindHash')}
        </Text>
      </Group>
      {result.contentHash ? (
        <Text size="sm" className="mono-wrap" mb="sm">
          {result.contentHash}
        </Text>
      ) : null}
      {result.checks ? (
        <List spacing={4} size="sm" listStyleType="none" mb="sm">
          {result.checks.map((c) => (
            <List.Item key={c.field}>
              <Text span c={c.ok ? 'teal' : 'red'} fw={700} aria-label={c.ok ? t('verify.checkOk') : t('verify.checkFailed')}>
                {c.ok ? '✓' : '✕'}
              </Text>{' '}
              <Text span fw={500}>
                {c.field}
              </Text>
              : {c.detail}
            </List.Item>
          ))}
        </List>
      ) : null}
      {result.kind === 'hash' && certificates.length === 0 ? <Text size="sm">{t('verify.notFound')}</Text> : null}
      {certificates.map((c, i) => (
        <Card key={i} withBorder padding="sm" mb="xs">
          <Group gap="xs" mb="xs">
            <StatusBadge status={c.status} />
            <Text size="sm">{t('verify.certifiedAt', { time: formatDateTime(c.createdAt) })}</Text>
          </Group>
          {c.anchors.length ? (
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('networks.chainId')}</Table.Th>
                    <Table.Th>{t('verify.contract')}</Table.Th>
                    <Table.Th>{t('explorer.transaction')}</Table.Th>
                    <Table.Th>{t('explorer.number')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.anchors.map((a, j) => (
                    <Table.Tr key={j}>
                      <Table.Td>{a.chainId ?? '—'}</Table.Td>
                      <Table.Td ff="monospace">{shortHash(a.contract)}</Table.Td>
                      <Table.Td ff="monospace">{shortHash(a.txHash)}</Table.Td>
                      <Table.Td>{a.blockNumber ?? '—'}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={a.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              {t('verify.notAnchoredYet')}
            </Text>
          )}
        </Card>
      ))}
    </Card>
  );
}

/** Anyone, without an account: does this file, hash or receipt hold, and against which chain? */
export default function PublicVerifyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<string | null>(params.get('hash') ? 'hash' : 'file');
  const [hash, setHash] = useState(params.get('hash') ?? '');
  const [fileHash, setFileHash] = useState<string | null>(null);
  const [receiptText, setReceiptText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const verify = useMutation({ mutationFn: (body: Request) => unwrap(api.POST('/v1/public/verify', { body })) });

  useEffect(() => {
    const given = params.get('hash');
    if (given && HASH_PATTERN.test(given)) verify.mutate({ contentHash: given });
    // Only on arrival with ?hash=…
  }, []);

  const submit = () => {
    setInputError(null);
    if (mode === 'file') {
      if (!fileHash) return setInputError(t('certificates.pickFileFirst'));
      return verify.mutate({ contentHash: fileHash });
    }
    if (mode === 'hash') {
      if (!HASH_PATTERN.test(hash.trim())) return setInputError(t('validation.hash'));
      return verify.mutate({ contentHash: hash.trim() });
    }
    try {
      verify.mutate({ receipt: JSON.parse(receiptText) as unknown });
    } catch {
      setInputError(t('verify.badReceipt'));
    }
  };

  return (
    <PublicShell size={760}>
      <Stack>
        <div>
          <Title order={1} size="h2">
            {t('verify.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('verify.intro')}
          </Text>
        </div>
        <Card withBorder padding="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack>
              <Tabs
                value={mode}
                onChange={(m) => {
                  setMode(m);
                  setInputError(null);
                  verify.reset();
                }}
              >
                <Tabs.List>
                  <Tabs.Tab value="file">{t('verify.byFile')}</Tabs.Tab>
                  <Tabs.Tab value="hash">{t('verify.byHash')}</Tabs.Tab>
                  <Tabs.Tab value="receipt">{t('verify.byReceipt')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="file" pt="sm">
                  <FileHasher onHash={(h) => setFileHash(h)} />
                </Tabs.Panel>
                <Tabs.Panel value="hash" pt="sm">
                  <TextInput label={t('certificates.contentHash')} placeholder="0x…" value={hash} onChange={(e) => setHash(e.currentTarget.value)} />
                </Tabs.Panel>
                <Tabs.Panel value="receipt" pt="sm">
                  <Stack gap="xs">
                    <FileHasher
                      label={t('verify.pickReceipt')}
                      onHash={(_h, file) => {
                        if (file) void file.text().then(setReceiptText);
                      }}
                    />
                    <Textarea label={t('verify.receiptJson')} autosize minRows={4} maxRows={12} value={receiptText} onChange={(e) => setReceiptText(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
                  </Stack>
                </Tabs.Panel>
              </Tabs>
              {inputError ? (
                <Alert color="red" variant="light" role="alert">
                  {inputError}
                </Alert>
              ) : null}
              <Group>
                <Button type="submit" loading={verify.isPending}>
                  {t('verify.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? <Result result={verify.data} /> : null}
        <Text size="xs" c="dimmed">
          {t('verify.trustless')}
        </Text>
      </Stack>
    </PublicShell>
  );
}
