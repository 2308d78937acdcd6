"use client";

import { useEffect, useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/domain/safe-next";

const MESSAGES: Record<number, string> = {
  401: "Tên đăng nhập hoặc mật khẩu không đúng.",
};

export function LoginForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until the page is interactive the button stays disabled, so a fast click never submits the form natively.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("Vui lòng nhập tên đăng nhập và mật khẩu.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/username", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (res.ok) {
        window.location.assign(safeNextPath(next, "/home"));
        return;
      }
      if (res.status === 429) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.");
      } else {
        const body = res.status >= 500 ? ((await res.json().catch(() => null)) as { message?: string } | null) : null;
        setError(MESSAGES[res.status] ?? body?.message ?? "Không đăng nhập được. Vui lòng thử lại.");
      }
    } catch {
      setError("Không kết nối được máy chủ. Vui lòng thử lại.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="block text-sm font-medium">Tên đăng nhập</label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" required
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Mật khẩu</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
      </div>
      {error && <p role="alert" data-testid="login-error" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">{error}</p>}
      <button type="submit" disabled={pending || !ready} className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60">
        {pending ? "Đang đăng nhập…" : "Đăng nhập"}
      </button>
    </form>
  );
}
