/**
 * Dashboard pages kept once for every reader who would see the same page (issue 24), not once per user.
 *
 * What a dashboard shows depends on the data (the data_version counters), the URL, the language, the day and what the
 * data layer lets the viewer see: their role and commune (`viewerScope`). The header also shows the person: their name,
 * their notice bell's count, and the sign-out button knows their id. scripts/server.ts asks Next.js for a *shared
 * render* (SHARED_RENDER_HEADER) in which those personal parts are empty slots (components/page-slot.tsx):
 * `<span data-tracker-slot="user-id"></span>`; the page is kept under the scope's key, and every answer,
 * the first one included, has the slots filled with the reader's own parts (`SlotFiller`, `fillSlots`). The slots are
 * filled in the HTML only: in the React payload they stay empty, and React leaves an element's differing text alone
 * when hydrating it with `suppressHydrationWarning`.
 *
 * Why a page's data cannot fill a slot or fake one: the slot's literal `<span …>` exists in the HTML only where React
 * rendered that element (any text of the data is escaped, `<` included; the payload's scripts escape `<` as \u003c).
 * Why a page cannot reach a reader of another scope: its key holds the scope, and the server keeps a shared render only
 * when the page says it was rendered for that very scope (`SCOPE_ATTR`, `renderedForScope`): a role or commune changed
 * between the server's look-up and the render is not kept.
 *
 * Pure module: no Next.js, no database.
 */
import { LRUCache } from "lru-cache";
import { UNREAD_CAP, bellCountText } from "@/lib/domain/notices";

/** The request header by which scripts/server.ts asks for a shared render (a client's own value is deleted). */
export const SHARED_RENDER_HEADER = "x-tracker-shared-render";

/** What of the viewer a dashboard page depends on besides the data: the same four values, the same page. */
export interface ScopeFacts {
  role: string;
  orgUnitId: number | null;
  /** Signed in on an activation code: no menu, every page leads to /activate. */
  mustChangePassword: boolean;
  /** Enrolled in a second factor (a role that requires one is sent to /profile without it). */
  twoFactorEnabled: boolean;
}

export function viewerScope(v: ScopeFacts): string {
  return [v.role, v.orgUnitId ?? "-", v.mustChangePassword ? 1 : 0, v.twoFactorEnabled ? 1 : 0].join(":");
}

export interface SharedKeyParts {
  url: string;
  scope: string;
  locale: string;
  day: string;
}

/** The slot of a shared page (lib/web/page-cache.ts VersionedPageStore): everything but the data version. */
export function sharedPageSlot(p: SharedKeyParts): string {
  return JSON.stringify(["shared", p.scope, p.locale, p.day, p.url]);
}

/** The attribute on the hidden element by which a shared render says for which scope it was rendered. */
export const SCOPE_ATTR = "data-tracker-scope";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
}

/** Whether the HTML says it was rendered for `scope`, and for nothing else (exactly one scope marker). */
export function renderedForScope(html: Buffer, scope: string): boolean {
  const marker = Buffer.from(`${SCOPE_ATTR}="`);
  const first = html.indexOf(marker);
  if (first === -1 || html.indexOf(marker, first + 1) !== -1) return false;
  const expected = Buffer.from(`${escapeHtml(scope)}"`);
  return html.subarray(first + marker.length, first + marker.length + expected.length).equals(expected);
}

/** The personal parts of the header, as slots. */
export const SLOT_NAMES = ["name", "user-id", "bell"] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/**
 * Each slot's element, as components/page-slot.tsx renders it: the name slot is the header's `user-name` (the name and
 * the role, as before); the bell's count slot has `display: contents`, so that it adds no box to the bell's flex row.
 */
export const SLOT_ATTRIBUTES: Record<SlotName, { className?: string; testId?: string }> = {
  name: { testId: "user-name" },
  "user-id": {},
  bell: { className: "contents" },
};

/** A slot as a shared render writes it, empty: what React renders for components/page-slot.tsx. */
export function emptySlot(name: SlotName): string {
  const { className, testId } = SLOT_ATTRIBUTES[name];
  const attributes = `${className ? ` class="${className}"` : ""}${testId ? ` data-testid="${testId}"` : ""}`;
  return `<span data-tracker-slot="${name}"${attributes}></span>`;
}

/** The classes of the bell's count (components/notice-bell.tsx renders the same element). */
export const NOTICE_COUNT_CLASS = "rounded-full bg-amber-300 px-1.5 text-xs font-bold leading-5 text-slate-900";

