// A long thread, written straight into the database for the tests and the bench that need one:
// tens of thousands of published comments in seconds, where posting them one by one would take
// minutes. Plain ESM so that vitest and the bench's node scripts both import it.
import { createHash } from 'node:crypto';
import { isPostgresqlUrl } from '../../lib/db/database-url.cjs';
import { sqliteFilePath } from '../../lib/db/sqlite-path.cjs';
import { moveTagsSql } from '../../lib/cache/tag-versions.cjs';

const DEFAULT_START = '2008-05-20T08:00:00.000Z';
const PG_BATCH = 1_000;
const COLUMNS = ['id', 'articleSlug', 'parentId', 'authorName', 'authorEmail', 'authorWebsite', 'body', 'status', 'isAuthor', 'ipHash', 'bodyHash', 'createdAt'];

const FIRST_NAMES = ['Claire', 'Julien', 'Sophie', 'Nicolas', 'Camille', 'Thomas', 'Élodie', 'Mathieu', 'Anne', 'François', 'Hélène', 'Benoît', 'Céline', 'Jérôme', 'Aurélie', 'Loïc', 'Maëlle', 'Stéphane', 'Noémie', 'Grégoire'];
const LAST_NAMES = ['Martin', 'Dubois', 'Lefèvre', 'Moreau', 'Garnier', 'Rousseau', 'Fournier', 'Girard', 'Bonnet', 'Lambert', 'Faure', 'Mercier', 'Blanc', 'Guérin', 'Chevalier', 'Perrin', 'Morel', 'Gauthier', 'Roux', 'Leclerc'];
const SENTENCES = [
  'Le marketing 2.0, c’est d’abord accepter que le client parle, et qu’il parle plus fort que la marque.',
  'Je travaille dans une PME de la région lyonnaise et nous découvrons tout juste les blogs.',
  'L’intelligence collective n’est pas une mode : c’est la façon dont les communautés ont toujours fonctionné.',
  'Merci pour cet article, il met des mots sur ce que nous ressentons depuis deux ans.',
  'Reste la question de la mesure : comment un annonceur évalue-t-il une conversation ?',
  'Les études quantitatives classiques ne suffisent plus, mais elles ne disparaîtront pas pour autant.',
  'J’ai commandé le livre hier ; j’attends surtout le chapitre sur les communautés de marque.',
  'Pierre Bellanger a raison de parler de « rupture » plutôt que d’évolution.',
  'Attention tout de même à ne pas confondre bruit et signal : tous les commentaires ne se valent pas.',
  'Chez nous, la direction marketing voit encore le web comme un canal de plus, pas comme un lieu d’échange.',
  'Les consommateurs n’ont pas attendu les marques pour se parler ; elles arrivent simplement dans la conversation.',
  'Une question : le livre aborde-t-il le cas des marques de luxe, qui craignent de perdre le contrôle ?',
  'Je partage l’analyse, avec une réserve sur la place des forums, qui me semble sous-estimée.',
  'Le mot « participatif » est galvaudé, mais l’idée reste juste.',
  'Étudiante en école de commerce, je vais proposer ce sujet pour mon mémoire de fin d’études.',
  'On oublie souvent que le bouche-à-oreille existait bien avant Internet ; il est seulement devenu mesurable.',
  'Bravo pour la clarté du propos, et vivement le 15 mai !',
  'Je reste sceptique : combien de ces communautés survivront quand l’effet de nouveauté sera passé ?',
  'Les agences devront changer de métier, et ce ne sera pas indolore.',
  'Il serait intéressant de comparer avec ce qui se fait aux États-Unis, où les annonceurs ont pris de l’avance.',
];
const LIST_ITEMS = ['écouter avant de parler ;', 'accepter la critique publique ;', 'répondre vite, et en son nom ;', 'mesurer autre chose que l’audience ;', 'donner la parole aux clients les plus fidèles.'];

/** A small deterministic generator: the same thread every run, so failures can be replayed. */
function randomFrom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const ascii = (text) => text.normalize('NFD').replace(/[^a-zA-Z]+/g, '').toLowerCase();
const PEOPLE = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => ({ name: `${first} ${last}`, local: `${ascii(first)}.${ascii(last)}`, site: ascii(last) })));
// Readers come back: a few hundred addresses, each hashed once.
const IP_HASHES = Array.from({ length: 400 }, (_, index) => sha256(`198.51.100.${index}`));

/** A reader's comment: one sentence to a few paragraphs, now and then a list or a link. */
function commentBody(random, index) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const paragraphs = [];
  const paragraphCount = random() < 0.6 ? 1 : 2 + Math.floor(random() * 3);
  for (let p = 0; p < paragraphCount; p++) {
    const sentences = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(SENTENCES));
    paragraphs.push(sentences.join(' '));
  }
  if (index % 11 === 5) paragraphs.push(['Pour moi, trois règles :', ...LIST_ITEMS.slice(0, 3).map((item) => `- ${item}`)].join('\n'));
  // A comment that starts with a dash: what a spreadsheet would take for a formula.
  if (index % 97 === 13) paragraphs.unshift(`- ${pick(LIST_ITEMS)}`);
  if (index % 23 === 7) paragraphs.push(`Voir aussi https://blog-${index}.exemple.fr/marketing-2-0`);
  return paragraphs.join('\n\n');
}

/**
 * The comments to write, in order: each with the index of its parent (an earlier top-level
 * comment, mostly a recent one) or -1.
 */
