import 'server-only';
import { createPrismaClient, type Database } from './db/client';

const globalForPrisma = globalThis as unknown as { prisma?: Database };

/** The one Prisma client of this process, chosen by DATABASE_URL. */
export const db: Database = globalForPrisma.prisma ?? createPrismaClient();

// `next dev` reloads modules: keep one client instead of one per reload.
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = db;
