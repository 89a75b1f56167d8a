import '@mantine/core/styles.css';
import './styles.css';
import './i18n';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { queryClient, setOnSessionLost } from './api';
import { router } from './routes';

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
});

// The session ended under our feet (logged out elsewhere, expired, tenant suspended): forget
// everything cached and go to the login page, coming back here afterwards.
setOnSessionLost(() => {
  queryClient.clear();
  queryClient.setQueryData(['me'], null);
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) void router.navigate(`/login?next=${encodeURIComponent(here)}&expired=1`);
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
