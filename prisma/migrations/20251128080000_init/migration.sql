-- CreateEnum
CREATE TYPE "OrgUnitLevel" AS ENUM ('COUNTRY', 'PROVINCE', 'COMMUNE');

-- CreateEnum
CREATE TYPE "CommuneKind" AS ENUM ('XA', 'PHUONG', 'DAC_KHU');

-- CreateEnum
CREATE TYPE "IndicatorKind" AS ENUM ('RAW', 'COMPUTED');

-- CreateEnum
CREATE TYPE "TemporalType" AS ENUM ('FLOW', 'STOCK', 'FLAG');

-- CreateEnum
CREATE TYPE "TargetDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'PROVINCE', 'COMMUNE', 'ANALYST');

-- CreateTable
CREATE TABLE "org_unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "level" "OrgUnitLevel" NOT NULL,
    "parent_id" INTEGER,
    "name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "search_name" TEXT NOT NULL,
    "kind" "CommuneKind",
    "former_districts" TEXT[],
    "area_km2" DOUBLE PRECISION,
    "population" INTEGER,
    "hq_address" TEXT,
    "centroid_lon" DOUBLE PRECISION,
    "centroid_lat" DOUBLE PRECISION,
    "resolution" TEXT,

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "former_unit" (
    "id" SERIAL NOT NULL,
    "org_unit_id" INTEGER NOT NULL,
    "old_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "old_district_code" TEXT NOT NULL,
    "old_district" TEXT NOT NULL,
    "merge_type" TEXT NOT NULL,

    CONSTRAINT "former_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "code" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description_vi" TEXT NOT NULL,
    "description_en" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "kind" "IndicatorKind" NOT NULL,
    "temporal_type" "TemporalType",
    "entry_level" "OrgUnitLevel",
    "numerator" TEXT[],
    "denominator" TEXT[],
    "factor" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "target" DOUBLE PRECISION,
    "direction" "TargetDirection",
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "monthly_report" (
    "id" SERIAL NOT NULL,
    "org_unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "first_submitted_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "submitted_by_id" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "approved_by_id" TEXT,
    "return_comment" TEXT,
    "acknowledged_warnings" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "monthly_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_value" (
    "org_unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" TEXT,

    CONSTRAINT "data_value_pkey" PRIMARY KEY ("org_unit_id","period","indicator_code")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" TEXT,
    "username" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "org_unit_id" INTEGER,
    "period" TEXT,
    "changes" JSONB,
    "reason" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_lock" (
    "period" TEXT NOT NULL,
    "locked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by_id" TEXT,
    "reason" TEXT,

    CONSTRAINT "period_lock_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "username" TEXT,
    "display_username" TEXT,
    "role" "Role" NOT NULL DEFAULT 'ANALYST',
    "banned" BOOLEAN DEFAULT false,
    "ban_reason" TEXT,
    "ban_expires" TIMESTAMPTZ(3),
    "org_unit_id" INTEGER,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "user_id" TEXT NOT NULL,
    "impersonated_by" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "scope" TEXT,
    "password" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_code_key" ON "org_unit"("code");

-- CreateIndex
CREATE INDEX "org_unit_parent_id_idx" ON "org_unit"("parent_id");

-- CreateIndex
CREATE INDEX "former_unit_org_unit_id_idx" ON "former_unit"("org_unit_id");

-- CreateIndex
CREATE INDEX "former_unit_old_code_idx" ON "former_unit"("old_code");

-- CreateIndex
CREATE INDEX "monthly_report_period_status_idx" ON "monthly_report"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "monthly_report_org_unit_id_period_key" ON "monthly_report"("org_unit_id", "period");

-- CreateIndex
CREATE INDEX "data_value_indicator_code_period_idx" ON "data_value"("indicator_code", "period");

-- CreateIndex
CREATE INDEX "audit_log_org_unit_id_period_idx" ON "audit_log"("org_unit_id", "period");

-- CreateIndex
CREATE INDEX "audit_log_user_id_idx" ON "audit_log"("user_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_username_key" ON "user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_key_key" ON "rate_limit"("key");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "former_unit" ADD CONSTRAINT "former_unit_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monthly_report" ADD CONSTRAINT "monthly_report_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_value" ADD CONSTRAINT "data_value_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_value" ADD CONSTRAINT "data_value_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
