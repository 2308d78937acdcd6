-- CreateTable
CREATE TABLE "installation_mark" (
    "key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "installation_mark_pkey" PRIMARY KEY ("key")
);
