import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from './language-switch';

/** Pages without a session (login, sign-up, public verify): a header and a centred column. */
export function PublicShell({ children, size = 420 }: { children: ReactNode; size?: number }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Anchor component={Link} to="/" underline="never">
          <Text fw={700} size="lg" c="indigo">
            Chainloom
          </Text>
        </Anchor>
        <LanguageSwitch />
      </Group>
      <Container size={size} py="xl" px="md" component="main" id="main">
        {children}
      </Container>
    </Box>
  );
}
