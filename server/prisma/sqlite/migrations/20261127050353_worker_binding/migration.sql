-- AlterTable
ALTER TABLE "User" ADD COLUMN "wechatIdHash" TEXT;

-- CreateTable
CREATE TABLE "StaffBindingCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "codeHash" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "StaffBindingCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffBindingCode_codeHash_key" ON "StaffBindingCode"("codeHash");

-- CreateIndex
CREATE INDEX "StaffBindingCode_staffId_idx" ON "StaffBindingCode"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "User_wechatIdHash_key" ON "User"("wechatIdHash");
