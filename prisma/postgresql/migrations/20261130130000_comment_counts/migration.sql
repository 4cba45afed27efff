-- CreateTable
CREATE TABLE "ArticleCommentCount" (
    "articleSlug" TEXT NOT NULL,
    "published" INTEGER NOT NULL DEFAULT 0,
    "publishedRoots" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ArticleCommentCount_pkey" PRIMARY KEY ("articleSlug")
);

-- AddForeignKey
ALTER TABLE "ArticleCommentCount" ADD CONSTRAINT "ArticleCommentCount_articleSlug_fkey" FOREIGN KEY ("articleSlug") REFERENCES "Article"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- The counts so far.
INSERT INTO "ArticleCommentCount" ("articleSlug", "published", "publishedRoots")
SELECT "articleSlug", count(*), count(*) FILTER (WHERE "parentId" IS NULL) FROM "Comment" WHERE "status" = 'published' GROUP BY "articleSlug";

-- Kept by the database on every write to Comment, whoever makes it. Each row counts on its own
-- (never its parent's status), so the order in which a statement updates its rows does not matter.
CREATE FUNCTION "count_published_comments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD."status" = 'published' THEN
        UPDATE "ArticleCommentCount" SET "published" = "published" - 1, "publishedRoots" = "publishedRoots" - (OLD."parentId" IS NULL)::int
        WHERE "articleSlug" = OLD."articleSlug";
    END IF;
    IF TG_OP <> 'DELETE' AND NEW."status" = 'published' THEN
        INSERT INTO "ArticleCommentCount" ("articleSlug", "published", "publishedRoots") VALUES (NEW."articleSlug", 1, (NEW."parentId" IS NULL)::int)
        ON CONFLICT ("articleSlug") DO UPDATE SET "published" = "ArticleCommentCount"."published" + 1,
            "publishedRoots" = "ArticleCommentCount"."publishedRoots" + EXCLUDED."publishedRoots";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Comment_count" AFTER INSERT OR DELETE OR UPDATE OF "status", "parentId", "articleSlug" ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "count_published_comments"();
