-- CreateTable
CREATE TABLE "ServiceCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "codeHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "serviceType" TEXT,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "ratingId" INTEGER
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCode_codeHash_key" ON "ServiceCode"("codeHash");

-- CreateIndex
CREATE INDEX "ServiceCode_staffId_issuedAt_idx" ON "ServiceCode"("staffId", "issuedAt");
