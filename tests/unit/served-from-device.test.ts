import { describe, expect, it } from "vitest";
import { markServedFromDevice, servedFromDevice } from "@/lib/offline/served-from-device";

/** A root element as the browser gives it, read from the marked HTML. */
const root = (html: string) => ({
  getAttribute: (name: string) => new RegExp(`<html[^>]*\\s${name}="([^"]*)"`).exec(html)?.[1] ?? null,
});

describe("an entry page answered from the device (app/sw.ts)", () => {
  it("marks the page's root element, once, and leaves the rest of the page alone", () => {
    const page = '<!DOCTYPE html><html lang="vi"><head></head><body><p>&lt;html</p></body></html>';
    const marked = markServedFromDevice(page);
    expect(marked).toBe(
      '<!DOCTYPE html><html data-served-from="device" lang="vi"><head></head><body><p>&lt;html</p></body></html>',
    );
    expect(servedFromDevice(root(marked))).toBe(true);
    expect(servedFromDevice(root(page))).toBe(false);
  });
});
