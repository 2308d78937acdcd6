-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NoticeKind" ADD VALUE 'DUE_SOON';
ALTER TYPE "NoticeKind" ADD VALUE 'DUE_TODAY';
ALTER TYPE "NoticeKind" ADD VALUE 'LATE';

-- AlterTable
ALTER TABLE "notice" ADD COLUMN     "org_unit_id" INTEGER,
ADD COLUMN     "period" TEXT,
ALTER COLUMN "report_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "reminder_sent" (
    "org_unit_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_sent_pkey" PRIMARY KEY ("org_unit_id","period","kind")
);

-- CreateIndex
CREATE INDEX "notice_org_unit_id_idx" ON "notice"("org_unit_id");

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_sent" ADD CONSTRAINT "reminder_sent_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

