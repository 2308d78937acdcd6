"use client";

/** A small form bound to a server action returning { ok, message }; the message is shown beside the buttons. */
import { type FormEvent, type ReactNode, startTransition, useActionState } from "react";

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
  // With JavaScript the form is sent from here, so React does not empty it afterwards: what was typed stays on
  // screen beside the message (a refused password, a name to correct). Without JavaScript it posts as usual.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={onSubmit} className={props.className} data-testid={props.testId}>
      <fieldset disabled={pending} className="contents">
        {props.children}
      </fieldset>
      {state.message && (
        <p
          role={state.ok ? "status" : "alert"}
          className={`mt-1 text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
