-- Cache tags carry a version (moved by each write) instead of an expiry date: no clock involved.
-- DropTable
DROP TABLE "CacheTag";

-- CreateTable
CREATE TABLE "CacheTag" (
    "tag" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CacheTag_pkey" PRIMARY KEY ("tag")
);
