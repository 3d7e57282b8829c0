-- CreateTable
CREATE TABLE "CalendarSnapshot" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarSnapshot_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "BadReviewCase" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "stationId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "openedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "dueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'verify',
    "closedAt" TIMESTAMP(3),
    "closedOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BadReviewCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStep" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BadReviewCase_ratingId_key" ON "BadReviewCase"("ratingId");

-- CreateIndex
CREATE INDEX "BadReviewCase_countyCode_status_idx" ON "BadReviewCase"("countyCode", "status");

-- CreateIndex
CREATE INDEX "BadReviewCase_status_dueOn_idx" ON "BadReviewCase"("status", "dueOn");

-- CreateIndex
CREATE INDEX "CaseStep_caseId_idx" ON "CaseStep"("caseId");

-- AddForeignKey
ALTER TABLE "BadReviewCase" ADD CONSTRAINT "BadReviewCase_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStep" ADD CONSTRAINT "CaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "BadReviewCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
