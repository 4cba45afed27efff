import { OperationNodeTransformer, type KyselyPlugin, type SelectQueryNode } from 'kysely';

const ROW_LOCKS = new Set(['ForUpdate', 'SkipLocked']);

class RowLocksLeftOut extends OperationNodeTransformer {
  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const query = super.transformSelectQuery(node);
    return { ...query, endModifiers: query.endModifiers?.filter((modifier) => !(modifier.modifier && ROW_LOCKS.has(modifier.modifier))) };
  }
}

/**
 * Batches and claims select their rows `FOR UPDATE SKIP LOCKED`: on PostgreSQL a batch skips the
 * rows another transaction holds instead of waiting for them. SQLite has no row locks (its writers
 * take turns, and a statement holds the write lock from its read to its write), so the clause is
 * left out when a statement is compiled for it.
 */
export const skipLockedOnPostgresqlOnly: KyselyPlugin = {
  transformQuery: ({ node }) => new RowLocksLeftOut().transformNode(node),
  transformResult: async ({ result }) => result,
};
