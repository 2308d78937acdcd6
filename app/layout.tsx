import type { Metadata } from "next";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/user-menu";
import { WorkflowNav } from "@/components/workflow-nav";
import { getViewer } from "@/lib/auth/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Theo dõi chính quyền địa phương 2 cấp – Lai Châu", template: "%s · Lai Châu 2 cấp" },
  description: "Theo dõi hằng tháng hoạt động của 38 xã, phường tỉnh Lai Châu sau sắp xếp đơn vị hành chính 2025.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="vi">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Bỏ qua điều hướng
        </a>
        <header className="bg-brand-800 text-white print:hidden">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <a href="/" className="font-semibold text-white no-underline">
              Lai Châu · Chính quyền 2 cấp
            </a>
            {viewer && <WorkflowNav viewer={viewer} />}
            {viewer && <UserMenu viewer={viewer} />}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
