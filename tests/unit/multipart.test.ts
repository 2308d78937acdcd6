import { describe, expect, it } from "vitest";
import { boundaryOf, partHeadersHaveControl } from "@/lib/web/multipart";

const body = (fileName: string) => Buffer.from(
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
