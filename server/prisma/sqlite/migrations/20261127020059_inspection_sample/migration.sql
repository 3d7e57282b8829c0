-- CreateTable
CREATE TABLE "InspectionSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "stationCodes" TEXT NOT NULL,
    "population" INTEGER NOT NULL,
    "drawnAt" DATETIME NOT NULL,
    "drawnBy" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionSample_year_countyCode_key" ON "InspectionSample"("year", "countyCode");
