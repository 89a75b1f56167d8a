import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from './components/feedback';
import { Layout } from './components/layout';
import { RequireAdmin, RequireSession, RequireTenant } from './session';
import { LoginPage } from './pages/auth/login';
import { SignupPage } from './pages/auth/signup';
import { DashboardPage } from './pages/dashboard';
import { NotFoundPage } from './pages/not-found';

/** A page loaded on first visit: the first page's JavaScript stays small. */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/invitations/accept', element: page(() => import('./pages/auth/accept-invitation')) },
  { path: '/verify', element: page(() => import('./pages/certificates/public-verify')) },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          {
            element: <RequireTenant />,
            children: [
              { index: true, element: <DashboardPage /> },
              { path: 'networks', element: page(() => import('./pages/networks/network-list')) },
              { path: 'networks/new', element: page(() => import('./pages/networks/create-network')) },
              { path: 'networks/:id/*', element: page(() => import('./pages/networks/network-detail')) },
              { path: 'contracts/:id', element: page(() => import('./pages/networks/contract-page')) },
              { path: 'certificates', element: page(() => import('./pages/certificates/certificates')) },
              { path: 'certificates/:id', element: page(() => import('./pages/certificates/certificate-detail')) },
              { path: 'api-keys', element: page(() => import('./pages/settings/api-keys')) },
              { path: 'members', element: page(() => import('./pages/settings/members')) },
              { path: 'webhooks', element: page(() => import('./pages/settings/webhooks')) },
              { path: 'webhooks/:id', element: page(() => import('./pages/settings/webhook-detail')) },
              { path: 'audit', element: page(() => import('./pages/settings/audit')) },
              { path: 'settings', element: page(() => import('./pages/settings/tenant-settings')) },
            ],
          },
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              { path: 'tenants', element: page(() => import('./pages/admin/tenants')) },
              { path: 'tenants/:id', element: page(() => import('./pages/admin/tenant-detail')) },
              { path: 'verifications', element: page(() => import('./pages/admin/verifications')) },
              { path: 'health', element: page(() => import('./pages/admin/health')) },
              { path: 'usage', element: page(() => import('./pages/admin/usage')) },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
