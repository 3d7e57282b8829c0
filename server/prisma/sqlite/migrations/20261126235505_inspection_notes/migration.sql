-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN "notes" TEXT;
