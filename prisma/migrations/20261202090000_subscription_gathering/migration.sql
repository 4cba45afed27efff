-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "lastNotifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "SubscriptionNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subscriptionId" INTEGER NOT NULL,
    "commentId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubscriptionNotice_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubscriptionNotice_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SubscriptionNotice_subscriptionId_createdAt_idx" ON "SubscriptionNotice"("subscriptionId", "createdAt");

-- CreateIndex
CREATE INDEX "SubscriptionNotice_commentId_idx" ON "SubscriptionNotice"("commentId");
