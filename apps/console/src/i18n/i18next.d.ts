import 'i18next';
import type { en } from './en';

// Typed keys: t('nav.networks') compiles, t('nav.nope') does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    // Error codes and metric names contain "_" (network_error): keep i18next from reading it as
    // a context or plural separator. Matches the runtime options in index.ts.
    contextSeparator: '|';
    pluralSeparator: '|';
  }
}