function* generateComments({ slug, count, repliesEvery, startAt }) {
  const random = randomFrom(count * 31 + slug.length);
  const topLevel = [];
  const start = new Date(startAt).getTime();
  for (let index = 0; index < count; index++) {
    const isReply = repliesEvery > 0 && (index + 1) % repliesEvery === 0 && topLevel.length > 0;
    const parentIndex = isReply ? topLevel[topLevel.length - 1 - Math.floor(random() ** 3 * topLevel.length)] : -1;
    if (!isReply) topLevel.push(index);
    const person = PEOPLE[Math.floor(random() * PEOPLE.length)];
    const body = commentBody(random, index);
    yield {
      parentIndex,
      articleSlug: slug,
      authorName: person.name,
      authorEmail: `${person.local}.${index + 1}@${slug}.lecteurs.invalid`,
      authorWebsite: index % 7 === 3 ? `https://${person.site}-${index}.exemple.fr` : null,
      body,
      ipHash: IP_HASHES[index % IP_HASHES.length],
      // Any hex string does here: nothing reads it back but the duplicate check.
      bodyHash: sha256(body),
      createdAt: new Date(start + index * 1000),
    };
  }
}

// The tag of the article's whole thread (commentsTag in lib/comments/cache-tags.ts, which plain node
// cannot import): a seeding changes every page of it.
const commentsTag = (slug) => `comments:${slug}`;

/** How Prisma stores a DateTime in SQLite (lib/comments/posting/sqlite.ts). */
const sqliteDate = (date) => date.toISOString().replace('Z', '+00:00');

async function seedSqlite(file, options) {
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(file, { fileMustExist: true, timeout: 15_000 });
  try {
    sqlite.pragma('foreign_keys = ON');
    // Hashes and e-mails are indexed in random order: keep the pages they touch in memory.
    sqlite.pragma('cache_size = -262144');
    const createArticle = sqlite.prepare('INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES (?, 1, ?) ON CONFLICT DO NOTHING');
    const insert = sqlite.prepare(
      `INSERT INTO "Comment" (${COLUMNS.slice(1).map((column) => `"${column}"`).join(', ')}) VALUES (${COLUMNS.slice(1).map(() => '?').join(', ')})`,
    );
    const moveTag = sqlite.prepare(moveTagsSql(1, 'sqlite'));
    const ids = new Int32Array(options.count);
    let replies = 0;
    sqlite
      .transaction(() => {
        createArticle.run(options.slug, sqliteDate(new Date()));
        let index = 0;
        for (const comment of generateComments(options)) {
          const parentId = comment.parentIndex < 0 ? null : ids[comment.parentIndex];
          if (parentId !== null) replies += 1;
          const { lastInsertRowid } = insert.run(
            comment.articleSlug, parentId, comment.authorName, comment.authorEmail, comment.authorWebsite, comment.body,
            'published', 0, comment.ipHash, comment.bodyHash, sqliteDate(comment.createdAt),
          );
          ids[index++] = Number(lastInsertRowid);
        }
        moveTag.run(commentsTag(options.slug));
      })
      .immediate();
    return { firstId: ids[0], lastId: ids[options.count - 1], replies };
  } finally {
    sqlite.close();
  }
}

async function seedPostgresql(url, options) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = new Int32Array(options.count);
  let replies = 0;
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO "Article" ("slug", "commentsOpen", "updatedAt") VALUES ($1, true, $2) ON CONFLICT DO NOTHING', [options.slug, new Date().toISOString()]);
    const comments = generateComments(options);
    for (let start = 0; start < options.count; start += PG_BATCH) {
      const size = Math.min(PG_BATCH, options.count - start);
      // Ids taken from the sequence beforehand: a reply in this batch knows its parent's.
      const { rows } = await client.query(`SELECT nextval(pg_get_serial_sequence('"Comment"', 'id'))::int AS id FROM generate_series(1, $1)`, [size]);
      const batchIds = rows.map((row) => row.id).sort((a, b) => a - b);
      const values = [];
      const tuples = [];
      for (let offset = 0; offset < size; offset++) {
        const comment = comments.next().value;
        const id = batchIds[offset];
        ids[start + offset] = id;
        const parentId = comment.parentIndex < 0 ? null : ids[comment.parentIndex];
        if (parentId !== null) replies += 1;
        const base = values.length;
        tuples.push(`(${COLUMNS.map((_, column) => `$${base + column + 1}`).join(', ')})`);
        // TIMESTAMP(3) without a zone, as Prisma writes it: the UTC wall-clock time.
        values.push(id, comment.articleSlug, parentId, comment.authorName, comment.authorEmail, comment.authorWebsite, comment.body, 'published', false, comment.ipHash, comment.bodyHash, comment.createdAt.toISOString().replace('Z', ''));
      }
      await client.query(`INSERT INTO "Comment" (${COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
    }
    await client.query(moveTagsSql(1, 'postgresql'), [commentsTag(options.slug)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return { firstId: ids[0], lastId: ids[options.count - 1], replies };
}

/**
 * Writes `count` published comments on the article `slug` (its row is created if missing), one a
 * second from `startAt`; every `repliesEvery`-th one (0: none) answers an earlier top-level comment.
 * Moves the article's cache tag as a published comment does. SQLite: one transaction of prepared
 * inserts; PostgreSQL: multi-row inserts in one transaction.
 */
export async function seedLargeThread({ databaseUrl, slug, count, repliesEvery = 10, startAt = DEFAULT_START }) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`seedLargeThread: count must be a positive integer, got ${count}`);
  const options = { slug, count, repliesEvery, startAt };
  return isPostgresqlUrl(databaseUrl) ? seedPostgresql(databaseUrl, options) : seedSqlite(sqliteFilePath(databaseUrl), options);
}
