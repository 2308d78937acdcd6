/** The commune's note on the warnings it confirmed when it submitted, shown beside those warnings (issue 28). */
export function WarningNote({ note }: { note: string | null }) {
  if (!note) return null;
  return (
    <p className="mt-1 whitespace-pre-line text-sm" data-testid="warning-note">
      <span className="font-medium">Giải thích của xã, phường:</span> {note}
    </p>
  );
}
