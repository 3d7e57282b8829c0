-- AlterTable
ALTER TABLE "BadReviewCase" ADD COLUMN "fixRatedAt" DATETIME;
ALTER TABLE "BadReviewCase" ADD COLUMN "fixVerdict" TEXT;
ALTER TABLE "BadReviewCase" ADD COLUMN "onTime" BOOLEAN;
ALTER TABLE "BadReviewCase" ADD COLUMN "townshipCode" TEXT;

-- CreateIndex
CREATE INDEX "BadReviewCase_openedOn_townshipCode_idx" ON "BadReviewCase"("openedOn", "townshipCode");

-- CreateIndex
CREATE INDEX "BadReviewCase_openedOn_staffId_idx" ON "BadReviewCase"("openedOn", "staffId");

-- Cases opened before these columns: their township from their rating, and whether they closed on time.
UPDATE "BadReviewCase" SET "townshipCode" = (SELECT "townshipCode" FROM "Rating" WHERE "Rating"."id" = "BadReviewCase"."ratingId");
UPDATE "BadReviewCase" SET "onTime" = ("closedOn" <= "dueOn") WHERE "status" = 'closed';
