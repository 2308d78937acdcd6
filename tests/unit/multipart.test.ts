import { describe, expect, it } from "vitest";
import {
  actionBodyProblem,
  actionBodyProblemInChunks,
  boundaryOf,
  jsonDepth,
  partHeadersHaveControl,
} from "@/lib/web/multipart";

const body = (fileName: string) =>
  Buffer.from(
    `--XyZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncommit\r\n` +
      `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\na,b\r\n\u0000x\r\n--XyZ--\r\n`,
    "utf8",
  );

describe("multipart part headers (attack 11: a NUL in an upload's file name)", () => {
  it("reads the boundary", () => {
    expect(boundaryOf("multipart/form-data; boundary=XyZ")).toBe("XyZ");
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(boundaryOf("application/json")).toBeNull();
  });

  it("finds a control character in a part header, not in the file's content", () => {
    expect(partHeadersHaveControl(body("thu.csv"), "XyZ")).toBe(false);
    expect(partHeadersHaveControl(body("bad\u0000name.csv"), "XyZ")).toBe(true);
    expect(partHeadersHaveControl(body("tab\u0001.csv"), "XyZ")).toBe(true);
  });
});

describe("server action bodies Next.js's decoder fails on (issue 29: remaining 500s)", () => {
  it("refuses a multipart body without its closing delimiter, and JSON that does not parse or nests too deep", () => {
    expect(actionBodyProblem("multipart/form-data; boundary=XyZ", body("thu.csv"))).toBeNull();
    expect(
      actionBodyProblem(
        "multipart/form-data; boundary=XyZ",
        Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'),
      ),
    ).toBe("no closing delimiter");
    expect(actionBodyProblem("multipart/form-data", Buffer.from("garbage"))).toBe("no boundary");
    expect(actionBodyProblem("text/plain;charset=UTF-8", Buffer.from('[{"period":"2026-11","values":{}}]'))).toBeNull();
    expect(actionBodyProblem("text/plain;charset=UTF-8", Buffer.from("{not json"))).toBe("not JSON");
    expect(actionBodyProblem("text/plain;charset=UTF-8", Buffer.from("[".repeat(100_000) + "]".repeat(100_000)))).toBe(
      "nested too deep",
    );
    expect(jsonDepth('["[[[", {"a": [1]}]')).toBe(3);
  });
});

describe("the same checks on a body kept in the chunks it arrived in", () => {
  const split = (b: Buffer, size: number) =>
    Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));
  it("finds a control character in a part header split across chunks, and a missing closing delimiter", () => {
    for (const size of [1, 7, 64, 100_000]) {
      expect(
        actionBodyProblemInChunks("multipart/form-data; boundary=XyZ", split(body("thu.csv"), size)),
        String(size),
      ).toBeNull();
      expect(
        actionBodyProblemInChunks("multipart/form-data; boundary=XyZ", split(body("bad\u0000name.csv"), size)),
        String(size),
      ).toBe("control character in a part header");
      expect(
        actionBodyProblemInChunks("multipart/form-data; boundary=XyZ", split(body("thu.csv").subarray(0, -9), size)),
        String(size),
      ).toBe("no closing delimiter");
    }
    expect(actionBodyProblemInChunks("text/plain", [Buffer.from("[1,"), Buffer.from("2]")])).toBeNull();
  });
});
