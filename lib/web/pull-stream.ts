/**
 * A Node stream handed to a web Response, pulled as the client reads (backpressure), in pieces of about 64 KB.
 * On Node 20, `Readable.toWeb()` was slow (about 85k CSV rows/s) and threw "Controller is already closed" when the
 * client went away; this adapter reads only when asked and tells the source when the client has gone.
 */
export function pullStream(
  source: AsyncIterable<Buffer | Uint8Array>,
  { head, onEnd, onCancel }: { head?: Uint8Array; onEnd?: (error?: Error) => void; onCancel: () => void },
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let sentHead = head === undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
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
            if (parts.length) controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
            controller.close();
            onEnd?.();
            return;
          }
          parts.push(value);
          size += value.length;
        }
        controller.enqueue(new Uint8Array(Buffer.concat(parts, size)));
      } catch (error) {
        onEnd?.(error as Error);
        controller.error(error);
      }
    },
    cancel() {
      onCancel();
    },
  });
}
