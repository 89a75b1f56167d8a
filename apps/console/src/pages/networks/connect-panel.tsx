import { Alert, Anchor, Card, Code, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Network } from '@chainloom/sdk';
import { CopyField, CopyIcon } from '../../components/copy-field';
import { snippet, type SnippetTool } from '../../snippets';

const TOOLS: SnippetTool[] = ['ethers', 'hardhat', 'foundry', 'curl'];
const TOOL_NAMES: Record<SnippetTool, string> = { ethers: 'ethers v6', hardhat: 'Hardhat', foundry: 'Foundry', curl: 'curl' };

/** The authenticated RPC endpoint, and code to point ethers, Hardhat or Foundry at it. */
export function ConnectPanel({ network }: { network: Network }) {
  const { t } = useTranslation();
  const input = { rpcEndpoint: network.rpcEndpoint, chainId: network.chainId, networkName: network.name };
  return (
    <Stack>
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="sm">
          {t('connect.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <CopyField label={t('connect.rpcEndpoint')} value={network.rpcEndpoint} copyLabel={t('connect.copyRpc')} />
          <CopyField label={t('networks.chainId')} value={String(network.chainId)} copyLabel={t('connect.copyChainId')} />
        </SimpleGrid>
        <Alert mt="md" color="blue" variant="light">
          {t('connect.keyNeeded')}{' '}
          <Anchor component={Link} to="/api-keys">
            {t('connect.createKey')}
          </Anchor>
        </Alert>
      </Card>
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="sm">
          {t('connect.snippets')}
        </Title>
        <Tabs defaultValue="ethers">
          <Tabs.List>
            {TOOLS.map((tool) => (
              <Tabs.Tab key={tool} value={tool}>
                {TOOL_NAMES[tool]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TOOLS.map((tool) => {
            const code = snippet(tool, input);
            return (
              <Tabs.Panel key={tool} value={tool} pt="sm">
                <Group justify="flex-end" mb={4}>
                  <Text size="xs" c="dimmed">
                    {t('connect.copySnippet', { tool: TOOL_NAMES[tool] })}
                  </Text>
                  <CopyIcon value={code} label={t('connect.copySnippet', { tool: TOOL_NAMES[tool] })} />
                </Group>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {code}
                </Code>
              </Tabs.Panel>
            );
          })}
        </Tabs>
      </Card>
    </Stack>
  );
}
