import { Alert, Anchor, Button, Card, Checkbox, Code, Group, Modal, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, type RequestBody, type WebhookEvent } from '@chainloom/sdk';
import { api } from '../../api';
import { CopyIcon } from '../../components/copy-field';
import { Empty, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../format';
import { useApiForm } from '../../use-api-form';

const EVENTS: WebhookEvent[] = ['certificate.confirmed', 'anchor.failed'];

export default function WebhooksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/v1/webhooks')) });
  const form = useApiForm('POST /v1/webhooks', { url: '', events: ['certificate.confirmed'] as WebhookEvent[], description: '' }, (v) => ({
    url: v.url.trim(),
    events: v.events,
    ...(v.description.trim() ? { description: v.description.trim() } : {}),
  }));
  const create = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/webhooks'>) => unwrap(api.POST('/v1/webhooks', { body })),
    onSuccess: (created) => {
      setSecret(created.secret);
      form.reset();
      void client.invalidateQueries({ queryKey: ['webhooks'] });
    },
    onError: form.fail,
  });
  return (
    <>
      <PageHeader title={t('webhooks.title')} description={t('webhooks.intro')} />
      <Stack>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('webhooks.create')}
          </Title>
          <form
            noValidate
            onSubmit={form.onSubmit((body) => create.mutate(body))}
          >
            <Stack>
              <TextInput label={t('webhooks.url')} placeholder="https://example.com/hooks/chainloom" required {...form.text('url')} />
              <Checkbox.Group label={t('webhooks.events')} value={form.values.events} onChange={(v) => form.set('events', v as WebhookEvent[])} error={form.errors['events']}>
                <Group mt="xs">
                  {EVENTS.map((ev) => (
                    <Checkbox key={ev} value={ev} label={`${ev} — ${t(`webhooks.eventHelp.${ev === 'certificate.confirmed' ? 'confirmed' : 'failed'}`)}`} />
                  ))}
                </Group>
              </Checkbox.Group>
              <TextInput label={t('webhooks.description')} {...form.text('description')} />
              {form.formError ? (
                <Alert color="red" variant="light" role="alert">
                  {form.formError}
                </Alert>
              ) : null}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('webhooks.createSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        <Card withBorder padding={0}>
          <QueryView query={hooks}>
            {(data) =>
              data.items.length === 0 ? (
                <Empty title={t('webhooks.empty')} />
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('webhooks.url')}</Table.Th>
                        <Table.Th>{t('webhooks.events')}</Table.Th>
                        <Table.Th>{t('common.created')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((w) => (
                        <Table.Tr key={w.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/webhooks/${w.id}`} className="mono-wrap" size="sm">
                              {w.url}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{w.events.join(', ')}</Table.Td>
                          <Table.Td>{formatDateTime(w.createdAt)}</Table.Td>
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
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title={t('webhooks.secretTitle')} centered closeOnClickOutside={false}>
        <Stack>
          <Alert color="yellow" variant="light">
            {t('webhooks.secretWarning')}
          </Alert>
          <Group wrap="nowrap" gap="xs">
            <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {secret}
            </Code>
            <CopyIcon value={secret ?? ''} label={t('webhooks.copySecret')} />
          </Group>
          <Button onClick={() => setSecret(null)}>{t('apiKeys.secretStored')}</Button>
        </Stack>
      </Modal>
    </>
  );
}
