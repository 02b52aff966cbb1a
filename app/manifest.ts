import type { MetadataRoute } from 'next';

// Staff install the dashboard on a phone's home screen (issue 18): it opens on the business
// picker, full screen, in our colours.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Inbox AI',
    short_name: 'Inbox AI',
    description: 'Bandeja de entrada con IA para WhatsApp, Instagram, Messenger y TikTok',
    lang: 'es',
    start_url: '/t',
    scope: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#0f766e',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
