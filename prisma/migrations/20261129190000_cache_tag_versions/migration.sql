-- Cache tags carry a version (moved by each write) instead of an expiry date: no clock involved.
-- DropTable
DROP TABLE "CacheTag";

-- CreateTable
CREATE TABLE "CacheTag" (
    "tag" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);
