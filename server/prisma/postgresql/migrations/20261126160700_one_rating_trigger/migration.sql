-- PostgreSQL only (written by hand; the schema does not change): the two row triggers on "Rating"
-- (counts, submission) become one, so a new rating runs one PL/pgSQL function instead of two. The
-- counts move only when what is counted changed; the submission is recorded as before.

DROP TRIGGER "Rating_counts" ON "Rating";
DROP TRIGGER "Rating_submission" ON "Rating";
DROP FUNCTION "rating_counts_move"();
DROP FUNCTION "rating_submission_record"();

CREATE FUNCTION "rating_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR (OLD."status", OLD."level", OLD."serviceDate", OLD."serviceYear", OLD."staffId", OLD."stationId")
        IS DISTINCT FROM (NEW."status", NEW."level", NEW."serviceDate", NEW."serviceYear", NEW."staffId", NEW."stationId") THEN
        IF TG_OP <> 'INSERT' THEN
            IF OLD."status" = 'valid' THEN
                UPDATE "RatingCountByStaff" SET "count" = "count" - 1
                WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "staffId" = OLD."staffId" AND "level" = OLD."level";
                UPDATE "RatingCountByStation" SET "count" = "count" - 1
                WHERE "year" = OLD."serviceYear" AND "month" = CAST(substr(OLD."serviceDate", 6, 2) AS INTEGER) AND "stationId" = OLD."stationId" AND "level" = OLD."level";
            END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            IF NEW."status" = 'valid' THEN
                INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
                VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."staffId", NEW."level", 1)
                ON CONFLICT ("year", "staffId", "month", "level") DO UPDATE SET "count" = "RatingCountByStaff"."count" + 1;
                INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
                VALUES (NEW."serviceYear", CAST(substr(NEW."serviceDate", 6, 2) AS INTEGER), NEW."stationId", NEW."level", 1, NEW."cityCode", NEW."countyCode", NEW."townshipCode")
                ON CONFLICT ("year", "stationId", "month", "level") DO UPDATE SET "count" = "RatingCountByStation"."count" + 1;
            END IF;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW."bodyHash" IS NOT NULL AND (TG_OP = 'INSERT' OR NEW."clientRequestId" IS DISTINCT FROM OLD."clientRequestId") THEN
            INSERT INTO "RatingSubmission" ("residentId", "clientRequestId", "ratingId", "bodyHash", "createdAt")
            VALUES (NEW."residentId", NEW."clientRequestId", NEW."id", NEW."bodyHash", NEW."updatedAt");
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Rating_kept" AFTER INSERT OR UPDATE OR DELETE ON "Rating" FOR EACH ROW EXECUTE FUNCTION "rating_kept"();
