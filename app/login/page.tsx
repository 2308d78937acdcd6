import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Đăng nhập" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getViewer()) redirect("/");
  const { next } = await searchParams;
  return (
    <div className="mx-auto mt-8 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-bold">Đăng nhập</h1>
      <p className="mb-4 text-sm text-slate-700">
        Hệ thống theo dõi hoạt động chính quyền địa phương 2 cấp tỉnh Lai Châu.
      </p>
      <LoginForm next={next ?? null} />
    </div>
  );
}
