-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "dedupeKey" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "ipHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "Subscription_ipHash_createdAt_idx" ON "Subscription"("ipHash", "createdAt");
