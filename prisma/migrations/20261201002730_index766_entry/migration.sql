-- CreateTable
CREATE TABLE "index766_entry" (
    "org_unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "index766_entry_pkey" PRIMARY KEY ("org_unit_id","period","component_id")
);

-- AddForeignKey
ALTER TABLE "index766_entry" ADD CONSTRAINT "index766_entry_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a change to the entered 766 components changes /index-766, which the page cache keys on data_version
-- (see the migration data_version). Rare writes: bump the counter every page includes.
CREATE TRIGGER "index766_entry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "index766_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "data_version_bump_all"();
