-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "importId" TEXT,
ADD COLUMN     "importSource" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_importSource_importId_key" ON "Comment"("importSource", "importId");
