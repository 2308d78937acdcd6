/**
 * The production server: Next.js behind the dashboards' page cache (lib/web/page-cache.ts).
 * `npm start` runs it (scripts/start.ts); `next start` would serve the same app without the cache.
 *
 * For a GET of a dashboard page by a signed-in user, it verifies the session cookie's signature and finds the session in
 * the database (lib/auth/session-cookie.ts: the same rules as better-auth) with the user's name, role, commune and
 * notice bell, reads the data_version counters the page depends on, and answers from memory when a reader of the same
 * scope (role and commune, lib/web/shared-page.ts) already received the same page for the same counters, with this
 * reader's name and bell filled into the header. Otherwise Next.js renders the page as usual (a shared render: the
 * personal parts are empty slots), streamed to the browser with this reader's parts filled in on the way, and the
 * bytes are kept. Everything else goes straight to Next.js. Responses say `X-Page-Cache: hit|stale|miss`.
 * `Cache-Control: no-cache` on a request bypasses the cache (the benchmark uses it to measure rendering).
 *
 * It is also the one place that knows the socket: every request reaches Next.js with the client's address in
 * CLIENT_ADDRESS_HEADER (lib/web/client-address.ts), set here after deleting whatever the client sent under that name,
 * and with `X-Forwarded-*` headers only when they come from a proxy named in TRUSTED_PROXIES.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import next from "next";
import { appBaseURL } from "@/lib/auth/origins";
import { cookieValue, sessionServable, signedSessionToken } from "@/lib/auth/session-cookie";
import { dataVersion, sessionByToken } from "@/lib/data/data-version";
import { SCHEDULED_JOBS, startElection } from "@/lib/data/leader";
import { readContext, withReadContext } from "@/lib/data/read-context";
import { drainMs } from "@/lib/web/shutdown";
import { WROTE_COOKIE, WROTE_COOKIE_MAX_AGE_S, parseWroteAt } from "@/lib/domain/read-routing";
import { HOME_PROVINCE } from "@/lib/domain/home-province";
import { LOCALE_COOKIE, resolveLocale } from "@/i18n/locale";
import { CLIENT_ADDRESS_HEADER, clientAddress, normaliseAddress, parseTrustedProxies } from "@/lib/web/client-address";
import { releaseAbortReasonStacks } from "@/lib/web/abort-reason-stack";
import { faultKind, faultPage, loggableUrl } from "@/lib/web/fault-page";
import { newNonce } from "@/lib/web/nonce";
import {
  AS_OF_HEADER,
  type CachedPage,
  FRESHNESS_MS,
  cacheableUrl,
  capturePage,
  createPageStore,
  pageScope,
  replayPage,
  vietnamDay,
  VersionedPageStore,
} from "@/lib/web/page-cache";
import { now } from "@/lib/clock";
import { publicVersion } from "@/lib/data/public-version";
import {
  PUBLIC_CACHE_CONTROL,
  etagMatches,
  isPublicCachePath,
  publicCacheKey,
  publicCacheUrl,
  publicETag,
} from "@/lib/web/public-cache";
import { withoutAppScripts } from "@/lib/web/public-html";
import {
  SHARED_RENDER_HEADER,
  SlotFiller,
  type SlotValues,
  WriteClock,
  fillSlots,
  renderedForScope,
  sharedPageSlot,
  slotValues,
  unreadOf,
  viewerScope,
} from "@/lib/web/shared-page";
import en from "@/messages/en.json";
import vi from "@/messages/vi.json";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const store = new VersionedPageStore(Number(process.env.PAGE_CACHE_MB ?? 64) * 2 ** 20);
/**
 * A background refresh is this server asking itself for the page again with the reader's own cookie: this header,
 * with a secret of this process, marks it (a client's value is deleted, see settleClientHeaders).
 */
