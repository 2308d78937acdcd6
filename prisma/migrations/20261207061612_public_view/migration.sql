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

-- One row (id 1; the data layer reads and writes no other): the switch starts off (every public address answers 404 until an
-- administrator turns it on). No CHECK constraint: the offline schema engine (wasm) panics on one when it diffs.
INSERT INTO "public_setting" ("id", "enabled", "version") VALUES (1, false, 0);
