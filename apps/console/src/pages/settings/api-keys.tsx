import { Alert, Button, Card, Checkbox, Code, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, type ApiKeyScope, type RequestBody } from '@chainloom/sdk';
import { api } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { CopyIcon } from '../../components/copy-field';
import { Empty, ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../format';
import { useApiForm } from '../../use-api-form';

const SCOPES: ApiKeyScope[] = ['networks:read', 'networks:write', 'contracts:read', 'contracts:write', 'certificates:read', 'certificates:write', 'webhooks:manage', 'rpc', 'usage:read', 'audit:read'];

/** The secret, once: it is not stored in a readable form and cannot be shown again. */
function SecretOnce({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={t('apiKeys.secretTitle')} centered closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow" variant="light">
          {t('apiKeys.secretWarning')}
        </Alert>
        <Group wrap="nowrap" gap="xs">
          <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="api-key-secret">
            {secret}
          </Code>
          <CopyIcon value={secret ?? ''} label={t('apiKeys.copySecret')} />
        </Group>
        <Button onClick={onClose}>{t('apiKeys.secretStored')}</Button>
      </Stack>
    </Modal>
  );
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')) });
  const form = useApiForm('POST /v1/api-keys', { name: '', scopes: ['networks:read', 'rpc'] as ApiKeyScope[] });
  const create = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/api-keys'>) => unwrap(api.POST('/v1/api-keys', { body })),
    onSuccess: (created) => {
      setSecret(created.secret);
      form.reset();
      void client.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: form.fail,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const toggle = (scope: ApiKeyScope, on: boolean) => form.set('scopes', on ? [...form.values.scopes, scope] : form.values.scopes.filter((s) => s !== scope));

  return (
    <>
      <PageHeader title={t('apiKeys.title')} description={t('apiKeys.intro')} />
      <Stack>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('apiKeys.create')}
          </Title>
          <form
            noValidate
            onSubmit={form.onSubmit((body) => create.mutate(body))}
          >
            <Stack>
              <TextInput label={t('common.name')} description={t('apiKeys.nameHelp')} required {...form.text('name')} />
              <Checkbox.Group label={t('apiKeys.scopes')} description={t('apiKeys.scopesHelp')} error={form.errors['scopes']} value={form.values.scopes}>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="xs" spacing="xs">
                  {SCOPES.map((scope) => (
                    <Checkbox key={scope} value={scope} label={scope} checked={form.values.scopes.includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              {form.formError ? (
                <Alert color="red" variant="light" role="alert">
                  {form.formError}
                </Alert>
              ) : null}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('apiKeys.createSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
        <Card withBorder padding={0}>
          <QueryView query={keys}>
            {(data) =>
              data.items.length === 0 ? (
                <Empty title={t('apiKeys.empty')} />
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('common.name')}</Table.Th>
                        <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                        <Table.Th>{t('apiKeys.scopes')}</Table.Th>
                        <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                        <Table.Th>
                          <span className="visually-hidden">{t('common.actions')}</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((k) => (
                        <Table.Tr key={k.id} data-testid="api-key-row" style={k.revokedAt ? { opacity: 0.55 } : undefined}>
                          <Table.Td>{k.name}</Table.Td>
                          <Table.Td ff="monospace">{k.prefix}…</Table.Td>
                          <Table.Td>
                            <Text size="xs">{k.scopes.join(', ')}</Text>
                          </Table.Td>
                          <Table.Td>{k.revokedAt ? t('apiKeys.revokedAt', { time: formatDateTime(k.revokedAt) }) : formatDateTime(k.lastUsedAt)}</Table.Td>
                          <Table.Td>
                            {k.revokedAt ? null : (
                              <ConfirmButton
                                size="xs"
                                variant="subtle"
                                color="red"
                                title={t('apiKeys.revokeTitle')}
                                message={t('apiKeys.revokeMessage', { name: k.name })}
                                confirmLabel={t('apiKeys.revoke')}
                                onConfirm={() => revoke.mutateAsync(k.id).catch(() => undefined)}
                                aria-label={t('apiKeys.revokeNamed', { name: k.name })}
                              >
                                {t('apiKeys.revoke')}
                              </ConfirmButton>
                            )}
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
      </Stack>
      <SecretOnce secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
