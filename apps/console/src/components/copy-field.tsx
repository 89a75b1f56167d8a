import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckGlyph, CopyGlyph } from './icons';

export function CopyIcon({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : label} withArrow>
          <ActionIcon variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
            {copied ? <CheckGlyph /> : <CopyGlyph />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** A labelled value in monospace with a copy button; long values wrap instead of overflowing. */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }} data-testid={`value-${label}`}>
          {value}
        </Text>
        <CopyIcon value={value} label={copyLabel ?? t('common.copyLabel', { label })} />
      </Group>
    </Stack>
  );
}
