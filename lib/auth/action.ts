/**
 * The one way in for server actions (as formbricks' authenticated action client): reads the session INSIDE the error
 * handling, so a database outage during that read is an answer, not an error page; maps the data layer's expected
 * refusals (DataError) to their message, a database outage to "try again, your work is kept", and anything else to a
 * generic message plus a log line. Each action turns the failure into its own state shape with `fail`. The failure is
 * said in the viewer's language when its words come from the catalogue (messages/*.json `actionErrors`, and
 * `dataErrors` for a DataError made with a key); a DataError with a Vietnamese string stays Vietnamese.
 */
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { type Locale, resolveLocale } from "@/i18n/locale";
import { type Words, wordsIn } from "@/i18n/words";
import { DataError, type DataErrorCode, type DataErrorText } from "@/lib/data/errors";
import { isDatabaseUnavailable, isDiskFull } from "@/lib/data/unavailable";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { type SchemaRules, type Wording, schemaWording } from "@/lib/domain/wording";
import { type Viewer, getViewer } from "./viewer";

export type ActionFailureCode = DataErrorCode | "UNAUTHENTICATED" | "UNAVAILABLE" | "DISK_FULL" | "UNEXPECTED";

export interface ActionFailure {
  code: ActionFailureCode;
  message: string;
  /** The same request may succeed later unchanged (database back, signed in again). */
  retryable: boolean;
  /** The data layer's refusal, for actions that show its details (field errors, conflict). */
  dataError?: DataError;
  /** The message's key in the catalogue (the namespace included) and values: `message` in another language. */
  text?: DataErrorText;
}

/** In Vietnamese; the catalogue's `actionErrors` says the same (tests/unit/message-catalogues.test.ts). */
export const ACTION_MESSAGES = {
  UNAUTHENTICATED: "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.",
  UNAVAILABLE: "Máy chủ dữ liệu tạm thời không truy cập được, chưa lưu được. Vui lòng thử lại sau ít phút.",
  DISK_FULL:
    "Máy chủ hết dung lượng lưu trữ, chưa lưu được. Số liệu vẫn được giữ trên máy này; hãy báo quản trị viên hệ thống.",
  UNEXPECTED: "Có lỗi ngoài dự kiến, chưa lưu được. Vui lòng thử lại.",
  MUST_CHANGE_PASSWORD: "Vui lòng chọn mật khẩu của bạn trước (trang Kích hoạt tài khoản).",
  MUST_ENROL_SECOND_FACTOR: "Vai trò của bạn bắt buộc dùng xác thực hai lớp: vui lòng bật trên trang Tài khoản trước.",
} as const;

export function failureOf(name: string, error: unknown): ActionFailure {
  if (error instanceof DataError) {
    const text = error.text && { ...error.text, key: `dataErrors.${error.text.key}` };
    return { code: error.code, message: error.message, retryable: false, dataError: error, text };
  }
  if (isDiskFull(error)) {
    console.error(`${name}: the server's disk is full`, error instanceof Error ? error.message : error);
    return actionFailure("DISK_FULL", "DISK_FULL", true);
  }
  if (isDatabaseUnavailable(error)) {
    console.warn(`${name}: database unavailable`, error instanceof Error ? error.message : error);
    return actionFailure("UNAVAILABLE", "UNAVAILABLE", true);
  }
  console.error(name, error);
  return actionFailure("UNEXPECTED", "UNEXPECTED", true);
}

function actionFailure(
  code: ActionFailureCode,
  message: keyof typeof ACTION_MESSAGES,
  retryable: boolean,
): ActionFailure {
  return { code, message: ACTION_MESSAGES[message], retryable, text: { key: `actionErrors.${message}` } };
}

/** The language of the request (the language switch's cookie); Vietnamese outside a request. */
export async function viewerLocale(): Promise<Locale> {
  try {
    return resolveLocale(await getLocale());
  } catch {
    return "vi";
  }
}

