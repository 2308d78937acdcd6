import { useSyncExternalStore } from "react";

/** For useSyncExternalStore on a value that never changes after hydration: nothing to subscribe to. */
export const never = () => () => {};

/** false in the server's HTML and during hydration, true once the page is interactive: no effect, no second render. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
