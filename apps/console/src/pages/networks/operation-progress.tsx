import { Badge, Card, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Operation, OperationStep } from '@chainloom/sdk';
import { StatusBadge } from '../../components/status-badge';
import { en } from '../../i18n/en';
import { formatDateTime, formatTime } from '../../format';
import type { LiveEvent, StreamState } from '../../use-network-events';

type StepName = keyof typeof en.operations.steps;
const isStepName = (name: string): name is StepName => Object.prototype.hasOwnProperty.call(en.operations.steps, name);

export function useStepLabel() {
  const { t } = useTranslation();
  return (name: string) => (isStepName(name) ? t(`operations.steps.${name}`) : name);
}

const BULLET: Record<OperationStep['status'], string> = { pending: '○', running: '◐', done: '✓', failed: '✕' };

/** The steps of an operation as they happen (driven by the event stream). */
export function OperationProgress({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const active = operation.steps.reduce((last, s, i) => (s.status === 'done' || s.status === 'running' || s.status === 'failed' ? i : last), -1);
  return (
    <Stack gap="sm" data-testid="operation-progress" data-status={operation.status}>
      <Group gap="xs">
        <Text fw={500}>{t(`operations.kinds.${operation.kind}`)}</Text>
        <StatusBadge status={operation.status} />
        {operation.attempts > 1 ? <Badge variant="outline">{t('operations.attempt', { count: operation.attempts })}</Badge> : null}
      </Group>
      <Timeline active={active} bulletSize={22} lineWidth={2} color={operation.status === 'FAILED' ? 'red' : 'indigo'}>
        {operation.steps.map((step) => (
          <Timeline.Item key={step.name} bullet={<span aria-hidden>{BULLET[step.status]}</span>} title={stepLabel(step.name)} data-step={step.name} data-step-status={step.status}>
            <Text size="xs" c="dimmed">
              {t(`status.${step.status}`)}
              {step.finishedAt ? ` · ${formatDateTime(step.finishedAt)}` : step.startedAt ? ` · ${formatDateTime(step.startedAt)}` : ''}
            </Text>
            {step.detail ? (
              <Text size="xs" c={step.status === 'failed' ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                {step.detail}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
      {operation.lastError ? (
        <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
          {operation.lastError}
        </Text>
      ) : null}
    </Stack>
  );
}

/** What the stream said, newest first, announced to screen readers as it arrives. */
export function LiveLog({ log, state }: { log: LiveEvent[]; state: StreamState }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const describe = ({ event }: LiveEvent): string => {
    switch (event.type) {
      case 'network':
        return t('networks.live.status', { status: t(`status.${event.data.status}`) });
      case 'node':
        return t('networks.live.node', { id: event.data.id, status: event.data.status });
      case 'operation': {
        const running = event.data.steps.find((s) => s.status === 'running');
        return running
          ? t('networks.live.step', { step: stepLabel(running.name) })
          : t('networks.live.operation', { kind: t(`operations.kinds.${event.data.kind}`), status: t(`status.${event.data.status}`) });
      }
      case 'snapshot':
        return '';
    }
  };
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('networks.live.title')}
        </Title>
        <Badge color={state === 'open' ? 'teal' : 'gray'} variant="dot" data-testid="stream-state" data-state={state}>
          {t(`networks.live.${state}`)}
        </Badge>
      </Group>
      <div aria-live="polite" aria-relevant="additions">
        {log.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('networks.live.empty')}
          </Text>
        ) : (
          <List size="sm" spacing={4} listStyleType="none">
            {[...log].reverse().slice(0, 12).map((entry, i) => (
              <List.Item key={`${entry.at}-${i}`}>
                <Text span c="dimmed" size="xs">
                  {formatTime(entry.at)}
                </Text>{' '}
                {describe(entry)}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Card>
  );
}