const REFRESH_HEADER = "x-tracker-page-refresh";
const refreshSecret = randomBytes(16).toString("hex");
/** Pages being rendered now, by cache key: a request for one of them waits for it (single flight). */
const inflight = new Map<string, Promise<CachedPage | null>>();
/** Dashboard pages being rendered now, by slot (the newest render of each), with the counters and moment they read. */
const sharedInflight = new Map<
  string,
  { asOf: number; order: number; version: string; page: Promise<CachedPage | null> }
>();
/** When each user's last write was first seen here (read-your-writes on a page rendered at another reader's request). */
const writeClock = new WriteClock();

/** Registers a render of `key`; the function returned ends it (once) with the page kept, or null. */
function renderingNow(key: string): (page: CachedPage | null) => void {
  let settle: ((page: CachedPage | null) => void) | undefined;
  inflight.set(key, new Promise((resolve) => (settle = resolve)));
  return (page) => {
    if (!settle) return;
    inflight.delete(key);
    settle(page);
    settle = undefined;
  };
}
/** The public view's pages (lib/web/public-cache.ts): one store for every reader, apart from the dashboards'. */
const PUBLIC_CACHE_BYTES = Number(process.env.PUBLIC_CACHE_MB ?? 32) * 2 ** 20;
const publicStore = createPageStore(PUBLIC_CACHE_BYTES, PUBLIC_CACHE_BYTES);
/** This server instance, in the public pages' validators: a new build or start never matches an old ETag. */
const instance = randomBytes(6).toString("base64url");
const secret = process.env.BETTER_AUTH_SECRET ?? "";
const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
// better-auth names its cookie `__Secure-…` exactly when the app's address is https.
const secureCookie = appBaseURL().startsWith("https:");
// Tells lib/auth/sign-in.ts that CLIENT_ADDRESS_HEADER was set here (Next.js runs in this process).
process.env.TRACKER_SERVER = "1";

const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
];

/** Replaces what a client may claim about itself with what the socket (or a trusted proxy) says. */
function settleClientHeaders(req: http.IncomingMessage) {
  const socket = normaliseAddress(req.socket.remoteAddress);
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
  const viaProxy = !!socket && proxies.check(socket, socket.includes(":") ? "ipv6" : "ipv4");
  if (!viaProxy) for (const name of FORWARDED) delete req.headers[name];
  // Only this server says when a page's figures were read, and only it asks itself for a refresh.
  delete req.headers[AS_OF_HEADER];
  delete req.headers[SHARED_RENDER_HEADER];
  if (req.headers[REFRESH_HEADER] !== refreshSecret) delete req.headers[REFRESH_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  page: CachedPage,
  how: "hit" | "stale" = "hit",
  reader?: SlotValues,
) {
  const replayed = replayPage(page, newNonce());
  const headers = replayed.headers;
  const body = reader ? fillSlots(replayed.body, reader) : replayed.body;
  for (const [k, v] of headers) res.appendHeader(k, v);
  res.setHeader("X-Page-Cache", how);
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const payload = gzip ? gzipSync(body, { level: 4 }) : body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", payload.length);
  res.statusCode = page.status;
  res.end(payload);
}

/**
 * Lets Next.js write the response, keeping a copy of what it writes; `done` gets the copy when it ends. With a `filler`,
 * the browser gets the reader's personal parts in the slots of a shared render, and the copy keeps the empty slots.
 */
function tee(
  res: http.ServerResponse,
  done: (status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => void,
  filler?: SlotFiller,
) {
  const chunks: Buffer[] = [];
  let head: http.OutgoingHttpHeaders = {};
  const keep = (chunk: unknown, encoding?: unknown): Buffer | null => {
    if (chunk == null || typeof chunk === "function") return null;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    return buffer;
  };
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const extra = args.find((a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a));
    head = { ...(extra as http.OutgoingHttpHeaders | undefined) };
    if (filler) {
      // Filled slots change the length: the body goes out chunked.
      res.removeHeader("content-length");
      for (const k of Object.keys(extra ?? {}))
        if (k.toLowerCase() === "content-length") delete (extra as Record<string, unknown>)[k];
    }
    return writeHead(...args);
  }) as typeof res.writeHead;
  const callbackOf = (args: unknown[]) => args.find((a) => typeof a === "function") as (() => void) | undefined;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    const buffer = keep(args[0], args[1]);
    if (!filler || !buffer) return write(...args);
    const callback = callbackOf(args);
    return callback ? write(filler.push(buffer), callback) : write(filler.push(buffer));
  }) as typeof res.write;
  const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
  res.end = ((...args: unknown[]) => {
    const buffer = keep(args[0], args[1]);
    if (filler) {
      const rest = Buffer.concat([buffer ? filler.push(buffer) : Buffer.alloc(0), filler.end()]);
      const callback = callbackOf(args);
      args = callback ? [rest, callback] : [rest];
    }
    const result = end(...args);
    // A response cut short (the browser went away) is not a page.
    if (!res.destroyed) done(res.statusCode, { ...res.getHeaders(), ...head }, Buffer.concat(chunks));
    return result;
  }) as typeof res.end;
}

