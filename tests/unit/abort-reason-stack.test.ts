import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseAbortReasonStacks } from "@/lib/web/abort-reason-stack";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** An object that is the receiver of a frame in the stack of the Error it makes (as the Immediate is for React's). */
class Receiver {
  readonly bytes = new Uint8Array(1 << 20);
  reason(): Error {
    return new Error("This render completed successfully.");
  }
}

/** Aborts a controller (kept alive, as React's request keeps its own) with an Error made by a receiver dropped after. */
function abortWithReceiverError(): { controller: AbortController; receiver: WeakRef<Receiver> } {
  const receiver = new Receiver();
  const controller = new AbortController();
  controller.abort(receiver.reason());
  return { controller, receiver: new WeakRef(receiver) };
}

describe("an abort reason's stack (lib/web/abort-reason-stack.ts)", () => {
  it("keeps nothing of its frames alive once given to AbortController.abort, and still reads as before", async () => {
    releaseAbortReasonStacks();
    const { controller, receiver } = abortWithReceiverError();
    // A WeakRef keeps its target until the end of the job that made it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(receiver.deref()).toBeUndefined();
    const reason = controller.signal.reason as Error;
    expect(reason.message).toBe("This render completed successfully.");
    expect(reason.stack).toContain("Receiver.reason");
  });
});