/** The bell's count as components/notice-bell.tsx renders it, or nothing without unread notices. */
export function noticeCountHtml(unread: number, unreadWord: string): string {
  if (!(unread > 0)) return "";
  const count = escapeHtml(bellCountText(Math.min(unread, UNREAD_CAP)));
  return `<span class="${NOTICE_COUNT_CLASS}" data-testid="notice-count">${count}<span class="sr-only"> ${escapeHtml(unreadWord)}</span></span>`;
}

/** The unread count of a bell state "<newest notice id>:<unread>" (lib/data/notice-scope.ts). */
export function unreadOf(bell: string): number {
  const n = Number(bell.split(":")[1]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** One reader's parts: the HTML that goes into each slot (already escaped). */
export type SlotValues = Record<SlotName, string>;

export function slotValues(person: {
  name: string;
  roleLabel: string;
  userId: string;
  unread: number;
  unreadWord: string;
}): SlotValues {
  return {
    // As components/user-menu.tsx renders it (React's <!-- --> between neighbouring texts included).
    name: `${escapeHtml(person.name)}<!-- --> <span class="text-white/80">(<!-- -->${escapeHtml(person.roleLabel)}<!-- -->)</span>`,
    "user-id": escapeHtml(person.userId),
    bell: noticeCountHtml(person.unread, person.unreadWord),
  };
}

const EMPTY = SLOT_NAMES.map((name) => ({ name, empty: Buffer.from(emptySlot(name)) }));
const PREFIX = Buffer.from(`<span data-tracker-slot="`);
const LONGEST = Math.max(...EMPTY.map((e) => e.empty.length));

/**
 * Fills the empty slots of an HTML stream as it passes, chunk by chunk: a chunk's end that may be the beginning of a
 * slot is held back until the next chunk (or the end) says.
 */
export class SlotFiller {
  private carry = Buffer.alloc(0);
  private readonly filled: { empty: Buffer; full: Buffer }[];

  constructor(values: SlotValues) {
    this.filled = EMPTY.map(({ name, empty }) => ({
      empty,
      full: Buffer.from(`${emptySlot(name).slice(0, -"</span>".length)}${values[name]}</span>`),
    }));
  }

  push(chunk: Buffer): Buffer {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const out: Buffer[] = [];
    let from = 0;
    let keep = data.length;
    for (let at = data.indexOf(PREFIX, from); at !== -1; at = data.indexOf(PREFIX, from)) {
      const slot = this.filled.find((f) => data.subarray(at, at + f.empty.length).equals(f.empty));
      if (slot) {
        out.push(data.subarray(from, at), slot.full);
        from = at + slot.empty.length;
      } else if (data.length - at < LONGEST) {
        keep = at; // maybe a slot cut by the chunk's end: decided with the next chunk
        break;
      } else {
        out.push(data.subarray(from, at + PREFIX.length));
        from = at + PREFIX.length;
      }
    }
    // The chunk may end inside the prefix itself (it has one "<", its first byte): hold back from there.
    const lt = data.lastIndexOf(0x3c);
    if (keep === data.length && lt >= from && data.length - lt < PREFIX.length) {
      const tail = data.subarray(lt);
      if (tail.equals(PREFIX.subarray(0, tail.length))) keep = lt;
    }
    out.push(data.subarray(from, keep));
    this.carry = Buffer.from(data.subarray(keep));
    return Buffer.concat(out);
  }

  /** What was held back, at the end of the stream. */
  end(): Buffer {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return rest;
  }
}

/** A whole page with its slots filled. */
export function fillSlots(html: Buffer, values: SlotValues): Buffer {
  const filler = new SlotFiller(values);
  return Buffer.concat([filler.push(html), filler.end()]);
}

/**
 * When this server first saw each user's current last write (their newest audit id, lib/data/data-version.ts), as a
 * tick of this process's own sequence: the write had committed by then, so a page rendered by a request that took its
 * tick afterwards (`tick()`, taken before the render reads anything) shows it. Read-your-writes on a page another
 * reader's request rendered. A sequence rather than the clock: two requests in the same millisecond are still ordered.
 * A user never seen, or forgotten, counts as having written just now: at worst one render more. A user who never wrote
 * ("0") has nothing to see.
 */
export class WriteClock {
  private readonly seen: LRUCache<string, { mark: string; tick: number }>;
  private ticks = 0;

  constructor(max = 20_000) {
    this.seen = new LRUCache({ max });
  }

  /** The next tick of the sequence. */
  tick(): number {
    return ++this.ticks;
  }

  /** The tick at which the user's `mark` (last write) was first seen, given that it is seen at `tick` now; 0 for none. */
  observe(userId: string, mark: string, tick: number): number {
    if (mark === "0" || mark === "") return 0;
    const known = this.seen.get(userId);
    if (known && known.mark === mark) return known.tick;
    this.seen.set(userId, { mark, tick });
    return tick;
  }
}