/** Asks this server for the page again as the same reader, once per slot at a time; the answer refreshes the slot. */
function refreshInBackground(slot: string, req: http.IncomingMessage) {
  const done = store.claimRefresh(slot);
  if (!done) return;
  const headers: http.OutgoingHttpHeaders = { [REFRESH_HEADER]: refreshSecret };
  for (const name of ["cookie", "accept-language", "user-agent"])
    if (req.headers[name]) headers[name] = req.headers[name];
  const ask = http.get(
    { host: host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host, port, path: req.url, headers, agent: false },
    (answer) => {
      answer.resume();
      answer.once("end", done);
      answer.once("error", done);
    },
  );
  ask.setTimeout(30_000, () => ask.destroy());
  ask.once("error", (error) => {
    done();
    console.error("[server] page refresh failed:", error.message);
  });
}

/**
 * A public response is the same for every reader: whatever Next.js says, it carries the public Cache-Control and the
 * validator, and never a cookie.
 */
function forcePublicHeaders(res: http.ServerResponse, etag: string | null) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => {
    const lower = name.toLowerCase();
    if (lower === "set-cookie") return res;
    if (lower === "cache-control") return setHeader(name, PUBLIC_CACHE_CONTROL);
    return setHeader(name, value);
  }) as typeof res.setHeader;
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    for (const a of args) {
      if (a && typeof a === "object" && !Array.isArray(a)) {
        for (const k of Object.keys(a)) {
          if (k.toLowerCase() === "set-cookie") delete (a as Record<string, unknown>)[k];
          if (k.toLowerCase() === "cache-control") (a as Record<string, unknown>)[k] = PUBLIC_CACHE_CONTROL;
        }
      }
    }
    res.removeHeader("set-cookie");
    return writeHead(...args);
  }) as typeof res.writeHead;
  setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  setHeader("Vary", "Accept-Encoding");
  if (etag) setHeader("ETag", etag);
}

/**
 * Where the memory is, in MB: V8's heap (by space), what lives outside it (Buffers), and the two page caches; then the
 * same after a full garbage collection (`live`): what the server holds, apart from garbage not yet collected.
 */
function memoryReport() {
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const usage = () => {
    const m = process.memoryUsage();
    return {
      rss: mb(m.rss),
      heapTotal: mb(m.heapTotal),
      heapUsed: mb(m.heapUsed),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
    };
  };
  const now = {
    ...usage(),
    spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_used_size)])),
    pageCache: mb(store.bytes),
    pageCacheEntries: store.size,
    publicCache: mb(publicStore.bytes),
  };
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
  return { ...now, live: usage() };
}

