import { QueryClient } from '@tanstack/react-query';
import { createChainloomClient, isApiError } from '@chainloom/sdk';

/** Called when the API answers 401 to a signed-in page: the session ended (logout elsewhere, expiry). */
let onSessionLost: () => void = () => undefined;
export const setOnSessionLost = (handler: () => void) => {
  onSessionLost = handler;
};

/** The console's one API client: same origin, authenticated by the httpOnly session cookie. */
export const api = createChainloomClient({
  baseUrl: '',
  onUnauthenticated: (response) => {
    // Logging in with a wrong password is a 401 too: that one the login form shows.
    if (!response.url.endsWith('/v1/sessions') && !response.url.endsWith('/v1/me')) onSessionLost();
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A 4xx will not change on retry; a network error or a 5xx might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});
