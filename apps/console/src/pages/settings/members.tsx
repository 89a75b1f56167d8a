import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unwrap, type RequestBody, type TenantRole } from '@chainloom/sdk';
import { api } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { Empty, ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime } from '../../format';
import { useCan, useMe } from '../../session';
import { useApiForm } from '../../use-api-form';

const ROLES: TenantRole[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'];

function InviteForm() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const form = useApiForm('POST /v1/invitations', { email: '', role: 'DEVELOPER' as TenantRole });
  const invite = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/invitations'>) => unwrap(api.POST('/v1/invitations', { body })),
    onSuccess: () => {
      form.reset();
      void client.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: form.fail,
  });
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('members.invite')}
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((body) => invite.mutate(body))}
      >
        <Stack>
          <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput label={t('auth.email')} type="email" required {...form.text('email')} style={{ flex: '2 1 14rem' }} />
            <Select
              label={t('members.role')}
              data={ROLES.filter((r) => r !== 'OWNER' || me.role === 'OWNER').map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={form.values.role}
              onChange={(v) => v && form.set('role', v as TenantRole)}
              allowDeselect={false}
              style={{ flex: '1 1 10rem' }}
            />
          </Group>
          {form.formError ? (
            <Alert color="red" variant="light" role="alert">
              {form.formError}
            </Alert>
          ) : null}
          {invite.isSuccess ? (
            <Alert color="teal" variant="light" role="status">
              {t('members.invited')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('members.sendInvitation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function MembersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const client = useQueryClient();
  const manage = can('members:manage');
  const members = useQuery({ queryKey: ['members'], queryFn: () => unwrap(api.GET('/v1/members')) });
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => unwrap(api.GET('/v1/invitations')), enabled: manage });
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: TenantRole }) => unwrap(api.PATCH('/v1/members/{id}', { params: { path: { id } }, body: { role } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['members'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/members/{id}', { params: { path: { id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['members'] }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/invitations/{id}', { params: { path: { id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: ['invitations'] }),
  });
  const error = changeRole.error ?? remove.error ?? revoke.error;
  // Only an owner may grant, change or remove the owner role (the API answers owner_only).
  const mayEdit = (m: { userId: string; role: TenantRole }) => manage && m.userId !== me.user.id && (m.role !== 'OWNER' || me.role === 'OWNER');
  const roleOptions = ROLES.filter((r) => r !== 'OWNER' || me.role === 'OWNER').map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <PageHeader title={t('members.title')} description={t('members.intro')} />
      <Stack>
        {manage ? <InviteForm /> : null}
        {error ? <ErrorAlert error={error} /> : null}
        {changeRole.isSuccess && !error ? (
          <Text size="sm" c="teal" role="status">
            {t('common.saved')}
          </Text>
        ) : null}
        <Card withBorder padding={0}>
          <QueryView query={members}>
            {(data) => (
              <Table.ScrollContainer minWidth={560}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.name')}</Table.Th>
                      <Table.Th>{t('auth.email')}</Table.Th>
                      <Table.Th>{t('members.role')}</Table.Th>
                      <Table.Th>
                        <span className="visually-hidden">{t('common.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>{m.name}</Table.Td>
                        <Table.Td>{m.email}</Table.Td>
                        <Table.Td>
                          {mayEdit(m) ? (
                            <Select
                              size="xs"
                              aria-label={t('members.roleOf', { name: m.name })}
                              data={roleOptions}
                              value={m.role}
                              onChange={(v) => v && changeRole.mutate({ id: m.id, role: v as TenantRole })}
                              allowDeselect={false}
                              w={140}
                            />
                          ) : (
                            t(`roles.${m.role}`)
                          )}
                        </Table.Td>
                        <Table.Td>
                          {mayEdit(m) ? (
                            <ConfirmButton
                              size="xs"
                              variant="subtle"
                              title={t('members.removeTitle')}
                              message={t('members.removeMessage', { name: m.name })}
                              confirmLabel={t('members.remove')}
                              onConfirm={() => remove.mutateAsync(m.id).catch(() => undefined)}
                            >
                              {t('members.remove')}
                            </ConfirmButton>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </QueryView>
        </Card>
        {manage ? (
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('members.invitations')}
            </Title>
            <QueryView query={invitations}>
              {(data) =>
                data.items.length === 0 ? (
                  <Empty title={t('members.noInvitations')} />
                ) : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('auth.email')}</Table.Th>
                          <Table.Th>{t('members.role')}</Table.Th>
                          <Table.Th>{t('common.status')}</Table.Th>
                          <Table.Th>{t('members.expires')}</Table.Th>
                          <Table.Th>
                            <span className="visually-hidden">{t('common.actions')}</span>
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.items.map((inv) => {
                          const state = inv.acceptedAt ? 'ACCEPTED' : inv.revokedAt ? 'REVOKED' : new Date(inv.expiresAt) < new Date() ? 'EXPIRED' : 'PENDING';
                          return (
                            <Table.Tr key={inv.id}>
                              <Table.Td>{inv.email}</Table.Td>
                              <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                              <Table.Td>
                                <StatusBadge status={state} />
                              </Table.Td>
                              <Table.Td>{formatDateTime(inv.expiresAt)}</Table.Td>
                              <Table.Td>
                                {state === 'PENDING' ? (
                                  <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(inv.id)}>
                                    {t('members.revokeInvitation')}
                                  </Button>
                                ) : null}
                              </Table.Td>
                            </Table.Tr>
                          );
                        })}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )
              }
            </QueryView>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
