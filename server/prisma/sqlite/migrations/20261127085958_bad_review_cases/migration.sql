-- CreateTable
CREATE TABLE "CalendarSnapshot" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BadReviewCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ratingId" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "stationId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "openedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "dueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'verify',
    "closedAt" DATETIME,
    "closedOn" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BadReviewCase_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "CaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BadReviewCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "BadReviewCase_ratingId_key" ON "BadReviewCase"("ratingId");

-- CreateIndex
CREATE INDEX "BadReviewCase_countyCode_status_idx" ON "BadReviewCase"("countyCode", "status");

-- CreateIndex
CREATE INDEX "BadReviewCase_status_dueOn_idx" ON "BadReviewCase"("status", "dueOn");

-- CreateIndex
CREATE INDEX "CaseStep_caseId_idx" ON "CaseStep"("caseId");
