-- CreateTable
CREATE TABLE "RatingCountByStaff" (
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("year", "staffId", "month", "level"),
    CONSTRAINT "RatingCountByStaff_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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

    PRIMARY KEY ("year", "stationId", "month", "level"),
    CONSTRAINT "RatingCountByStation_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RatingCountByStaff_year_staffId_level_count_idx" ON "RatingCountByStaff"("year", "staffId", "level", "count");

-- CreateIndex
CREATE INDEX "RatingCountByStation_year_cityCode_countyCode_townshipCode_level_count_idx" ON "RatingCountByStation"("year", "cityCode", "countyCode", "townshipCode", "level", "count");
