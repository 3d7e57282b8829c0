-- CreateTable
CREATE TABLE "ServiceCode" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "serviceType" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "ratingId" INTEGER,

    CONSTRAINT "ServiceCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCode_codeHash_key" ON "ServiceCode"("codeHash");

-- CreateIndex
CREATE INDEX "ServiceCode_staffId_issuedAt_idx" ON "ServiceCode"("staffId", "issuedAt");
