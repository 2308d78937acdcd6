"use client";

/** A small form bound to a server action returning { ok, message }; the message is shown beside the buttons. */
import { type ReactNode, useActionState } from "react";

export interface ActionState {
  ok: boolean;
  message: string | null;
}

export function ActionForm(props: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false, message: null });
  return (
    <form action={formAction} className={props.className} data-testid={props.testId}>
      <fieldset disabled={pending} className="contents">{props.children}</fieldset>
      {state.message && (
        <p role={state.ok ? "status" : "alert"} className={`mt-1 text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>{state.message}</p>
      )}
    </form>
  );
}