async function main() {
  // Every finished render otherwise kept the renders around it alive (lib/web/abort-reason-stack.ts).
  releaseAbortReasonStacks();
  // The configuration as the build resolved it (what Next.js's standalone server reads): without it Next.js compiles
  // next.config.ts again with SWC, whose native module then stays in the server's memory (about 27 MB of RSS).
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(
    (JSON.parse(readFileSync(path.join(root, ".next", "required-server-files.json"), "utf8")) as { config: unknown })
      .config,
  );
  const app = next({ dev: false, dir: root, hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const replica = !!process.env.DATABASE_READ_URL;
  // Read-your-writes with a replica (lib/domain/read-routing.ts): a request that writes reads the primary only, and
  // its response tells the browser when it saved; the user's next pages read the primary until the replica has
  // caught up past that moment. The moment is taken when the response starts: the write has committed by then.
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const writes = req.method !== "GET" && req.method !== "HEAD";
    if (replica && writes) {
      const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => http.ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) {
          res.appendHeader(
            "Set-Cookie",
            `${WROTE_COOKIE}=${Date.now()}; Path=/; Max-Age=${WROTE_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secureCookie ? "; Secure" : ""}`,
          );
        }
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    const wroteAt = replica ? parseWroteAt(cookieValue(req.headers.cookie, WROTE_COOKIE)) : null;
    return withReadContext({ wroteAt, primaryOnly: writes }, () => serveRequest(req, res));
  };

  const serveRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    settleClientHeaders(req);
    // Served over HTTPS (behind a proxy that terminates TLS, deploy/Caddyfile): browsers keep to HTTPS for a year.
    if (secureCookie) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    const url = new URL(req.url ?? "/", "http://localhost");
    if ((req.method === "GET" || req.method === "HEAD") && isPublicCachePath(url.pathname))
      return servePublic(req, res, url);
    const scope =
      req.method === "GET" && !req.headers.rsc && !url.searchParams.has("_rsc") ? pageScope(url.pathname) : null;
    // Keyed on the parameters the pages read; a request with any other parameter is rendered, never cached.
    const pageUrl = scope ? cacheableUrl(url.pathname, url.searchParams) : null;
    if (!scope || !pageUrl || /no-cache|no-store/.test(String(req.headers["cache-control"] ?? "")))
      return handle(req, res);
    // The session, checked in the database. Anything unusual (no or forged cookie, ended or disabled session, one
    // due for its sliding renewal) goes to Next.js, whose own check (better-auth) decides and renews.
    const token = secret ? signedSessionToken(req.headers.cookie, secret, secureCookie) : null;
    const [session, version] = token
      ? await Promise.all([sessionByToken(token), dataVersion(scope, HOME_PROVINCE)])
      : [null, ""];
    if (!session || !sessionServable(session, now())) return handle(req, res);
    // The page as every reader of this scope sees it (lib/web/shared-page.ts); this reader's own parts go in at the end.
    const audience = viewerScope(session);
    const locale = resolveLocale(cookieValue(req.headers.cookie, LOCALE_COOKIE));
    const slot = sharedPageSlot({ url: pageUrl, scope: audience, locale, day: vietnamDay(now()) });
    const reader = slotValues({
      name: session.name,
      roleLabel: ((locale === "en" ? en : vi).roles as Record<string, string>)[session.role] ?? session.role,
      userId: session.userId,
      unread: unreadOf(session.bell),
      unreadWord: (locale === "en" ? en : vi).nav.unread,
    });
    const refresh = req.headers[REFRESH_HEADER] === refreshSecret;
    const asOf = now().getTime();
    // This request's place in the server's sequence, and the reader's own last write as first seen here: a page whose
    // figures were read before that is not theirs to see.
    const order = writeClock.tick();
    const writeSeen = writeClock.observe(session.userId, session.lastWrite, order);
    if (!refresh) {
      const { freshness, kept } = store.lookup(slot, { version, lastWrite: "", writeSeen, now: asOf });
      if (freshness === "fresh") return send(req, res, kept!.page, "hit", reader);
      // With a replica, a reader who saved lately reads the primary: a page another reader's request rendered from
      // the replica may miss their save, so they get no stale page until the replica has caught up (wroteAt cookie).
      const pinned = replica && readContext()?.wroteAt != null;
      if (freshness === "stale" && !pinned) {
        // Changed data, but what this page misses is younger than the freshness bound and this reader has not
        // written since it was rendered: serve it, and let one render refresh the slot behind it.
        send(req, res, kept!.page, "stale", reader);
        refreshInBackground(slot, req);
        return;
      }
    }
    // The same page already being rendered for this scope (another reader, a second tab, a background refresh) is
    // waited for rather than rendered twice, when what it shows will do for this reader: its figures read after their
    // last write, and read under the current counters or, when it is done, younger than the freshness bound. If it
    // could not be kept (an error, a cut connection, another scope) or came too late, render as usual.
    const rendering = sharedInflight.get(slot);
    const current = rendering?.version === version;
    if (rendering && rendering.order >= writeSeen && (current || asOf - rendering.asOf < FRESHNESS_MS)) {
      const page = await rendering.page;
      if (res.destroyed) return;
      if (page && (current || now().getTime() - rendering.asOf < FRESHNESS_MS))
        return send(req, res, page, current ? "hit" : "stale", reader);
    }
    let settle: ((page: CachedPage | null) => void) | undefined;
    const entry = { asOf, order, version, page: new Promise<CachedPage | null>((resolve) => (settle = resolve)) };
    sharedInflight.set(slot, entry);
    const finish = (page: CachedPage | null) => {
      if (!settle) return;
      if (sharedInflight.get(slot) === entry) sharedInflight.delete(slot);
      settle(page);
      settle = undefined;
    };
    res.once("close", () => finish(null));
    // Rendered without compression so that the copy can be replayed with a new nonce.
    delete req.headers["accept-encoding"];
    // The page says when its figures were read (components/data-as-of.tsx): before the render reads anything.
    req.headers[AS_OF_HEADER] = String(asOf);
    // Personal parts as empty slots (components/page-slot.tsx), filled for this reader on the way out.
    req.headers[SHARED_RENDER_HEADER] = "1";
    res.setHeader("X-Page-Cache", "miss");
    tee(
      res,
      (status, headers, body) => {
        const page = capturePage(status, headers as Record<string, string | string[] | number | undefined>, body);
        // Kept only when the page says it was rendered for this very scope (a role or commune changed meanwhile is not).
        const kept = page && renderedForScope(body, audience) ? page : null;
        if (kept) store.set(slot, audience, { page: kept, version, lastWrite: "", asOf, order });
        finish(kept);
      },
      new SlotFiller(reader),
    );
    return handle(req, res);
  };

  /**
   * The public view: keyed by the public version and the URL only (no session, no language cookie), answered from
   * memory when kept, with `304 Not Modified` to a matching If-None-Match. Cookies are removed from the request: a
   * reader's cookie can neither change a public page nor reach one.
   */
  const servePublic = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    delete req.headers.cookie;
    delete req.headers.authorization;
    const pageUrl = publicCacheUrl(url.pathname, url.searchParams);
    const { version } = await publicVersion();
    const etag = pageUrl ? publicETag(instance, version, pageUrl) : null;
    if (etag && etagMatches(req.headers["if-none-match"], etag)) {
      forcePublicHeaders(res, etag);
      res.statusCode = 304;
      res.end();
      return;
    }
    if (!pageUrl || req.method !== "GET" || /no-cache|no-store/.test(String(req.headers["cache-control"] ?? ""))) {
      forcePublicHeaders(res, etag);
      return handle(req, res);
    }
    const key = publicCacheKey(version, pageUrl);
    // A kept page carries the headers it was rendered with (forced below): the public Cache-Control and its ETag.
    const hit = publicStore.get(key);
    if (hit) return send(req, res, hit);
    const rendering = inflight.get(key);
    if (rendering) {
      const page = await rendering;
      // A reader who went away while waiting costs no render: with a crowd, the renderer's client leaving would
      // otherwise start one render per waiter at once (seen in the 200-reader benchmark: every request timed out).
      if (res.destroyed) return;
      if (page) return send(req, res, page);
    }
    forcePublicHeaders(res, etag);
    const finish = rendering ? () => undefined : renderingNow(key);
    res.once("close", () => finish(null));
    delete req.headers["accept-encoding"];
    res.setHeader("X-Page-Cache", "miss");
    tee(res, (status, headers, body) => {
      // Kept without the application's scripts (lib/web/public-html.ts): a public page needs none. This first reader
      // got the page as Next.js wrote it, scripts and all; every later one gets it without.
      const html = body.subarray(0, 15).toString("latin1").toLowerCase() === "<!doctype html>";
      const kept = html ? Buffer.from(withoutAppScripts(body.toString("utf8"))) : body;
      const page = capturePage(status, headers as Record<string, string | string[] | number | undefined>, kept);
      if (page) publicStore.set(key, "public", page);
      finish(page);
    });
    return handle(req, res);
  };

  const server = http
    .createServer((req, res) => {
      serve(req, res).catch((error: unknown) => {
        // A page that says what happened and what to do (lib/web/fault-page.ts), with a reference found in this log.
        const reference = `R-${randomBytes(4).toString("hex").toUpperCase()}`;
        const kind = faultKind(error);
        console.error(`[server] reference ${reference} (${kind}) ${req.method} ${loggableUrl(req.url)}:`, error);
        if (!res.headersSent) {
          const page = faultPage(kind, reference, resolveLocale(cookieValue(req.headers.cookie, LOCALE_COOKIE)));
          res.statusCode = page.status;
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.setHeader("Cache-Control", "no-store");
          if (kind !== "error") res.setHeader("Retry-After", "60");
          res.end(page.html);
        }
      });
    })
    .listen(port, host, () => console.log(`[server] listening on http://${host}:${port}`));
  // Scheduled work (lib/data/leader.ts): every server takes part; the one holding the advisory lock runs it.
  if (process.env.DATABASE_URL && process.env.SCHEDULED_WORK !== "0")
    startElection(process.env.DATABASE_URL, SCHEDULED_JOBS, { now });
  // Stop taking connections and leave through process.exit, so that exit hooks (and --cpu-prof) run.
  // The requests in flight are answered first (lib/web/shutdown.ts: 3 s with the embedded database, 25 s with the
  // province's own), so that stopping one of several servers behind the proxy fails no request: the proxy sends new
  // ones to the others as soon as this one refuses connections.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), drainMs(!!process.env.TRACKER_DB_DIR)).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
  // `kill -USR2 <pid>`: one log line saying where this server's memory is (bench/soak.ts reads it).
  process.on("SIGUSR2", () => console.error(`[server] memory ${JSON.stringify(memoryReport())}`));
  // If scripts/start.ts is killed outright (kill -9), nobody is left to stop us or the embedded database: do it here,
  // the database with its fast, checkpointed shutdown.
  const parent = Number(process.env.TRACKER_PARENT_PID ?? 0);
  // The database's pid as it is now (the supervisor in scripts/start.ts may have restarted it).
  const databaseDir = process.env.TRACKER_DB_DIR;
  const databasePid = () => {
    if (!databaseDir) return 0;
    try {
      const pid = Number(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0]);
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres") ? pid : 0;
    } catch {
      return 0;
    }
  };
  if (parent > 0) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        console.error("[server] npm start is gone: stopping the server and its database");
        const database = databasePid();
        if (database > 0) {
          try {
            process.kill(database, "SIGINT");
          } catch {
            // already stopped
          }
        }
        stop();
      }
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  console.error("[server]", error);
  process.exit(1);
});
