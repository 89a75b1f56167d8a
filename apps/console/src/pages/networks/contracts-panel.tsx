import { Anchor, Badge, Button, Card, Grid, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, type Network } from '@chainloom/sdk';
import { api } from '../../api';
import { ErrorAlert, Empty, QueryView } from '../../components/feedback';
import { parseArg, placeholderFor } from '../../abi';
import { shortHash, formatDateTime } from '../../format';
import { useCan } from '../../session';
import { useArgError } from './contract-page';

function DeployForm({ network }: { network: Network }) {
  const { t } = useTranslation();
  const argError = useArgError();
  const navigate = useNavigate();
  const client = useQueryClient();
  const templates = useQuery({ queryKey: ['contract-templates'], queryFn: () => unwrap(api.GET('/v1/contract-templates')), staleTime: Infinity });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [args, setArgs] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const deploy = useMutation({
    mutationFn: (body: { template: 'anchor-registry' | 'points-token'; args: unknown[]; name?: string }) =>
      unwrap(api.POST('/v1/networks/{id}/contracts', { params: { path: { id: network.id } }, body })),
    onSuccess: (contract) => {
      void client.invalidateQueries({ queryKey: ['networks', network.id, 'contracts'] });
      void navigate(`/contracts/${contract.id}`);
    },
  });
  const template = templates.data?.find((tpl) => tpl.id === templateId);
  const running = network.status === 'RUNNING' || network.status === 'DEGRADED';
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb="sm">
        {t('contracts.deployTitle')}
      </Title>
      <QueryView query={templates}>
        {(list) => (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!template) return;
              const next: Record<string, string> = {};
              const values: unknown[] = [];
              for (const arg of template.constructorArgs) {
                const parsed = parseArg(arg.type, args[arg.name] ?? '');
                if (parsed.ok) values.push(parsed.value);
                else next[arg.name] = argError(parsed.error);
              }
              setErrors(next);
              if (Object.keys(next).length === 0)
                deploy.mutate({ template: template.id as 'anchor-registry' | 'points-token', args: values, ...(name.trim() ? { name: name.trim() } : {}) });
            }}
          >
            <Stack>
              <Select
                label={t('contracts.template')}
                placeholder={t('contracts.chooseTemplate')}
                data={list.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
                value={templateId}
                onChange={(v) => {
                  setTemplateId(v);
                  setArgs({});
                  setErrors({});
                }}
              />
              {template ? (
                <>
                  <Text size="sm" c="dimmed">
                    {template.description}
                  </Text>
                  <TextInput label={t('contracts.displayName')} description={t('contracts.displayNameHelp')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
                  {template.constructorArgs.map((arg) => (
                    <TextInput
                      key={arg.name}
                      label={`${arg.name} (${arg.type})`}
                      description={arg.description}
                      placeholder={placeholderFor(arg.type)}
                      value={args[arg.name] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setArgs((a) => ({ ...a, [arg.name]: value }));
                      }}
                      error={errors[arg.name]}
                      required={arg.type !== 'string'}
                    />
                  ))}
                </>
              ) : null}
              {!running ? <Text size="sm" c="orange">{t('contracts.networkNotRunning')}</Text> : null}
              {deploy.isError ? <ErrorAlert error={deploy.error} /> : null}
              <Button type="submit" disabled={!template || !running} loading={deploy.isPending}>
                {t('contracts.deploy')}
              </Button>
            </Stack>
          </form>
        )}
      </QueryView>
    </Card>
  );
}

export function ContractsPanel({ network }: { network: Network }) {
  const { t } = useTranslation();
  const can = useCan();
  const contracts = useQuery({
    queryKey: ['networks', network.id, 'contracts'],
    queryFn: () => unwrap(api.GET('/v1/networks/{id}/contracts', { params: { path: { id: network.id } } })),
  });
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: can('contracts:write') ? 7 : 12 }}>
        <Card withBorder padding={0}>
          <QueryView query={contracts}>
            {(data) =>
              data.items.length === 0 ? (
                <Empty title={t('contracts.empty')} />
              ) : (
                <Table.ScrollContainer minWidth={480}>
                  <Table highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('common.name')}</Table.Th>
                        <Table.Th>{t('contracts.address')}</Table.Th>
                        <Table.Th>{t('common.created')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/contracts/${c.id}`}>
                              {c.name}
                            </Anchor>{' '}
                            {c.system ? (
                              <Badge size="xs" variant="outline">
                                {t('contracts.system')}
                              </Badge>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <Text ff="monospace" size="sm">
                              {shortHash(c.address)}
                            </Text>
                          </Table.Td>
                          <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryView>
        </Card>
      </Grid.Col>
      {can('contracts:write') ? (
        <Grid.Col span={{ base: 12, md: 5 }}>
          <DeployForm network={network} />
        </Grid.Col>
      ) : null}
    </Grid>
  );
}
