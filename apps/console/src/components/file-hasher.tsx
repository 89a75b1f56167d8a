import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../format';
import { sha256File } from '../hashing';

/**
 * Pick or drop a file; it is hashed here, in the browser (SHA-256), and never uploaded. Large
 * files show progress and can be cancelled.
 */
export function FileHasher({ onHash, label }: { onHash: (hash: string | null, file: File | null) => void; label?: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [hash, setHash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(false);

  useEffect(() => () => abort.current?.abort(), []);

  const start = async (picked: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFile(picked);
    setHash(null);
    setError(null);
    setProgress(0);
    onHash(null, picked);
    try {
      const digest = await sha256File(picked, setProgress, controller.signal);
      if (controller.signal.aborted) return;
      setHash(digest);
      onHash(digest, picked);
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (abort.current === controller) setProgress(null);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setActive(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) void start(dropped);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.current?.click();
    }
  };

  return (
    <Stack gap="xs">
      <div
        className="drop-zone"
        data-active={active}
        role="button"
        tabIndex={0}
        aria-label={label ?? t('hashing.pick')}
        onClick={() => input.current?.click()}
        onKeyDown={onKey}
        onDragOver={(e) => {
          e.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={onDrop}
      >
        <Text fw={500}>{label ?? t('hashing.pick')}</Text>
        <Text size="sm" c="dimmed">
          {t('hashing.private')}
        </Text>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const picked = e.currentTarget.files?.[0];
          if (picked) void start(picked);
          e.currentTarget.value = '';
        }}
      />
      {file ? (
        <Text size="sm">
          {file.name} · {formatBytes(file.size)}
        </Text>
      ) : null}
      {progress !== null ? (
        <Group gap="xs" wrap="nowrap">
          <Progress value={progress * 100} style={{ flex: 1 }} aria-label={t('hashing.progress')} animated />
          <Text size="xs" w={48} ta="right" aria-live="polite">
            {Math.round(progress * 100)}%
          </Text>
          <Button size="xs" variant="subtle" onClick={() => abort.current?.abort()}>
            {t('common.cancel')}
          </Button>
        </Group>
      ) : null}
      {hash ? (
        <Text size="sm" className="mono-wrap" data-testid="file-hash">
          SHA-256: {hash}
        </Text>
      ) : null}
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
