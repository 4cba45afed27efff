-- CreateTable
CREATE TABLE "ArticleCommentCount" (
    "articleSlug" TEXT NOT NULL PRIMARY KEY,
    "published" INTEGER NOT NULL DEFAULT 0,
    "publishedRoots" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ArticleCommentCount_articleSlug_fkey" FOREIGN KEY ("articleSlug") REFERENCES "Article" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The counts so far.
INSERT INTO "ArticleCommentCount" ("articleSlug", "published", "publishedRoots")
SELECT "articleSlug", count(*), sum("parentId" IS NULL) FROM "Comment" WHERE "status" = 'published' GROUP BY "articleSlug";

-- Kept by the database on every write to Comment, whoever makes it.
CREATE TRIGGER "Comment_count_insert" AFTER INSERT ON "Comment" WHEN NEW."status" = 'published'
BEGIN
    INSERT INTO "ArticleCommentCount" ("articleSlug", "published", "publishedRoots") VALUES (NEW."articleSlug", 1, NEW."parentId" IS NULL)
    ON CONFLICT ("articleSlug") DO UPDATE SET "published" = "published" + 1, "publishedRoots" = "publishedRoots" + excluded."publishedRoots";
END;

CREATE TRIGGER "Comment_count_delete" AFTER DELETE ON "Comment" WHEN OLD."status" = 'published'
BEGIN
    UPDATE "ArticleCommentCount" SET "published" = "published" - 1, "publishedRoots" = "publishedRoots" - (OLD."parentId" IS NULL)
    WHERE "articleSlug" = OLD."articleSlug";
END;

CREATE TRIGGER "Comment_count_update" AFTER UPDATE OF "status", "parentId", "articleSlug" ON "Comment"
WHEN OLD."status" = 'published' OR NEW."status" = 'published'
BEGIN
    UPDATE "ArticleCommentCount" SET "published" = "published" - 1, "publishedRoots" = "publishedRoots" - (OLD."parentId" IS NULL)
    WHERE OLD."status" = 'published' AND "articleSlug" = OLD."articleSlug";
    INSERT INTO "ArticleCommentCount" ("articleSlug", "published", "publishedRoots")
    SELECT NEW."articleSlug", 1, NEW."parentId" IS NULL WHERE NEW."status" = 'published'
    ON CONFLICT ("articleSlug") DO UPDATE SET "published" = "published" + 1, "publishedRoots" = "publishedRoots" + excluded."publishedRoots";
END;
