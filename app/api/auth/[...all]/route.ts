import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/server";

export const dynamic = "force-dynamic";

const handler = (request: Request) => toNextJsHandler(auth().handler).POST(request);
const getHandler = (request: Request) => toNextJsHandler(auth().handler).GET(request);

export { getHandler as GET, handler as POST };
