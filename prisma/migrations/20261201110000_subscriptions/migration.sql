-- CreateTable
CREATE TABLE "Subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "articleSlug" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "commentId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "unsubscribedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_unsubscribeToken_key" ON "Subscription"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "Subscription_articleSlug_status_scope_idx" ON "Subscription"("articleSlug", "status", "scope");

-- CreateIndex
CREATE INDEX "Subscription_email_idx" ON "Subscription"("email");
