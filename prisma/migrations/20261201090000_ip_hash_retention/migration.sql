-- AlterTable
ALTER TABLE "SiteSettings" ADD COLUMN "ipHashRetentionDays" INTEGER NOT NULL DEFAULT 30;
