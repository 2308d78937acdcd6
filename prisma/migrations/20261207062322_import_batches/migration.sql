-- CreateTable
CREATE TABLE "import_batch" (
    "id" SERIAL NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "user_id" TEXT,
    "username" TEXT,
    "org_unit_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "counts" JSONB NOT NULL,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batch_value" (
    "batch_id" INTEGER NOT NULL,
    "org_unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "old_value" DOUBLE PRECISION,
    "new_value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "import_batch_value_pkey" PRIMARY KEY ("batch_id","org_unit_id","period","indicator_code")
);

-- CreateTable
CREATE TABLE "import_batch_report" (
    "batch_id" INTEGER NOT NULL,
    "report_id" INTEGER NOT NULL,
    "created" BOOLEAN NOT NULL,
    "old_status" "ReportStatus",
    "version_after" INTEGER NOT NULL,

    CONSTRAINT "import_batch_report_pkey" PRIMARY KEY ("batch_id","report_id")
);

-- CreateIndex
CREATE INDEX "import_batch_at_idx" ON "import_batch"("at");

-- AddForeignKey
ALTER TABLE "import_batch_value" ADD CONSTRAINT "import_batch_value_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch_report" ADD CONSTRAINT "import_batch_report_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
