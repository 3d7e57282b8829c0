-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "ipHash" TEXT,
ADD COLUMN     "verified" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Station" ADD COLUMN     "openingHours" TEXT;

-- CreateTable
CREATE TABLE "ScanCursor" (
    "name" TEXT NOT NULL,
    "lastRatingId" INTEGER NOT NULL,

    CONSTRAINT "ScanCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ReviewIncident" (
    "id" SERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "staffId" INTEGER,
    "countyCode" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "evidenceJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingFlag" (
    "ratingId" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingFlag_pkey" PRIMARY KEY ("ratingId","incidentId")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "username" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "reason" TEXT,
    "beforeJson" TEXT,
    "afterJson" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "RatingFlag" ADD CONSTRAINT "RatingFlag_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingFlag" ADD CONSTRAINT "RatingFlag_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "ReviewIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One voice per resident for the ratings already stored (the default policy): of a resident's
-- unverified ratings of one person in one year, the latest service day counts, the earlier ones are
-- superseded (the count triggers move the counts). The review scan starts after them.
UPDATE "Rating" SET "status" = 'superseded'
WHERE "status" = 'valid' AND "verified" = false AND EXISTS (
    SELECT 1 FROM "Rating" r WHERE r."residentId" = "Rating"."residentId" AND r."staffId" = "Rating"."staffId"
      AND r."serviceYear" = "Rating"."serviceYear" AND r."verified" = false AND r."status" = 'valid' AND r."serviceDate" > "Rating"."serviceDate");
INSERT INTO "ScanCursor" ("name", "lastRatingId") SELECT 'review', COALESCE(MAX("id"), 0) FROM "Rating";
