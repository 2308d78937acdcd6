-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateTable
CREATE TABLE "notice" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "report_id" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notice_user_id_id_idx" ON "notice"("user_id", "id");

-- CreateIndex
CREATE INDEX "notice_user_id_read_at_idx" ON "notice"("user_id", "read_at");

-- CreateIndex
CREATE INDEX "notice_report_id_idx" ON "notice"("report_id");

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "monthly_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written note: no data_version trigger on "notice", on purpose. A notice concerns one user; the page cache keys
-- each page on that user's own bell (newest notice id, unread count: lib/data/notice-scope.ts), read with the session,
-- so a notice being written or read never empties the other users' cached pages.
