-- DropIndex
DROP INDEX "Rating_residentId_createdAt_idx";

-- DropIndex
DROP INDEX "Rating_serviceYear_status_staffId_idx";

-- DropIndex
DROP INDEX "Rating_serviceYear_status_countyCode_idx";
