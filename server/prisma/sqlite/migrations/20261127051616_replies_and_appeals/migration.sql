-- CreateTable
CREATE TABLE "RatingReply" (
    "ratingId" INTEGER NOT NULL PRIMARY KEY,
    "staffId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RatingReply_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ratingId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedBy" TEXT,
    "decisionReason" TEXT,
    CONSTRAINT "Appeal_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RatingReply_staffId_idx" ON "RatingReply"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_ratingId_key" ON "Appeal"("ratingId");

-- CreateIndex
CREATE INDEX "Appeal_countyCode_status_idx" ON "Appeal"("countyCode", "status");

-- CreateIndex
CREATE INDEX "Appeal_staffId_idx" ON "Appeal"("staffId");
