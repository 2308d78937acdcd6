"use client";

/**
 * Sign-in: username and password (or a one-time activation code) to /api/auth/sign-in/username; for an account with a
 * second factor, a second step asks for the 6-digit code of its authenticator app (or a recovery code), sent to
 * /api/auth/two-factor/verify. Both answers set the session cookie themselves; the page then goes on to `next`.
 */
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/lib/web/use-hydrated";
import { safeNextPath } from "@/lib/domain/safe-next";

const MESSAGES: Record<number, string> = {
  401: "Tên đăng nhập hoặc mật khẩu không đúng.",
};

const field = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; body: { message?: string; secondFactor?: boolean } | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as { message?: string; secondFactor?: boolean } | null,
  };
}

export function LoginForm({ next }: { next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState(false);
  const [recovery, setRecovery] = useState(false);
  // Until the page is interactive the button stays disabled, so a fast click never submits the form natively.
  const ready = useHydrated();

  function failed(status: number, body: { message?: string } | null) {
    if (status === 429 || status === 401)
      setError(body?.message ?? MESSAGES[401] ?? "Không đăng nhập được. Vui lòng thử lại.");
    // 503/507 carry the server's own Vietnamese message (database unavailable, disk full: lib/web/fault-page.ts).
    else
      setError(
        MESSAGES[status] ?? (status >= 500 ? body?.message : undefined) ?? "Không đăng nhập được. Vui lòng thử lại.",
      );
  }

  async function submit(work: () => Promise<void>) {
    setPending(true);
    setError(null);
    try {
      await work();
    } catch {
      setError("Không kết nối được máy chủ. Vui lòng thử lại.");
    } finally {
      setPending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("Vui lòng nhập tên đăng nhập và mật khẩu.");
      return;
    }
    await submit(async () => {
      const res = await post("/api/auth/sign-in/username", { username, password });
      if (res.status === 200 && res.body?.secondFactor) setSecondStep(true);
      else if (res.status === 200) window.location.assign(safeNextPath(next, "/home"));
      else failed(res.status, res.body);
    });
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s/g, "");
    if (!code) {
      setError("Vui lòng nhập mã xác thực.");
      return;
    }
    await submit(async () => {
      const res = await post("/api/auth/two-factor/verify", { code, recovery });
      if (res.status === 200) window.location.assign(safeNextPath(next, "/home"));
      else failed(res.status, res.body);
    });
  }

  const alert = error && (
    <p
      role="alert"
      data-testid="login-error"
      className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900"
    >
      {error}
    </p>
  );
  if (secondStep) {
    return (
      <form method="post" onSubmit={onCode} className="space-y-4" noValidate>
        <p className="text-sm">Tài khoản này dùng xác thực hai lớp.</p>
        <div>
          <label htmlFor="code" className="block text-sm font-medium">
            {recovery ? "Mã khôi phục" : "Mã xác thực"}
          </label>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            required
            autoFocus
            maxLength={20}
            className={field}
          />
          <p className="mt-1 text-xs text-slate-700">
            {recovery
              ? "Một trong 10 mã khôi phục nhận khi bật xác thực hai lớp."
              : "Mã 6 chữ số trong ứng dụng xác thực trên điện thoại."}
          </p>
        </div>
        {alert}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
        >
          {pending ? "Đang kiểm tra…" : "Xác nhận"}
        </button>
        <button type="button" onClick={() => setRecovery(!recovery)} className="text-sm text-sky-900 underline">
          {recovery ? "Dùng mã từ ứng dụng" : "Không có điện thoại? Dùng mã khôi phục"}
        </button>
      </form>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Tên đăng nhập
        </label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" required className={field} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Mật khẩu
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={field}
        />
        <p className="mt-1 text-xs text-slate-700">Lần đầu đăng nhập: nhập mã kích hoạt trên phiếu vào ô mật khẩu.</p>
      </div>
      {alert}
      <button
        type="submit"
        disabled={pending || !ready}
        className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {pending ? "Đang đăng nhập…" : "Đăng nhập"}
      </button>
    </form>
  );
}
