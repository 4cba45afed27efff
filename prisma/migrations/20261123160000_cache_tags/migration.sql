-- CreateTable
CREATE TABLE "CacheTag" (
    "tag" TEXT NOT NULL PRIMARY KEY,
    "expiredAt" DATETIME NOT NULL
);
