-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SiteSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "moderation" TEXT NOT NULL DEFAULT 'publish',
    "closeAfterDays" INTEGER,
    "commentsPerPage" INTEGER NOT NULL DEFAULT 50,
    "commentOrder" TEXT NOT NULL DEFAULT 'oldest',
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SiteSettings" ("closeAfterDays", "id", "moderation", "updatedAt") SELECT "closeAfterDays", "id", "moderation", "updatedAt" FROM "SiteSettings";
DROP TABLE "SiteSettings";
ALTER TABLE "new_SiteSettings" RENAME TO "SiteSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Comment_articleSlug_status_parentId_id_idx" ON "Comment"("articleSlug", "status", "parentId", "id");

-- CreateIndex
CREATE INDEX "Comment_articleSlug_id_idx" ON "Comment"("articleSlug", "id");
