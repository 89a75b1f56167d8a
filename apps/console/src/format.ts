import i18n from './i18n';

/** Dates and numbers in the user's language. */
export const formatDateTime = (value: string | number | Date | null | undefined) =>
  value == null ? '—' : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));

export const formatTime = (value: number | Date) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(value);

export const formatNumber = (value: number | null | undefined) => (value == null ? '—' : new Intl.NumberFormat(i18n.language).format(value));

export const formatBytes = (bytes: number) => {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v)} ${units[u]}`;
};

/** 0x1234…abcd */
export const shortHash = (value: string | null | undefined, keep = 6) =>
  !value ? '—' : value.length <= keep * 2 + 3 ? value : `${value.slice(0, keep + 2)}…${value.slice(-keep)}`;

/** Midnight today (local time) as an ISO string: "certificates today". */
export const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
};
