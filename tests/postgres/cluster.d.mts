export type PostgresCluster = { url: string; dir: string; port: number; stop(): void };
export function postgresBinDir(): string;
export function startPostgres(options: { port: number; database?: string }): PostgresCluster;
