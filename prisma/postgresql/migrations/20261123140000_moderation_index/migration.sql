-- CreateIndex
CREATE INDEX "Comment_status_id_idx" ON "Comment"("status", "id");
