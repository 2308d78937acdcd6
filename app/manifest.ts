import type { MetadataRoute } from "next";

/** Installable month entry (web app manifest): opens on the commune's month list, works offline once visited. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Nhập số liệu tháng – Chính quyền 2 cấp Lai Châu",
    short_name: "Lai Châu 2 cấp",
    description: "Nhập báo cáo tháng của xã, phường tỉnh Lai Châu, kể cả khi mất kết nối.",
    lang: "vi",
    start_url: "/entry",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#8b1a1a",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
