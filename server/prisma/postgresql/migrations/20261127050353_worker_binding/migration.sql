-- AlterTable
ALTER TABLE "User" ADD COLUMN     "wechatIdHash" TEXT;

-- CreateTable
CREATE TABLE "StaffBindingCode" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "StaffBindingCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffBindingCode_codeHash_key" ON "StaffBindingCode"("codeHash");

-- CreateIndex
CREATE INDEX "StaffBindingCode_staffId_idx" ON "StaffBindingCode"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "User_wechatIdHash_key" ON "User"("wechatIdHash");

-- AddForeignKey
ALTER TABLE "StaffBindingCode" ADD CONSTRAINT "StaffBindingCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
