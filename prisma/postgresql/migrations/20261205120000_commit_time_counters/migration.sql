-- The rows every post to an article shares (its published count, its pages' cache tags) are
-- updated at commit, by deferred triggers: a post holds their locks only while it commits, not
-- through the round trips of its transaction, so posts to one article no longer queue behind each
-- other. Counts and versions stay exact: each change still applies once, in its transaction.

-- CreateTable
CREATE TABLE "CacheTagMove" (
    "id" SERIAL NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "CacheTagMove_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION "apply_cache_tag_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "CacheTag" ("tag", "version") VALUES (NEW."tag", 1)
    ON CONFLICT ("tag") DO UPDATE SET "version" = "CacheTag"."version" + 1;
    DELETE FROM "CacheTagMove" WHERE "id" = NEW."id";
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "CacheTagMove_apply" AFTER INSERT ON "CacheTagMove"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "apply_cache_tag_move"();

-- The published counts at commit too (the same function as 20261130130000_comment_counts).
DROP TRIGGER "Comment_count" ON "Comment";
CREATE CONSTRAINT TRIGGER "Comment_count" AFTER INSERT OR DELETE OR UPDATE OF "status", "parentId", "articleSlug" ON "Comment"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "count_published_comments"();
