/** A public address that is not published (or the public view is off): the same page for every reader, in both languages. */
export default function PublicNotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-3 p-4" data-testid="not-found">
      <h1 className="text-2xl font-bold">Không tìm thấy trang</h1>
      <p>
        Địa chỉ này không có trong số liệu đã công bố.{" "}
        <span lang="en">This address is not among the published figures.</span>
      </p>
      <p>
        <a href="/cong-khai">Số liệu công khai</a> ·{" "}
        <a href="/cong-khai/en" lang="en">
          Public figures
        </a>
      </p>
    </main>
  );
}
