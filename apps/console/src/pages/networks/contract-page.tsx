import { Accordion, Anchor, Badge, Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { unwrap, type Contract, type Transaction } from '@chainloom/sdk';
import { api } from '../../api';
import { abiFunctions, formatResult, parseArg, placeholderFor, type AbiFunction, type ArgError } from '../../abi';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert, QueryView } from '../../components/feedback';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useCan } from '../../session';

export function useArgError() {
  const { t } = useTranslation();
  return (error: ArgError) => t(`contracts.argErrors.${error}`);
}

function TransactionStatus({ id, networkId }: { id: string; networkId: string }) {
  const { t } = useTranslation();
  const tx = useQuery({
    queryKey: ['transactions', id],
    queryFn: () => unwrap(api.GET('/v1/transactions/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'PENDING' ? false : 1_000),
  });
  if (!tx.data) return null;
  return (
    <Group gap="xs" data-testid="tx-status" data-status={tx.data.status}>
      <StatusBadge status={tx.data.status} />
      <Anchor component={Link} to={`/networks/${networkId}/explorer?tx=${tx.data.hash}`} size="sm" className="mono-wrap">
        {t('contracts.viewTransaction')}
      </Anchor>
      {tx.data.blockNumber != null ? (
        <Text size="xs" c="dimmed">
          {t('explorer.inBlock', { number: tx.data.blockNumber })}
        </Text>
      ) : null}
    </Group>
  );
}

/** One ABI function as a form: an input per parameter, Call (read) or Send (write). */
function FunctionForm({ contract, fn, canWrite }: { contract: Contract; fn: AbiFunction; canWrite: boolean }) {
  const { t } = useTranslation();
  const argError = useArgError();
  const [values, setValues] = useState<string[]>(() => fn.inputs.map(() => ''));
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<Record<number, string>>({});
  const call = useMutation({
    mutationFn: (body: { function: string; args: unknown[] }): Promise<{ kind: 'call'; result: unknown } | { kind: 'send'; tx: Transaction }> =>
      fn.read
        ? unwrap(api.POST('/v1/contracts/{id}/call', { params: { path: { id: contract.id } }, body })).then((r) => ({ kind: 'call' as const, result: r.result }))
        : unwrap(api.POST('/v1/contracts/{id}/send', { params: { path: { id: contract.id } }, body: { ...body, ...(value ? { value } : {}) } })).then((tx) => ({ kind: 'send' as const, tx })),
  });
  const id = `fn-${contract.id}-${fn.signature}`;
  return (
    <form
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const next: Record<number, string> = {};
        const args = fn.inputs.map((input, i) => {
          const parsed = parseArg(input.type, values[i] ?? '');
          if (parsed.ok) return parsed.value;
          next[i] = argError(parsed.error);
          return undefined;
        });
        setErrors(next);
        if (Object.keys(next).length === 0) call.mutate({ function: fn.key, args });
      }}
    >
      <Stack gap="xs">
        <Text id={`${id}-title`} ff="monospace" size="sm" className="mono-wrap">
          {fn.signature}
          {fn.outputs.length ? ` → (${fn.outputs.map((o) => o.type).join(', ')})` : ''}
        </Text>
        {fn.inputs.map((input, i) => (
          <TextInput
            key={`${input.name}-${i}`}
            label={`${input.name} (${input.type})`}
            placeholder={placeholderFor(input.type)}
            value={values[i] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((all) => all.map((old, j) => (j === i ? v : old)));
            }}
            error={errors[i]}
          />
        ))}
        {fn.payable ? <TextInput label={t('contracts.valueWei')} value={value} onChange={(e) => setValue(e.currentTarget.value)} inputMode="numeric" /> : null}
        <Group>
          <Button type="submit" size="xs" variant={fn.read ? 'light' : 'filled'} loading={call.isPending} disabled={!fn.read && !canWrite}>
            {fn.read ? t('contracts.call') : t('contracts.send')}
          </Button>
        </Group>
        {call.isError ? <ErrorAlert error={call.error} /> : null}
        {call.data?.kind === 'call' ? (
          <Code block data-testid="call-result" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {formatResult(call.data.result)}
          </Code>
        ) : null}
        {call.data?.kind === 'send' ? <TransactionStatus id={call.data.tx.id} networkId={contract.networkId} /> : null}
      </Stack>
    </form>
  );
}

export default function ContractPage() {
  const { t } = useTranslation();
  const id = useParams()['id'] ?? '';
  const can = useCan();
  const contract = useQuery({ queryKey: ['contracts', id], queryFn: () => unwrap(api.GET('/v1/contracts/{id}', { params: { path: { id } } })) });
  const fns = useMemo(() => (contract.data ? abiFunctions(contract.data.abi) : []), [contract.data]);
  return (
    <QueryView query={contract}>
      {(c) => (
        <>
          <PageHeader
            title={c.name}
            description={
              <Anchor component={Link} to={`/networks/${c.networkId}/contracts`} size="sm">
                {t('contracts.backToNetwork')}
              </Anchor>
            }
            actions={c.system ? <Badge variant="outline">{t('contracts.system')}</Badge> : null}
          />
          <Stack>
            <Card withBorder padding="md">
              <Stack gap="xs">
                <CopyField label={t('contracts.address')} value={c.address} />
                <CopyField label={t('contracts.deployTx')} value={c.txHash} />
              </Stack>
            </Card>
            {(['read', 'write'] as const).map((kind) => {
              const list = fns.filter((f) => (kind === 'read' ? f.read : !f.read));
              return (
                <Card withBorder padding="md" key={kind}>
                  <Title order={2} size="h4" mb="sm">
                    {kind === 'read' ? t('contracts.readFunctions') : t('contracts.writeFunctions')}
                  </Title>
                  {list.length === 0 ? (
                    <Text c="dimmed" size="sm">
                      {t('contracts.noFunctions')}
                    </Text>
                  ) : (
                    <Accordion multiple variant="separated">
                      {list.map((fn) => (
                        <Accordion.Item key={fn.signature} value={fn.signature}>
                          <Accordion.Control>
                            <Text ff="monospace" size="sm">
                              {fn.name}
                            </Text>
                          </Accordion.Control>
                          <Accordion.Panel>
                            <FunctionForm contract={c} fn={fn} canWrite={can('contracts:write')} />
                          </Accordion.Panel>
                        </Accordion.Item>
                      ))}
                    </Accordion>
                  )}
                </Card>
              );
            })}
          </Stack>
        </>
      )}
    </QueryView>
  );
}
