-- CreateTable
CREATE TABLE "RatingReply" (
    "ratingId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RatingReply_pkey" PRIMARY KEY ("ratingId")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" SERIAL NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decisionReason" TEXT,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RatingReply_staffId_idx" ON "RatingReply"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_ratingId_key" ON "Appeal"("ratingId");

-- CreateIndex
CREATE INDEX "Appeal_countyCode_status_idx" ON "Appeal"("countyCode", "status");

-- CreateIndex
CREATE INDEX "Appeal_staffId_idx" ON "Appeal"("staffId");

-- AddForeignKey
ALTER TABLE "RatingReply" ADD CONSTRAINT "RatingReply_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
