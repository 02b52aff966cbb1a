import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Inbox AI',
  description: 'Bandeja de entrada con IA para WhatsApp, Instagram, Messenger y TikTok',
  icons: { icon: [{ url: '/icon.svg', type: 'image/svg+xml' }], apple: '/apple-touch-icon.png' },
};

export const viewport: Viewport = { themeColor: '#0f766e' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, none at build time: Next.js can only put the request's
  // CSP nonce (proxy.ts) on the scripts of a page it renders for that request.
  await connection();
  return (
    <html lang="es">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
