/**
 * Notices by e-mail, when SMTP_URL is set (e.g. `smtp://user:password@mail.example.vn:587`, `smtps://…:465`): the
 * same notices as in the app, sent with nodemailer after the write that made them has committed. Sending is never
 * awaited by the write: a slow or unreachable mail server cannot delay or fail a save, a submission or a review. A
 * failed send is logged and the notice stays in the app (it is already stored). No retry queue: the bell is the
 * record, the e-mail a courtesy.
 */
import nodemailer from "nodemailer";
import { appBaseURL } from "@/lib/auth/origins";
import { type NoticeMail, noticeEmail } from "@/lib/domain/notices";

type Transport = ReturnType<typeof nodemailer.createTransport>;

let current: { url: string; transport: Transport } | null = null;
const inFlight = new Set<Promise<void>>();

function transportFor(url: string): Transport {
  if (current?.url !== url) {
    current?.transport.close();
    current = {
      url,
      // A pool of two connections: a bulk approval of 38 reports queues its mails instead of opening 38 connections.
      transport: nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return current.transport;
}

/** The sender: SMTP_FROM, or no-reply at the app's host name. */
export function senderAddress(): string {
  return process.env.SMTP_FROM || `"Lai Châu 2 cấp" <no-reply@${new URL(appBaseURL()).hostname}>`;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts sending `mails` and returns at once. Without SMTP_URL it does nothing. */
export function sendNoticeMails(mails: readonly NoticeMail[]): void {
  const url = process.env.SMTP_URL;
  if (!url || mails.length === 0) return;
  let transport: Transport;
  try {
    transport = transportFor(url);
  } catch (error) {
    console.error(`[notice mail] SMTP_URL cannot be used, ${mails.length} e-mail(s) not sent: ${message(error)}`);
    return;
  }
  for (const mail of mails) {
    const { subject, text } = noticeEmail(mail, appBaseURL());
    const sending: Promise<void> = transport
      .sendMail({ from: senderAddress(), to: mail.to, subject, text })
      .then(
        () => undefined,
        (error: unknown) =>
          console.error(`[notice mail] not sent to ${mail.to} (${mail.kind} ${mail.period}): ${message(error)}`),
      )
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }
}

/** Resolves when every send started so far has ended, sent or failed (tests, and a clean shutdown). */
export async function noticeMailsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** Closes the pooled SMTP connections. */
export function closeNoticeMail(): void {
  current?.transport.close();
  current = null;
}
