/**
 * React's server renderer ends every render by aborting its cache signal with an Error ("This render completed
 * successfully…", react-server-dom, React 19.2), created inside a setImmediate callback. Until an Error's `stack` is
 * read, V8 keeps its frames (CallSiteInfo), receivers included: here the finished Immediate, whose `_idleNext` and
 * `_idlePrev` link it to the Immediates queued around it, each carrying the async context of another request (its
 * React request, its response, the page's bytes). Every finished render thus kept the ones around it alive: the
 * server's memory grew with every page served (954 MB after a 10-minute soak, bench/soak.ts; upstream:
 * vercel/next.js#84648, react PR #37289, which stops capturing that stack).
 *
 * Until React ships that, the server reads the `stack` of every Error given to AbortController.abort(): V8 then keeps
 * the formatted text in place of the frames, and the reason holds nothing else.
 */
export function releaseAbortReasonStacks(): void {
  const proto = AbortController.prototype as AbortController & { __stackReleased?: boolean };
  if (proto.__stackReleased) return;
  const abort = proto.abort;
  proto.abort = function (this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
  proto.__stackReleased = true;
}
