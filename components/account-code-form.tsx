"use client";

/**
 * A form that issues an activation code (a new account, or a reset): the code is shown here once, with a slip to print
 * for the person (name, commune, username, code, the address to open, how to choose a password). It is stored only as
 * a hash, so it cannot be shown again: a lost slip means a new reset.
 */
import { type FormEvent, type ReactNode, startTransition, useActionState } from "react";

export interface Slip {
  name: string;
  username: string;
  role: string;
  communeName: string | null;
  code: string;
  /** Formatted in Vietnamese. */
  expires: string;
}

export interface CodeState {
  ok: boolean;
  message: string | null;
  slip?: Slip;
}

export function SlipView({ slip, address }: { slip: Slip; address: string }) {
  return (
    <section
      className="activation-slip rounded border-2 border-dashed border-slate-500 bg-white p-4 text-sm"
      data-testid="activation-slip"
      aria-label={`Phiếu kích hoạt của ${slip.username}`}
    >
      <h3 className="text-base font-bold">Phiếu kích hoạt tài khoản</h3>
      <p className="text-slate-700">Hệ thống theo dõi hoạt động chính quyền địa phương 2 cấp tỉnh Lai Châu</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>Họ tên</dt>
        <dd className="font-medium">{slip.name}</dd>
        <dt>Vai trò</dt>
        <dd>
          {slip.role}
          {slip.communeName ? `, ${slip.communeName}` : ""}
        </dd>
        <dt>Địa chỉ</dt>
        <dd className="font-mono">{address}/login</dd>
        <dt>Tên đăng nhập</dt>
        <dd className="font-mono text-base" data-testid="slip-username">
          {slip.username}
        </dd>
        <dt>Mã kích hoạt</dt>
        <dd className="font-mono text-lg font-bold tracking-wider" data-testid="slip-code">
          {slip.code}
        </dd>
        <dt>Hết hạn</dt>
        <dd>{slip.expires}</dd>
      </dl>
      <p className="mt-2">
        Mở địa chỉ trên, đăng nhập bằng tên đăng nhập và mã kích hoạt (ở ô mật khẩu), rồi chọn mật khẩu của riêng bạn:
        ít nhất 8 ký tự, nên từ 15 ký tự (ví dụ một câu dễ nhớ). Mã chỉ dùng được một lần. Không ai khác, kể cả quản trị
        viên, biết mật khẩu của bạn.
      </p>
    </section>
  );
}

export function AccountCodeForm(props: {
  action: (state: CodeState, formData: FormData) => Promise<CodeState>;
  children: ReactNode;
  address: string;
  className?: string;
  testId?: string;
  /** The print button's text, in the reader's language (the slip itself stays Vietnamese, a printed document). */
  printLabel: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false, message: null });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault(); // keep what was typed (React empties a form after its action)
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <div>
      <form action={formAction} onSubmit={onSubmit} className={props.className} data-testid={props.testId}>
        <fieldset disabled={pending} className="contents">
          {props.children}
        </fieldset>
      </form>
      {state.message && (
        <p
          role={state.ok ? "status" : "alert"}
          className={`mt-1 text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}
        >
          {state.message}
        </p>
      )}
      {state.slip && (
        <div className="mt-2 space-y-2">
          <SlipView slip={state.slip} address={props.address} />
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded border border-slate-400 px-3 py-1 print:hidden"
          >
            {props.printLabel}
          </button>
        </div>
      )}
    </div>
  );
}
