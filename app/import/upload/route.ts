import { importUpload } from "@/lib/web/import-upload";

export const dynamic = "force-dynamic";

/** The import page's upload: the file as the body, streamed to disk and checked in a worker (lib/web/import-upload.ts). */
export const POST = importUpload;
