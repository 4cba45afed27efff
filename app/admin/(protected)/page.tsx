import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { listAllArticles } from '@/lib/content/articles';
import { listArticleOverviews } from '@/lib/admin/articles';
import { firstParam } from '@/lib/http/search-params';
import { readSettings } from '@/lib/settings';
import { getBook } from '@/lib/book-file/get-book';
import { BOOK_FILE } from '@/lib/book-file/read-book-file';
import { missingFields } from '@/lib/book-file/missing-fields';
import { ArticleStateTable } from '@/components/admin/article-state-table';
import { SettingsForm } from '@/components/admin/settings-form';
import { Notice } from '@/components/admin/notice';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminDashboard({ searchParams }: Props) {
  await requireAuthor();
  const params = await searchParams;
  const [overviews, settings, book] = await Promise.all([listArticleOverviews(db, await listAllArticles()), readSettings(db), getBook()]);
  const missing = missingFields(book);
  return (
    <>
      <h1>Tableau de bord</h1>
      <Notice ok={firstParam(params.ok)} error={firstParam(params.erreur)} />
      <section aria-labelledby="livre-a-remplir">
        <h2 id="livre-a-remplir">Le livre</h2>
        {missing.length === 0 ? (
          <p>
            Tout est renseigné dans <code>{BOOK_FILE}</code>.
          </p>
        ) : (
          <>
            <p>
              Encore à renseigner dans <code>{BOOK_FILE}</code> (les lecteurs ne voient pas ce qui est vide) :
            </p>
            <ul className="missing-fields">
              {missing.map((field) => (
                <li key={field.field}>{field.label}</li>
              ))}
            </ul>
          </>
        )}
        <p>
          <a href="/livre">Voir la page du livre</a> · <a href="/admin/articles">Les articles, publiés et à venir</a>
        </p>
      </section>
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
