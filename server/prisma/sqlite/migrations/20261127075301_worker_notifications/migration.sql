-- AlterTable
ALTER TABLE "User" ADD COLUMN "wechatOpenIdEnc" TEXT;

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "readAt" DATETIME,
    "wechatData" TEXT,
    "wechatState" TEXT NOT NULL,
    "wechatError" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Notification_staffId_id_idx" ON "Notification"("staffId", "id");

-- CreateIndex
CREATE INDEX "Notification_wechatState_idx" ON "Notification"("wechatState");
