-- AlterTable
ALTER TABLE "User" ADD COLUMN     "wechatOpenIdEnc" TEXT;

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),
    "wechatData" TEXT,
    "wechatState" TEXT NOT NULL,
    "wechatError" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_staffId_id_idx" ON "Notification"("staffId", "id");

-- CreateIndex
CREATE INDEX "Notification_wechatState_idx" ON "Notification"("wechatState");
