/**
 * /api/v1's errors in the language of the browser session that asked (the export page shows a download's error), and
 * in Vietnamese for a personal token or a request without the language cookie, as the README documents the API.
 */
import { describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE, UNAUTHENTICATED, apiFailure, apiLocale, apiMessage } from "@/lib/auth/api";
import { DataError, FORBIDDEN_MESSAGE } from "@/lib/data/errors";
import { wordsIn } from "@/i18n/words";

const URL_ = "http://tracker.test/api/v1/export.csv";
const english = new Request(URL_, { headers: { cookie: "a=1; NEXT_LOCALE=en" } });
const token = new Request(URL_, { headers: { cookie: "NEXT_LOCALE=en", authorization: "Bearer abc" } });
const plain = new Request(URL_);

describe("the API's errors", () => {
  it("follow a browser session's language, and stay Vietnamese for a token or no cookie", () => {
    expect([apiLocale(english), apiLocale(token), apiLocale(plain)]).toEqual(["en", "vi", "vi"]);
    expect(apiMessage(plain, "UNAUTHENTICATED")).toBe(UNAUTHENTICATED);
    expect(apiMessage(token, "UNAVAILABLE")).toBe(DATABASE_UNAVAILABLE);
    expect(apiMessage(english, "UNAUTHENTICATED")).toBe("Not signed in, or the access token is not valid.");
  });

  it("say a refusal of the data layer in the session's language", async () => {
    const refusal = () => new DataError("FORBIDDEN", { key: "forbidden" });
    const en = apiFailure("test", refusal(), english);
    expect(en.status).toBe(403);
    expect(await en.json()).toEqual({ error: wordsIn("en")("dataErrors.forbidden") });
    expect(await apiFailure("test", refusal(), token).json()).toEqual({ error: FORBIDDEN_MESSAGE });
    expect(await apiFailure("test", refusal()).json()).toEqual({ error: FORBIDDEN_MESSAGE });
    expect(wordsIn("en")("dataErrors.forbidden")).not.toBe(FORBIDDEN_MESSAGE);
  });
});
