-- AlterTable
ALTER TABLE "SiteSettings" ADD COLUMN     "commentOrder" TEXT NOT NULL DEFAULT 'oldest',
ADD COLUMN     "commentsPerPage" INTEGER NOT NULL DEFAULT 50;

-- CreateIndex
CREATE INDEX "Comment_articleSlug_status_parentId_id_idx" ON "Comment"("articleSlug", "status", "parentId", "id");

-- CreateIndex
CREATE INDEX "Comment_articleSlug_id_idx" ON "Comment"("articleSlug", "id");
