-- CreateTable
CREATE TABLE "InspectionSample" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "stationCodes" TEXT NOT NULL,
    "population" INTEGER NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL,
    "drawnBy" TEXT NOT NULL,

    CONSTRAINT "InspectionSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionSample_year_countyCode_key" ON "InspectionSample"("year", "countyCode");
