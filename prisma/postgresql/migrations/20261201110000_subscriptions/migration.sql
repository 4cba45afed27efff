-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "articleSlug" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "commentId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_unsubscribeToken_key" ON "Subscription"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "Subscription_articleSlug_status_scope_idx" ON "Subscription"("articleSlug", "status", "scope");

-- CreateIndex
CREATE INDEX "Subscription_email_idx" ON "Subscription"("email");
