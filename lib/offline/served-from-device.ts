/**
 * An entry page the service worker (app/sw.ts) answered from this device because the server could not render it (a
 * 5xx: the database unavailable, a server error): the worker marks the stored page's HTML so that the form can say
 * so (components/month-form.tsx). Pure: used by the worker and by the page.
 */

/** The attribute on <html> (data-served-from="device"); React leaves it alone when hydrating. */
export const SERVED_FROM_ATTRIBUTE = "data-served-from";

/** What the form says on a page from the device, in Vietnamese (messages/*.json `monthForm.servedFromDevice`). */
export const SERVED_FROM_DEVICE_TEXT =
  "Máy chủ tạm thời không truy cập được: trang này được mở từ bản lưu trên máy này. Số liệu bạn nhập vẫn được giữ trên máy này và sẽ được gửi lên máy chủ khi máy chủ hoạt động trở lại.";

/** The stored page's HTML with the mark on its root element. */
export function markServedFromDevice(html: string): string {
  return html.replace(/<html\b/i, `<html ${SERVED_FROM_ATTRIBUTE}="device"`);
}

/** Whether this document was marked by the worker. */
export function servedFromDevice(root: { getAttribute(name: string): string | null }): boolean {
  return root.getAttribute(SERVED_FROM_ATTRIBUTE) === "device";
}
