/**
 * Texts of the error pages that render in the browser (app/error.tsx, app/global-error.tsx). They cannot use next-intl
 * (client components get no catalogue here, and global-error replaces the root layout), so the language comes from the
 * NEXT_LOCALE cookie the language switch sets (i18n/locale.ts), Vietnamese by default.
 */
export const ERROR_TEXTS = {
  vi: {
    title: "Đã có lỗi khi hiển thị trang này",
    body: "Hệ thống gặp lỗi hoặc máy chủ dữ liệu tạm thời không truy cập được. Số liệu đang nhập ở trang Nhập số liệu vẫn được giữ trên máy này.",
    retry: "Thử lại",
    home: "Về trang chính",
    code: "Mã lỗi",
  },
  en: {
    title: "Something went wrong showing this page",
    body: "The system hit an error or the database is briefly unreachable. Figures being entered on the entry page are kept on this device.",
    retry: "Try again",
    home: "Go to the home page",
    code: "Error code",
  },
} as const;

export function errorTexts(cookie: string) {
  return /(?:^|;\s*)NEXT_LOCALE=en(?:;|$)/.test(cookie) ? ERROR_TEXTS.en : ERROR_TEXTS.vi;
}
