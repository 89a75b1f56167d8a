import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../components/feedback';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Empty title={t('common.notFound')}>
      <Anchor component={Link} to="/">
        {t('nav.dashboard')}
      </Anchor>
    </Empty>
  );
}
