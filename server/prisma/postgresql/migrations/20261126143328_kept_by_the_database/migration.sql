-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "bodyHash" TEXT;

-- CreateTable
CREATE TABLE "RegistryVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "RegistryVersion_pkey" PRIMARY KEY ("id")
);

-- What follows Prisma does not model: triggers. The database itself keeps what is derived from the
-- ratings and the registry, in the same transaction as the change, whatever statement made it.

INSERT INTO "RegistryVersion" ("id", "version") VALUES (1, 1);

-- The counts (RatingCountByStaff, RatingCountByStation) of valid ratings, per year, month and level.
CREATE FUNCTION "rating_counts_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD."status" = 'valid' THEN
            UPDATE "RatingCountByStaff" SET "count" = "count" - 1
            WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "staffId" = OLD."staffId" AND "level" = OLD."level";
            UPDATE "RatingCountByStation" SET "count" = "count" - 1
            WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "stationId" = OLD."stationId" AND "level" = OLD."level";
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW."status" = 'valid' THEN
            INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
            VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."staffId", NEW."level", 1)
            ON CONFLICT ("year", "staffId", "month", "level") DO UPDATE SET "count" = "RatingCountByStaff"."count" + 1;
            INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
            VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."stationId", NEW."level", 1, NEW."cityCode", NEW."countyCode", NEW."townshipCode")
            ON CONFLICT ("year", "stationId", "month", "level") DO UPDATE SET "count" = "RatingCountByStation"."count" + 1;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Rating_counts" AFTER INSERT OR DELETE OR UPDATE OF "status", "level", "serviceDate", "serviceYear", "staffId", "stationId" ON "Rating"
FOR EACH ROW EXECUTE FUNCTION "rating_counts_move"();

-- The submission that wrote a rating (RatingSubmission), from its client request id and body hash: a
-- retry of the same id then fails on the submission's key and the whole write is undone.
CREATE FUNCTION "rating_submission_record"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."bodyHash" IS NOT NULL AND (TG_OP = 'INSERT' OR NEW."clientRequestId" IS DISTINCT FROM OLD."clientRequestId") THEN
        INSERT INTO "RatingSubmission" ("residentId", "clientRequestId", "ratingId", "bodyHash", "createdAt")
        VALUES (NEW."residentId", NEW."clientRequestId", NEW."id", NEW."bodyHash", NEW."updatedAt");
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Rating_submission" AFTER INSERT OR UPDATE OF "clientRequestId", "bodyHash" ON "Rating"
FOR EACH ROW EXECUTE FUNCTION "rating_submission_record"();

-- The registry's version: any change to regions, stations, staff or assignments moves it.
CREATE FUNCTION "registry_version_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Region_registry" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Region" FOR EACH STATEMENT EXECUTE FUNCTION "registry_version_move"();
CREATE TRIGGER "Station_registry" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Station" FOR EACH STATEMENT EXECUTE FUNCTION "registry_version_move"();
CREATE TRIGGER "Staff_registry" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Staff" FOR EACH STATEMENT EXECUTE FUNCTION "registry_version_move"();
CREATE TRIGGER "Assignment_registry" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Assignment" FOR EACH STATEMENT EXECUTE FUNCTION "registry_version_move"();