/** The failure with its message in `locale` when its words come from the catalogue. */
export function inLanguage(failure: ActionFailure, locale: Locale): ActionFailure {
  if (!failure.text || locale === "vi") return failure;
  return { ...failure, message: wordsIn(locale)(failure.text.key, failure.text.values) };
}

export async function withViewer<S>(
  name: string,
  fail: (failure: ActionFailure) => S,
  fn: (viewer: Viewer) => Promise<S>,
  options: { activation?: boolean; enrolling?: boolean } = {},
): Promise<S> {
  const locale = await viewerLocale();
  const failWith = (failure: ActionFailure) => fail(inLanguage(failure, locale));
  try {
    const viewer = await getViewer();
    if (!viewer) return failWith(actionFailure("UNAUTHENTICATED", "UNAUTHENTICATED", true));
    if (viewer.mustChangePassword && !options.activation) {
      return failWith(actionFailure("FORBIDDEN", "MUST_CHANGE_PASSWORD", false));
    }
    if (
      !viewer.twoFactorEnabled &&
      !options.enrolling &&
      !options.activation &&
      (await secondFactorRoles()).includes(viewer.role)
    ) {
      return failWith(actionFailure("FORBIDDEN", "MUST_ENROL_SECOND_FACTOR", false));
    }
    return await fn(viewer);
  } catch (error) {
    // redirect() and notFound() work by throwing: let Next.js handle them.
    if (isNextControlFlow(error)) throw error;
    return failWith(failureOf(name, error));
  }
}

/** The rules a schema's messages stand for (lib/domain/wording.ts), worded with the catalogue's `dataErrors.<area>`. */
export interface ActionRules {
  area: string;
  /** The schema's rules, or the rule of one of its messages that carry their own figures (a field's name). */
  rules: SchemaRules | ((message: string) => Wording | undefined);
}

/** Each message's rule in the catalogue, or undefined when one of them names no rule. */
function ruleTexts({ area, rules }: ActionRules, messages: string[]): DataErrorText[] | undefined {
  const ruleOf = typeof rules === "function" ? rules : (message: string) => schemaWording(rules, message);
  const texts: DataErrorText[] = [];
  for (const message of messages) {
    const wording = ruleOf(message);
    if (!wording) return undefined;
    texts.push({ key: `dataErrors.${area}.${wording.rule}`, values: wording.values });
  }
  return texts;
}

/** The catalogue in the viewer's language: an action's own messages (its result). */
export async function viewerWords(): Promise<Words> {
  return wordsIn(await viewerLocale());
}

/**
 * withViewer with the action's input read through its zod schema first (formbricks' action client): `fn` gets the
 * parsed input, typed by z.infer. An input the schema refuses is an INVALID failure with the schema's messages
 * (joined), or `options.invalid` when the action answers every malformed request alike; messages that each name one
 * of `options.rules` are said in the viewer's language.
 */
export async function withInput<S, T extends z.ZodType>(
  name: string,
  schema: T,
  input: unknown,
  fail: (failure: ActionFailure) => S,
  fn: (viewer: Viewer, input: z.infer<T>) => Promise<S>,
  options: { activation?: boolean; enrolling?: boolean; invalid?: string; rules?: ActionRules } = {},
): Promise<S> {
  return withViewer(
    name,
    fail,
    async (viewer) => {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const messages = parsed.error.issues.map((i) => i.message);
        const message = options.invalid ?? messages.join("; ");
        const texts = options.rules && !options.invalid ? ruleTexts(options.rules, messages) : undefined;
        const locale = await viewerLocale();
        if (texts && texts.length > 1 && locale !== "vi") {
          // Several rules broken: each said in the viewer's language, joined as the Vietnamese messages are.
          const said = texts.map((text) => wordsIn(locale)(text.key, text.values)).join("; ");
          return fail({ code: "INVALID", message: said, retryable: false });
        }
        const text = texts?.length === 1 ? texts[0] : undefined;
        return fail(inLanguage({ code: "INVALID", message, retryable: false, text }, locale));
      }
      return fn(viewer, parsed.data);
    },
    options,
  );
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"))
  );
}
