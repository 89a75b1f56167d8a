import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { unwrap, type RequestBody } from '@chainloom/sdk';
import { api } from '../../api';
import { PublicShell } from '../../components/public-shell';
import { meQuery } from '../../session';
import { useApiForm } from '../../use-api-form';

export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  // The mailed link carries the token in the fragment (#token=…), which never reaches a server log.
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? params.get('token') ?? '';
  const form = useApiForm('POST /v1/invitations/accept', { name: '', password: '' }, (v) => ({ token, password: v.password, ...(v.name ? { name: v.name } : {}) }));
  const accept = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/invitations/accept'>) => unwrap(api.POST('/v1/invitations/accept', { body })),
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery(meQuery);
      void navigate('/', { replace: true });
    },
    onError: form.fail,
  });
  return (
    <PublicShell>
      <Paper withBorder p="lg" radius="md">
        <form
          noValidate
          onSubmit={form.onSubmit((body) => accept.mutate(body))}
        >
          <Stack>
            <Title order={1} size="h2">
              {t('invitations.acceptTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('invitations.acceptIntro')}
            </Text>
            {!token ? <Alert color="red">{t('errors.invitation_invalid')}</Alert> : null}
            {form.formError ? (
              <Alert color="red" variant="light" role="alert">
                {form.formError}
              </Alert>
            ) : null}
            <TextInput label={t('auth.name')} description={t('invitations.nameHelp')} autoComplete="name" {...form.text('name')} />
            <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} label={t('auth.password')} autoComplete="current-password" required {...form.text('password')} />
            <Button type="submit" loading={accept.isPending} disabled={!token} fullWidth>
              {t('invitations.accept')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </PublicShell>
  );
}
