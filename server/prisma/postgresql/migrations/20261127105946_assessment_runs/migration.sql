-- AlterTable
ALTER TABLE "AssessmentRun" ADD COLUMN     "changesJson" TEXT NOT NULL,
ADD COLUMN     "digest" TEXT NOT NULL,
ADD COLUMN     "inputsJson" TEXT NOT NULL;

-- A published run is never edited or removed: a correction is a new revision (issue 13, part 4).
CREATE FUNCTION "assessment_run_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published AssessmentRun is immutable: publish a new revision';
END
$$;
CREATE TRIGGER "AssessmentRun_immutable" BEFORE UPDATE OR DELETE ON "AssessmentRun"
FOR EACH ROW EXECUTE FUNCTION "assessment_run_immutable"();
CREATE TRIGGER "AssessmentRun_no_truncate" BEFORE TRUNCATE ON "AssessmentRun"
FOR EACH STATEMENT EXECUTE FUNCTION "assessment_run_immutable"();
