import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { isApiError, unwrap, type Me, type Permission } from '@chainloom/sdk';
import { api } from './api';
import { ErrorAlert, Loading } from './components/feedback';
import { PublicShell } from './components/public-shell';

export const meQuery = {
  queryKey: ['me'] as const,
  queryFn: () => unwrap(api.GET('/v1/me')),
  staleTime: 30_000,
};

/** Who is signed in; `data` is undefined while loading and null when nobody is. */
export function useSession() {
  const query = useQuery({
    ...meQuery,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await meQuery.queryFn();
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
  });
  return query;
}

/** The signed-in user's data; only inside <RequireSession>. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside <RequireSession>');
  return data;
}

export function useCan() {
  const me = useMe();
  return (permission: Permission) => me.permissions.includes(permission);
}

export function useSignedIn() {
  const client = useQueryClient();
  return (me: Me | null) => client.setQueryData(['me'], me);
}

/** The session exists but the API refuses it (tenant suspended, server down): say why, offer a way out. */
function SessionProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <PublicShell>
      <Stack>
        <ErrorAlert error={error} />
        <Group>
          <Button component={Link} to="/login" variant="default">
            {t('auth.loginAgain')}
          </Button>
        </Group>
      </Stack>
    </PublicShell>
  );
}

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <SessionProblem error={session.error} />;
  if (!session.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

/** Pages of a tenant: a platform admin without one is sent to the admin area. */
export function RequireTenant() {
  const me = useMe();
  if (!me.tenant) return <Navigate to={me.user.platformAdmin ? '/admin/tenants' : '/login'} replace />;
  return <Outlet />;
}

export function RequireAdmin() {
  const me = useMe();
  if (!me.user.platformAdmin) return <Navigate to="/" replace />;
  return <Outlet />;
}
