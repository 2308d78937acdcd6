-- AlterTable
ALTER TABLE "monthly_report" ADD COLUMN     "warning_note" TEXT;
