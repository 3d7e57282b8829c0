-- CreateTable
CREATE TABLE "RatingCountByStaff" (
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RatingCountByStaff_pkey" PRIMARY KEY ("year","staffId","month","level")
);

-- CreateTable
CREATE TABLE "RatingCountByStation" (
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "cityCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "townshipCode" TEXT,

    CONSTRAINT "RatingCountByStation_pkey" PRIMARY KEY ("year","stationId","month","level")
);

-- CreateIndex
CREATE INDEX "RatingCountByStaff_year_staffId_level_count_idx" ON "RatingCountByStaff"("year", "staffId", "level", "count");

-- CreateIndex
CREATE INDEX "RatingCountByStation_year_cityCode_countyCode_townshipCode__idx" ON "RatingCountByStation"("year", "cityCode", "countyCode", "townshipCode", "level", "count");

-- AddForeignKey
ALTER TABLE "RatingCountByStaff" ADD CONSTRAINT "RatingCountByStaff_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingCountByStation" ADD CONSTRAINT "RatingCountByStation_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
