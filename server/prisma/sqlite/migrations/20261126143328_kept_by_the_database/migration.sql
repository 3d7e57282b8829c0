-- AlterTable
ALTER TABLE "Rating" ADD COLUMN "bodyHash" TEXT;

-- CreateTable
CREATE TABLE "RegistryVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL
);

-- What follows Prisma does not model: triggers. The database itself keeps what is derived from the
-- ratings and the registry, in the same transaction as the change, whatever statement made it.

INSERT INTO "RegistryVersion" ("id", "version") VALUES (1, 1);

-- The counts (RatingCountByStaff, RatingCountByStation) of valid ratings, per year, month and level.
CREATE TRIGGER "Rating_counts_insert" AFTER INSERT ON "Rating" WHEN NEW."status" = 'valid'
BEGIN
    INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
    VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."staffId", NEW."level", 1)
    ON CONFLICT ("year", "staffId", "month", "level") DO UPDATE SET "count" = "count" + 1;
    INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
    VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."stationId", NEW."level", 1, NEW."cityCode", NEW."countyCode", NEW."townshipCode")
    ON CONFLICT ("year", "stationId", "month", "level") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Rating_counts_delete" AFTER DELETE ON "Rating" WHEN OLD."status" = 'valid'
BEGIN
    UPDATE "RatingCountByStaff" SET "count" = "count" - 1
    WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "staffId" = OLD."staffId" AND "level" = OLD."level";
    UPDATE "RatingCountByStation" SET "count" = "count" - 1
    WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "stationId" = OLD."stationId" AND "level" = OLD."level";
END;

CREATE TRIGGER "Rating_counts_update" AFTER UPDATE OF "status", "level", "serviceDate", "serviceYear", "staffId", "stationId" ON "Rating"
BEGIN
    UPDATE "RatingCountByStaff" SET "count" = "count" - 1
    WHERE OLD."status" = 'valid'
      AND "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "staffId" = OLD."staffId" AND "level" = OLD."level";
    UPDATE "RatingCountByStation" SET "count" = "count" - 1
    WHERE OLD."status" = 'valid'
      AND "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "stationId" = OLD."stationId" AND "level" = OLD."level";
    INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
    SELECT NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."staffId", NEW."level", 1
    WHERE NEW."status" = 'valid'
    ON CONFLICT ("year", "staffId", "month", "level") DO UPDATE SET "count" = "count" + 1;
    INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
    SELECT NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."stationId", NEW."level", 1, NEW."cityCode", NEW."countyCode", NEW."townshipCode"
    WHERE NEW."status" = 'valid'
    ON CONFLICT ("year", "stationId", "month", "level") DO UPDATE SET "count" = "count" + 1;
END;

-- The submission that wrote a rating (RatingSubmission), from its client request id and body hash: a
-- retry of the same id then fails on the submission's key and the whole write is undone.
CREATE TRIGGER "Rating_submission_insert" AFTER INSERT ON "Rating" WHEN NEW."bodyHash" IS NOT NULL
BEGIN
    INSERT INTO "RatingSubmission" ("residentId", "clientRequestId", "ratingId", "bodyHash", "createdAt")
    VALUES (NEW."residentId", NEW."clientRequestId", NEW."id", NEW."bodyHash", NEW."updatedAt");
END;

CREATE TRIGGER "Rating_submission_update" AFTER UPDATE OF "clientRequestId", "bodyHash" ON "Rating"
WHEN NEW."bodyHash" IS NOT NULL AND NEW."clientRequestId" IS NOT OLD."clientRequestId"
BEGIN
    INSERT INTO "RatingSubmission" ("residentId", "clientRequestId", "ratingId", "bodyHash", "createdAt")
    VALUES (NEW."residentId", NEW."clientRequestId", NEW."id", NEW."bodyHash", NEW."updatedAt");
END;

-- The registry's version: any change to regions, stations, staff or assignments moves it.
CREATE TRIGGER "Region_registry_insert" AFTER INSERT ON "Region" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Region_registry_update" AFTER UPDATE ON "Region" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Region_registry_delete" AFTER DELETE ON "Region" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Station_registry_insert" AFTER INSERT ON "Station" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Station_registry_update" AFTER UPDATE ON "Station" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Station_registry_delete" AFTER DELETE ON "Station" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Staff_registry_insert" AFTER INSERT ON "Staff" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Staff_registry_update" AFTER UPDATE ON "Staff" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Staff_registry_delete" AFTER DELETE ON "Staff" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Assignment_registry_insert" AFTER INSERT ON "Assignment" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Assignment_registry_update" AFTER UPDATE ON "Assignment" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Assignment_registry_delete" AFTER DELETE ON "Assignment" BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
