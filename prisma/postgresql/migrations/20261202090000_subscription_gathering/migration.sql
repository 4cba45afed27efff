-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "lastNotifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SubscriptionNotice" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "commentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriptionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriptionNotice_subscriptionId_createdAt_idx" ON "SubscriptionNotice"("subscriptionId", "createdAt");

-- CreateIndex
CREATE INDEX "SubscriptionNotice_commentId_idx" ON "SubscriptionNotice"("commentId");

-- AddForeignKey
ALTER TABLE "SubscriptionNotice" ADD CONSTRAINT "SubscriptionNotice_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriptionNotice" ADD CONSTRAINT "SubscriptionNotice_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
