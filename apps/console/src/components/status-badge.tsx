import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';

type Status = keyof typeof en.status;
const COLORS: Partial<Record<Status, string>> = {
  RUNNING: 'teal',
  CONFIRMED: 'teal',
  SUCCEEDED: 'teal',
  APPROVED: 'teal',
  ACTIVE: 'teal',
  DELIVERED: 'teal',
  MINED: 'teal',
  UP: 'teal',
  done: 'teal',
  ANCHORED: 'blue',
  PROVISIONING: 'blue',
  running: 'blue',
  SUBMITTED: 'blue',
  PENDING: 'yellow',
  QUEUED: 'yellow',
  pending: 'gray',
  DEGRADED: 'orange',
  STOPPED: 'gray',
  DELETED: 'gray',
  UNVERIFIED: 'gray',
  FAILED: 'red',
  failed: 'red',
  REJECTED: 'red',
  SUSPENDED: 'red',
  DEAD: 'red',
  REVERTED: 'red',
  DOWN: 'red',
};

const isStatus = (value: string): value is Status => Object.prototype.hasOwnProperty.call(en.status, value);

/** A status in words (translated) and colour; an unknown status shows as it came. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = isStatus(status);
  return (
    <Badge color={(known && COLORS[status]) || 'gray'} variant="light" data-status={status}>
      {known ? t(`status.${status}`) : status}
    </Badge>
  );
}
