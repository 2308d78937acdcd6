import { redirect } from "next/navigation";
import { connection } from "next/server";
import { requireViewer } from "@/lib/auth/viewer";

/** Where sign-in lands: a commune's own page (its months, what is due, returned reports first), the overview for others. */
export default async function HomePage() {
  await connection();
  const viewer = await requireViewer();
  redirect(viewer.role === "COMMUNE" ? "/entry" : "/");
}
