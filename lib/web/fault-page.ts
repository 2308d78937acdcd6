/**
 * The page for a request that failed outside Next.js's own error pages (scripts/server.ts), and the texts the error
 * pages share (lib/web/error-texts.ts): what happened and what to do, per kind of fault, with a reference the
 * administrator finds in the server's log for a server error.
 */
import { isDatabaseUnavailable, isDiskFull } from "@/lib/data/unavailable";

export type FaultKind = "unavailable" | "diskFull" | "error";

export function faultKind(error: unknown): FaultKind {
  if (isDiskFull(error)) return "diskFull";
  if (isDatabaseUnavailable(error)) return "unavailable";
  return "error";
}

export const FAULT_TEXTS = {
  vi: {
    unavailable: {
      title: "Máy chủ dữ liệu tạm thời không truy cập được",
      body: "Trang này cần số liệu mà máy chủ dữ liệu chưa trả lời được. Số liệu đang nhập ở trang Nhập số liệu vẫn được giữ trên máy này và sẽ được gửi lại khi máy chủ hoạt động.",
      todo: "Vui lòng thử lại sau ít phút. Nếu vẫn không được, hãy báo quản trị viên hệ thống.",
    },
    diskFull: {
      title: "Máy chủ hết dung lượng lưu trữ",
      body: "Máy chủ không còn chỗ để ghi số liệu, nên chưa lưu được. Số liệu đang nhập vẫn được giữ trên máy này.",
      todo: "Hãy báo ngay quản trị viên hệ thống để giải phóng dung lượng; sau đó thử lại.",
    },
    error: {
      title: "Máy chủ gặp lỗi",
      body: "Có lỗi ngoài dự kiến khi xử lý yêu cầu này. Số liệu đang nhập ở trang Nhập số liệu vẫn được giữ trên máy này.",
      todo: "Vui lòng thử lại. Nếu lỗi lặp lại, hãy báo quản trị viên kèm mã tham chiếu dưới đây (có trong nhật ký máy chủ).",
    },
    reference: "Mã tham chiếu",
    retry: "Thử lại",
    home: "Về trang chính",
  },
  en: {
    unavailable: {
      title: "The database is briefly unreachable",
      body: "This page needs figures the database cannot give right now. Figures being entered on the entry page are kept on this device and sent again when it is back.",
      todo: "Please try again in a few minutes. If it persists, tell the system administrator.",
    },
    diskFull: {
      title: "The server's storage is full",
      body: "The server has no room left to write, so nothing was saved. Figures being entered are kept on this device.",
      todo: "Tell the system administrator at once so that space is freed; then try again.",
    },
    error: {
      title: "The server hit an error",
      body: "Something unexpected went wrong with this request. Figures being entered on the entry page are kept on this device.",
      todo: "Please try again. If it happens again, give the administrator the reference below (it is in the server's log).",
    },
    reference: "Reference",
    retry: "Try again",
    home: "Go to the home page",
  },
} as const;

const STATUS: Record<FaultKind, number> = { unavailable: 503, diskFull: 507, error: 500 };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A complete, self-contained HTML page (no script, no external resource) for a failed request. */
export function faultPage(kind: FaultKind, reference: string, locale: "vi" | "en"): { status: number; html: string } {
  const t = FAULT_TEXTS[locale];
  const k = t[kind];
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(k.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}
h1{font-size:1.5rem}.ref{color:#475569;font-size:.9rem}a{display:inline-block;margin-right:1rem}</style></head>
<body><main role="alert"><h1>${escape(k.title)}</h1><p>${escape(k.body)}</p><p>${escape(k.todo)}</p>
<p class="ref">${escape(t.reference)}: <strong>${escape(reference)}</strong></p>
<p><a href="">${escape(t.retry)}</a><a href="/">${escape(t.home)}</a></p></main></body></html>
`;
  return { status: STATUS[kind], html };
}

/** A JSON answer for an API request that failed on a fault: the message in Vietnamese, the reference logged. */
export function faultJson(error: unknown, what: string): Response {
  const kind = faultKind(error);
  const reference = `R-${Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .toUpperCase()
    .padStart(8, "0")}`;
  console.error(`[server] reference ${reference} (${kind}) ${what}:`, error);
  const t = FAULT_TEXTS.vi[kind];
  const message =
    kind === "error" ? `${t.title}. ${t.todo} ${FAULT_TEXTS.vi.reference}: ${reference}.` : `${t.title}. ${t.todo}`;
  return Response.json(
    { message, reference },
    { status: STATUS[kind], headers: kind === "error" ? {} : { "Retry-After": "60" } },
  );
}

/** Query parameters whose values never go into a log line (the first-run setup token, codes, passwords). */
const SECRET_PARAMS = /([?&](?:token|code|password)=)[^&#]*/gi;

/** A request's address as the server's error log keeps it: secret parameters' values replaced by "…". */
export function loggableUrl(url: string | undefined): string {
  return (url ?? "").replace(SECRET_PARAMS, "$1…");
}
