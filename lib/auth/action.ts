/**
 * The one way in for server actions (as formbricks' authenticated action client): reads the session INSIDE the error
 * handling, so a database outage during that read is an answer, not an error page; maps the data layer's expected
 * refusals (DataError) to their Vietnamese message, a database outage to "try again, your work is kept", and anything
 * else to a generic message plus a log line. Each action turns the failure into its own state shape with `fail`.
 */
import type { z } from "zod";
import { DataError, type DataErrorCode } from "@/lib/data/errors";
import { isDatabaseUnavailable, isDiskFull } from "@/lib/data/unavailable";
import { secondFactorRoles } from "@/lib/data/two-factor";
import { type Viewer, getViewer } from "./viewer";

export type ActionFailureCode = DataErrorCode | "UNAUTHENTICATED" | "UNAVAILABLE" | "DISK_FULL" | "UNEXPECTED";

export interface ActionFailure {
  code: ActionFailureCode;
  message: string;
  /** The same request may succeed later unchanged (database back, signed in again). */
  retryable: boolean;
  /** The data layer's refusal, for actions that show its details (field errors, conflict). */
  dataError?: DataError;
}

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
  if (error instanceof DataError)
    return { code: error.code, message: error.message, retryable: false, dataError: error };
  if (isDiskFull(error)) {
    console.error(`${name}: the server's disk is full`, error instanceof Error ? error.message : error);
    return { code: "DISK_FULL", message: ACTION_MESSAGES.DISK_FULL, retryable: true };
  }
  if (isDatabaseUnavailable(error)) {
    console.warn(`${name}: database unavailable`, error instanceof Error ? error.message : error);
    return { code: "UNAVAILABLE", message: ACTION_MESSAGES.UNAVAILABLE, retryable: true };
  }
  console.error(name, error);
  return { code: "UNEXPECTED", message: ACTION_MESSAGES.UNEXPECTED, retryable: true };
}

export async function withViewer<S>(
  name: string,
  fail: (failure: ActionFailure) => S,
  fn: (viewer: Viewer) => Promise<S>,
  options: { activation?: boolean; enrolling?: boolean } = {},
): Promise<S> {
  try {
    const viewer = await getViewer();
    if (!viewer) return fail({ code: "UNAUTHENTICATED", message: ACTION_MESSAGES.UNAUTHENTICATED, retryable: true });
    if (viewer.mustChangePassword && !options.activation) {
      return fail({ code: "FORBIDDEN", message: ACTION_MESSAGES.MUST_CHANGE_PASSWORD, retryable: false });
    }
    if (
      !viewer.twoFactorEnabled &&
      !options.enrolling &&
      !options.activation &&
      (await secondFactorRoles()).includes(viewer.role)
    ) {
      return fail({ code: "FORBIDDEN", message: ACTION_MESSAGES.MUST_ENROL_SECOND_FACTOR, retryable: false });
    }
    return await fn(viewer);
  } catch (error) {
    // redirect() and notFound() work by throwing: let Next.js handle them.
    if (isNextControlFlow(error)) throw error;
    return fail(failureOf(name, error));
  }
}

/**
 * withViewer with the action's input read through its zod schema first (formbricks' action client): `fn` gets the
 * parsed input, typed by z.infer. An input the schema refuses is an INVALID failure with the schema's messages
 * (joined), or `options.invalid` when the action answers every malformed request alike.
 */
export async function withInput<S, T extends z.ZodType>(
  name: string,
  schema: T,
  input: unknown,
  fail: (failure: ActionFailure) => S,
  fn: (viewer: Viewer, input: z.infer<T>) => Promise<S>,
  options: { activation?: boolean; enrolling?: boolean; invalid?: string } = {},
): Promise<S> {
  return withViewer(
    name,
    fail,
    async (viewer) => {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const message = options.invalid ?? parsed.error.issues.map((i) => i.message).join("; ");
        return fail({ code: "INVALID", message, retryable: false });
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
