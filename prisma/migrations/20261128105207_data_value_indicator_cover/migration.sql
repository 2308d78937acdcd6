-- DropIndex
DROP INDEX "data_value_indicator_code_period_idx";

-- CreateIndex
CREATE INDEX "data_value_indicator_cover" ON "data_value"("indicator_code", "period", "org_unit_id", "value");
