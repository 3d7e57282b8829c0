-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AssessmentRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "reason" TEXT,
    "policyJson" TEXT NOT NULL,
    "inputsJson" TEXT NOT NULL,
    "resultJson" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "changesJson" TEXT NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AssessmentRun" ("createdAt", "createdBy", "id", "policyJson", "ratingCount", "reason", "regionCode", "resultJson", "revision", "year") SELECT "createdAt", "createdBy", "id", "policyJson", "ratingCount", "reason", "regionCode", "resultJson", "revision", "year" FROM "AssessmentRun";
DROP TABLE "AssessmentRun";
ALTER TABLE "new_AssessmentRun" RENAME TO "AssessmentRun";
CREATE UNIQUE INDEX "AssessmentRun_year_regionCode_revision_key" ON "AssessmentRun"("year", "regionCode", "revision");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- A published run is never edited or removed: a correction is a new revision (issue 13, part 4).
CREATE TRIGGER "AssessmentRun_no_update" BEFORE UPDATE ON "AssessmentRun"
BEGIN
  SELECT RAISE(ABORT, 'a published AssessmentRun is immutable: publish a new revision');
END;
CREATE TRIGGER "AssessmentRun_no_delete" BEFORE DELETE ON "AssessmentRun"
BEGIN
  SELECT RAISE(ABORT, 'a published AssessmentRun is immutable: publish a new revision');
END;
