-- CreateTable
CREATE TABLE "publication" (
    "province_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "published_by_id" TEXT,

    CONSTRAINT "publication_pkey" PRIMARY KEY ("province_id","period")
);

-- CreateTable
CREATE TABLE "public_value" (
    "province_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "public_value_pkey" PRIMARY KEY ("province_id","period","unit_code","indicator_code")
);

-- CreateTable
CREATE TABLE "public_report" (
    "province_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "first_submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "public_report_pkey" PRIMARY KEY ("province_id","period","unit_code")
);

-- CreateTable
CREATE TABLE "public_snapshot" (
    "province_id" INTEGER NOT NULL,
    "period_key" TEXT NOT NULL,
    "from_period" TEXT NOT NULL,
    "to_period" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "public_snapshot_pkey" PRIMARY KEY ("province_id","period_key")
);

-- CreateTable
CREATE TABLE "public_setting" (
    "id" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "public_setting_pkey" PRIMARY KEY ("id")
);

-- No row is inserted here: a restore (migrations on an empty database, then every table's rows) would meet it twice.
-- No row means "off" (lib/data/publication.ts); the first switch or publication writes row 1.
