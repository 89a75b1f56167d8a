import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, type RequestBody } from '@chainloom/sdk';
import { api } from '../../api';
import { PublicShell } from '../../components/public-shell';
import { meQuery } from '../../session';
import { useApiForm } from '../../use-api-form';

export function SignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useApiForm('POST /v1/signup', { tenantName: '', name: '', email: '', password: '' });
  const signup = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/signup'>) => unwrap(api.POST('/v1/signup', { body })),
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
          onSubmit={form.onSubmit((body) => signup.mutate(body))}
        >
          <Stack>
            <Title order={1} size="h2">
              {t('auth.signupTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('auth.signupIntro')}
            </Text>
            {form.formError ? (
              <Alert color="red" variant="light" role="alert">
                {form.formError}
              </Alert>
            ) : null}
            <TextInput label={t('auth.tenantName')} description={t('auth.tenantNameHelp')} autoComplete="organization" required {...form.text('tenantName')} />
            <TextInput label={t('auth.name')} autoComplete="name" required {...form.text('name')} />
            <TextInput label={t('auth.email')} type="email" autoComplete="email" required {...form.text('email')} />
            <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }} label={t('auth.password')} description={t('auth.passwordHelp')} autoComplete="new-password" required {...form.text('password')} />
            <Button type="submit" loading={signup.isPending} fullWidth>
              {t('auth.createAccount')}
            </Button>
            <Text size="sm" ta="center">
              {t('auth.haveAccount')}{' '}
              <Anchor component={Link} to="/login">
                {t('auth.login')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </PublicShell>
  );
}
