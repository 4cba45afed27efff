import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { listAllArticles } from '@/lib/content/articles';
import { listArticleOverviews } from '@/lib/admin/articles';
import { firstParam } from '@/lib/admin/search-params';
import { readSettings } from '@/lib/settings';
import { ArticleStateTable } from '@/components/admin/article-state-table';
import { SettingsForm } from '@/components/admin/settings-form';
import { Notice } from '@/components/admin/notice';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminDashboard({ searchParams }: Props) {
  await requireAuthor();
  const params = await searchParams;
  const [overviews, settings] = await Promise.all([listArticleOverviews(db, await listAllArticles()), readSettings(db)]);
  return (
    <>
      <h1>Tableau de bord</h1>
      <Notice ok={firstParam(params.ok)} error={firstParam(params.erreur)} />
      <ArticleStateTable articles={overviews} />
      <SettingsForm settings={settings} />
      <section aria-labelledby="export">
        <h2 id="export">Exporter les commentaires</h2>
        <p>
          Tout le site : <a href="/api/admin/export?format=json">JSON</a> · <a href="/api/admin/export?format=csv">CSV</a>
        </p>
        <p>
          Pour déménager ou restaurer : <a href="/api/admin/export?format=complet">export complet (JSON)</a>, que la page{' '}
          <a href="/admin/import">Importer</a> relit, ou <a href="/api/admin/export?format=wxr">WordPress (WXR)</a>.
        </p>
      </section>
    </>
  );
}
