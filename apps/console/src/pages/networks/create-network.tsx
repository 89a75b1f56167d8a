import { Alert, Button, Card, Group, NumberInput, Radio, Select, Stack, Stepper, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { unwrap, type RequestBody } from '@chainloom/sdk';
import { api } from '../../api';
import { PageHeader } from '../../components/page-header';
import { PROTOCOLS, protocolOption } from '../../protocols';
import { useApiForm } from '../../use-api-form';

type Values = {
  name: string;
  protocol: 'dev' | 'besu-qbft' | 'external';
  driver: 'local' | 'kubernetes';
  nodeCount: number;
  blockTimeSeconds: number;
  rpcUrl: string;
};

/** Which fields each step owns: "Next" only moves on when they are valid. */
const STEP_FIELDS: (keyof Values)[][] = [['name', 'protocol'], ['driver', 'nodeCount', 'blockTimeSeconds', 'rpcUrl'], []];

const toBody = (v: Values) =>
  v.protocol === 'external'
    ? { name: v.name.trim(), protocol: v.protocol, rpcUrl: v.rpcUrl.trim() }
    : { name: v.name.trim(), protocol: v.protocol, driver: v.driver, nodeCount: v.nodeCount, blockTimeSeconds: v.blockTimeSeconds };

export default function CreateNetworkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [step, setStep] = useState(0);
  const form = useApiForm('POST /v1/networks', { name: '', protocol: 'dev', driver: 'local', nodeCount: 1, blockTimeSeconds: 0, rpcUrl: '' } as Values, toBody);
  const option = protocolOption(form.values.protocol);
  const create = useMutation({
    mutationFn: (body: RequestBody<'POST /v1/networks'>) => unwrap(api.POST('/v1/networks', { body })),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['networks'] });
      void navigate(`/networks/${created.network.id}`);
    },
    onError: (error) => {
      form.fail(error);
      setStep(2);
    },
  });

  const next = async () => {
    if (await form.validateFields(STEP_FIELDS[step] ?? [])) setStep((s) => s + 1);
  };

  const chooseProtocol = (protocol: string) => {
    const p = protocolOption(protocol);
    form.set('protocol', p.protocol);
    if (p.drivers[0]) form.set('driver', p.drivers[0]);
    form.set('nodeCount', Math.max(p.minNodes, p.recommendedMinNodes));
    form.set('blockTimeSeconds', p.defaultBlockTimeSeconds);
  };

  const review: [string, string][] = [
    [t('common.name'), form.values.name],
    [t('networks.protocol'), t(`networks.protocols.${form.values.protocol}.name`)],
    ...(form.values.protocol === 'external'
      ? ([[t('networks.rpcUrl'), form.values.rpcUrl]] as [string, string][])
      : ([
          [t('networks.driver'), t(`networks.drivers.${form.values.driver}`)],
          [t('networks.nodes'), String(form.values.nodeCount)],
          [t('networks.blockTime'), form.values.blockTimeSeconds === 0 ? t('networks.instantBlocks') : t('networks.seconds', { count: form.values.blockTimeSeconds })],
        ] as [string, string][])),
  ];

  return (
    <>
      <PageHeader title={t('networks.createTitle')} description={t('networks.createIntro')} />
      <Card withBorder padding="lg">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (step < 2) return void next();
            void form.validate().then((body) => (body ? create.mutate(body) : setStep(0)));
          }}
        >
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" allowNextStepsSelect={false}>
            <Stepper.Step label={t('networks.stepProtocol')}>
              <Stack mt="md">
                <TextInput label={t('networks.name')} description={t('networks.nameHelp')} required data-autofocus {...form.text('name')} />
                <Radio.Group label={t('networks.protocol')} value={form.values.protocol} onChange={chooseProtocol} required>
                  <Stack gap="sm" mt="xs">
                    {PROTOCOLS.map((p) => (
                      <Radio.Card key={p.protocol} value={p.protocol} p="md" radius="md" aria-label={t(`networks.protocols.${p.protocol}.name`)}>
                        <Group wrap="nowrap" align="flex-start">
                          <Radio.Indicator />
                          <div>
                            <Text fw={500}>{t(`networks.protocols.${p.protocol}.name`)}</Text>
                            <Text size="sm" c="dimmed">
                              {t(`networks.protocols.${p.protocol}.description`)}
                            </Text>
                          </div>
                        </Group>
                      </Radio.Card>
                    ))}
                  </Stack>
                </Radio.Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('networks.stepShape')}>
              <Stack mt="md">
                {form.values.protocol === 'external' ? (
                  <TextInput label={t('networks.rpcUrl')} description={t('networks.rpcUrlHelp')} placeholder="https://…" required {...form.text('rpcUrl')} />
                ) : (
                  <>
                    <Select
                      label={t('networks.driver')}
                      description={t('networks.driverHelp')}
                      data={option.drivers.map((d) => ({ value: d, label: t(`networks.drivers.${d}`) }))}
                      value={form.values.driver}
                      onChange={(v) => v && form.set('driver', v as Values['driver'])}
                      allowDeselect={false}
                      error={form.errors['driver']}
                    />
                    <NumberInput
                      label={t('networks.nodeCount')}
                      description={
                        option.minNodes === option.maxNodes
                          ? t('networks.nodeCountFixed', { count: option.maxNodes })
                          : t('networks.nodeCountHelp', { min: option.minNodes, max: option.maxNodes, recommended: option.recommendedMinNodes })
                      }
                      min={option.minNodes}
                      max={option.maxNodes}
                      allowDecimal={false}
                      disabled={option.minNodes === option.maxNodes}
                      value={form.values.nodeCount}
                      onChange={(v) => form.set('nodeCount', typeof v === 'number' ? v : Number.NaN)}
                      error={form.errors['nodeCount']}
                    />
                    <NumberInput
                      label={t('networks.blockTime')}
                      description={option.instantBlocks ? t('networks.blockTimeHelpInstant') : t('networks.blockTimeHelp', { min: option.minBlockTimeSeconds, max: option.maxBlockTimeSeconds })}
                      min={option.instantBlocks ? 0 : option.minBlockTimeSeconds}
                      max={option.maxBlockTimeSeconds}
                      allowDecimal={false}
                      suffix={` ${t('networks.secondsUnit')}`}
                      value={form.values.blockTimeSeconds}
                      onChange={(v) => form.set('blockTimeSeconds', typeof v === 'number' ? v : Number.NaN)}
                      error={form.errors['blockTimeSeconds']}
                    />
                  </>
                )}
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('networks.stepReview')}>
              <Stack mt="md">
                {form.formError ? (
                  <Alert color="red" variant="light" role="alert">
                    {form.formError}
                  </Alert>
                ) : null}
                <Table>
                  <Table.Tbody>
                    {review.map(([k, v]) => (
                      <Table.Tr key={k}>
                        <Table.Th w="40%">{k}</Table.Th>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{v}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            </Stepper.Step>
          </Stepper>
          <Group justify="space-between" mt="xl">
            <Button variant="default" onClick={() => (step === 0 ? navigate('/networks') : setStep(step - 1))}>
              {step === 0 ? t('common.cancel') : t('common.back')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {step < 2 ? t('common.next') : t('networks.createSubmit')}
            </Button>
          </Group>
        </form>
      </Card>
    </>
  );
}
