-- A write moves its cache tags by inserting them here; the trigger applies each to CacheTag and
-- deletes it. On SQLite it runs at once (one writer at a time: there is nothing to wait for); on
-- PostgreSQL it runs at commit (the migration of the same name there).
CREATE TABLE "CacheTagMove" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tag" TEXT NOT NULL
);

CREATE TRIGGER "CacheTagMove_apply" AFTER INSERT ON "CacheTagMove"
BEGIN
    INSERT INTO "CacheTag" ("tag", "version") VALUES (NEW."tag", 1)
    ON CONFLICT ("tag") DO UPDATE SET "version" = "version" + 1;
    DELETE FROM "CacheTagMove" WHERE "id" = NEW."id";
END;
