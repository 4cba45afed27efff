-- DropIndex
DROP INDEX "Comment_parentId_idx";

-- CreateIndex
CREATE INDEX "Comment_parentId_status_id_idx" ON "Comment"("parentId", "status", "id");
