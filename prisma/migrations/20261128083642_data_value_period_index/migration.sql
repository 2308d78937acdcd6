-- CreateIndex
CREATE INDEX "data_value_period_cover" ON "data_value"("period", "indicator_code", "org_unit_id", "value");
