import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dossier", template: "%s · Dossier" },
  description: "AI model inventory and EU AI Act documentation",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // every page renders per request: its scripts carry the request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not
  await headers();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
