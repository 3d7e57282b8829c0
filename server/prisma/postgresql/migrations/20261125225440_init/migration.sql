-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentCode" TEXT,
    "provinceCode" TEXT NOT NULL,
    "cityCode" TEXT,
    "countyCode" TEXT,
    "townshipCode" TEXT,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Station" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "regionCode" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "townshipCode" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "licenceNumber" TEXT,
    "organisation" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "cityCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "staffId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" SERIAL NOT NULL,
    "idHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" SERIAL NOT NULL,
    "residentId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "serviceType" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "attitude" INTEGER,
    "competence" INTEGER,
    "efficiency" INTEGER,
    "reasonCode" TEXT,
    "reasonText" TEXT,
    "callbackPhoneEnc" TEXT,
    "comment" TEXT,
    "raterType" TEXT NOT NULL,
    "serviceDate" TEXT NOT NULL,
    "serviceYear" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'valid',
    "clientRequestId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "cityCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "townshipCode" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingSubmission" (
    "residentId" INTEGER NOT NULL,
    "clientRequestId" TEXT NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingSubmission_pkey" PRIMARY KEY ("residentId","clientRequestId")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "stationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "standardisation" DOUBLE PRECISION,
    "professionalism" DOUBLE PRECISION,
    "openness" DOUBLE PRECISION,
    "management" DOUBLE PRECISION,
    "informatisation" DOUBLE PRECISION,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "exemptReason" TEXT,
    "inspectedOn" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentPolicy" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "policyJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRun" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "reason" TEXT,
    "policyJson" TEXT NOT NULL,
    "resultJson" TEXT NOT NULL,
    "ratingCount" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE INDEX "Region_level_provinceCode_idx" ON "Region"("level", "provinceCode");

-- CreateIndex
CREATE UNIQUE INDEX "Station_code_key" ON "Station"("code");

-- CreateIndex
CREATE INDEX "Station_countyCode_tier_idx" ON "Station"("countyCode", "tier");

-- CreateIndex
CREATE INDEX "Station_townshipCode_idx" ON "Station"("townshipCode");

-- CreateIndex
CREATE INDEX "Staff_cityCode_role_idx" ON "Staff"("cityCode", "role");

-- CreateIndex
CREATE INDEX "Staff_countyCode_idx" ON "Staff"("countyCode");

-- CreateIndex
CREATE INDEX "Assignment_stationId_toDate_idx" ON "Assignment"("stationId", "toDate");

-- CreateIndex
CREATE INDEX "Assignment_staffId_idx" ON "Assignment"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_idHash_key" ON "Resident"("idHash");

-- CreateIndex
CREATE INDEX "Rating_serviceYear_status_countyCode_idx" ON "Rating"("serviceYear", "status", "countyCode");

-- CreateIndex
CREATE INDEX "Rating_serviceYear_status_staffId_idx" ON "Rating"("serviceYear", "status", "staffId");

-- CreateIndex
CREATE INDEX "Rating_residentId_createdAt_idx" ON "Rating"("residentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_residentId_staffId_serviceDate_key" ON "Rating"("residentId", "staffId", "serviceDate");

-- CreateIndex
CREATE INDEX "RatingSubmission_ratingId_idx" ON "RatingSubmission"("ratingId");

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_stationId_year_key" ON "Inspection"("stationId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentPolicy_year_regionCode_key" ON "AssessmentPolicy"("year", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentRun_year_regionCode_revision_key" ON "AssessmentRun"("year", "regionCode", "revision");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingSubmission" ADD CONSTRAINT "RatingSubmission_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingSubmission" ADD CONSTRAINT "RatingSubmission_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
