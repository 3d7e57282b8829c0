-- AlterTable
ALTER TABLE "Station" ADD COLUMN "openingHours" TEXT;

-- CreateTable
CREATE TABLE "ScanCursor" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastRatingId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rule" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "staffId" INTEGER,
    "countyCode" TEXT NOT NULL,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "evidenceJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RatingFlag" (
    "ratingId" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ratingId", "incidentId"),
    CONSTRAINT "RatingFlag_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RatingFlag_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "ReviewIncident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "username" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "reason" TEXT,
    "beforeJson" TEXT,
    "afterJson" TEXT
);

-- AlterTable (added, not redefined: a redefined table would lose the triggers that keep the counts)
ALTER TABLE "Rating" ADD COLUMN "verified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Rating" ADD COLUMN "ipHash" TEXT;

-- CreateIndex
CREATE INDEX "ReviewIncident_rule_subject_lastAt_idx" ON "ReviewIncident"("rule", "subject", "lastAt");

-- CreateIndex
CREATE INDEX "ReviewIncident_countyCode_lastAt_idx" ON "ReviewIncident"("countyCode", "lastAt");

-- CreateIndex
CREATE INDEX "RatingFlag_incidentId_idx" ON "RatingFlag"("incidentId");

-- CreateIndex
CREATE INDEX "AuditLog_regionCode_at_idx" ON "AuditLog"("regionCode", "at");

-- CreateIndex
CREATE INDEX "AuditLog_subject_idx" ON "AuditLog"("subject");

-- One voice per resident for the ratings already stored (the default policy): of a resident's
-- unverified ratings of one person in one year, the latest service day counts, the earlier ones are
-- superseded (the count triggers move the counts). The review scan starts after them.
UPDATE "Rating" SET "status" = 'superseded'
WHERE "status" = 'valid' AND "verified" = false AND EXISTS (
    SELECT 1 FROM "Rating" r WHERE r."residentId" = "Rating"."residentId" AND r."staffId" = "Rating"."staffId"
      AND r."serviceYear" = "Rating"."serviceYear" AND r."verified" = false AND r."status" = 'valid' AND r."serviceDate" > "Rating"."serviceDate");
INSERT INTO "ScanCursor" ("name", "lastRatingId") SELECT 'review', COALESCE(MAX("id"), 0) FROM "Rating";
