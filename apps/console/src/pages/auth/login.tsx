import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '@chainloom/sdk';
import { api } from '../../api';
import { PublicShell } from '../../components/public-shell';
import { meQuery } from '../../session';
import { useApiForm } from '../../use-api-form';

/** Only paths inside the console: never an open redirect. */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useApiForm('POST /v1/sessions', { email: '', password: '' });
  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/v1/sessions', { body })),
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery(meQuery);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: form.fail,
  });

  return (
    <PublicShell>
      <Paper withBorder p="lg" radius="md">
        <form
          noValidate
          onSubmit={form.onSubmit((body) => login.mutate(body))}
        >
          <Stack>
            <Title order={1} size="h2">
              {t('auth.loginTitle')}
            </Title>
            {params.get('expired') ? (
              <Alert color="yellow" variant="light">
                {t('auth.sessionExpired')}
              </Alert>
            ) : null}
            {form.formError ? (
              <Alert color="red" variant="light" role="alert">
                {form.formError}
              </Alert>
            ) : null}
            <TextInput label={t('auth.email')} type="email" autoComplete="username" required {...form.text('email')} />
            <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} label={t('auth.password')} autoComplete="current-password" required {...form.text('password')} />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.login')}
            </Button>
            <Text size="sm" ta="center">
              {t('auth.noAccount')}{' '}
              <Anchor component={Link} to="/signup">
                {t('auth.signup')}
              </Anchor>
            </Text>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/verify">
                {t('verify.title')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </PublicShell>
  );
}
