/**
 * A Node stream handed to a web Response, pulled as the client reads (backpressure), in pieces of about 64 KB.
 * On Node 20, `Readable.toWeb()` was slow (about 85k CSV rows/s) and threw "Controller is already closed" when the
 * client went away; this adapter reads only when asked and tells the source when the client has gone.
 */
/**
 * A download whose client reads nothing for this long is ended, and whatever it holds (an export slot, a database
 * connection) is given back: a reader that stops reading cannot keep a slot for as long as its socket stays open
 * (issue 29). Mutable for tests.
 */
export const STALL = { ms: 60_000 };

export const STALL_MESSAGE = "Tải xuống bị dừng vì không có dữ liệu nào được nhận trong 60 giây. Vui lòng tải lại.";

export function pullStream(
  source: AsyncIterable<Buffer | Uint8Array>,
  { head, onEnd, onCancel }: { head?: Uint8Array; onEnd?: (error?: Error) => void; onCancel: () => void },
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let sentHead = head === undefined;
  let finished = false;
  let stallTimer: ReturnType<typeof setTimeout> | null = null;
  let stalled: ((error: Error) => void) | null = null;
  // Each pull is progress (the client took what was queued); no pull for STALL.ms after a piece was queued ends the
  // download.
  const watch = () => {
    if (stallTimer) clearTimeout(stallTimer);
    if (finished) return;
    stallTimer = setTimeout(() => {
      if (finished) return;
      finished = true;
      onCancel();
      stalled?.(new Error(STALL_MESSAGE));
    }, STALL.ms);
    stallTimer.unref?.();
  };
  const stop = () => {
    finished = true;
    if (stallTimer) clearTimeout(stallTimer);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      stalled = (error) => controller.error(error);
      watch();
    },
    async pull(controller) {
      if (finished) return;
      // Waiting for the source (a slow query) is not the client's stall: the clock runs only between pulls.
      if (stallTimer) clearTimeout(stallTimer);
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(head!);
      }
      const parts: Uint8Array[] = [];
      let size = 0;
      try {
        while (size < 65536) {
          const { value, done } = await iterator.next();
          if (done) {
            stop();
            if (parts.length) controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
            controller.close();
            onEnd?.();
            return;
          }
          if (finished) return; // ended meanwhile (stalled): the source is gone
          parts.push(value);
          size += value.length;
        }
        controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
        watch();
      } catch (error) {
        if (finished) return;
        stop();
        onEnd?.(error as Error);
        controller.error(error);
      }
    },
    cancel() {
      if (finished) return;
      stop();
      onCancel();
    },
  });
}
