import { getEnv } from '@/src/env';
import { getSystemStatus } from '@/src/system/get-system-status';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const env = getEnv();
  const status = await getSystemStatus();
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Inbox AI</h1>
      <p className="mt-2 text-slate-600">
        Mensajes de WhatsApp, Instagram, Messenger y TikTok, respondidos con IA en la voz de tu negocio.
      </p>
      <dl className="mt-8 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <dt className="text-slate-500">Modo</dt>
        <dd className="font-medium">{env.appMode === 'local' ? 'Local (demo)' : 'Producción'}</dd>
        <dt className="text-slate-500">Base de datos</dt>
        <dd className="font-medium">{status.database === 'ok' ? 'Conectada' : 'Sin conexión'}</dd>
        <dt className="text-slate-500">Migraciones aplicadas</dt>
        <dd className="font-medium">{status.migrations}</dd>
        <dt className="text-slate-500">Negocios</dt>
        <dd className="font-medium">{status.tenants}</dd>
        <dt className="text-slate-500">IA</dt>
        <dd className="font-medium">
          {env.ANTHROPIC_API_KEY ? 'Claude' : 'Respuestas sin conexión (sin ANTHROPIC_API_KEY)'}
        </dd>
      </dl>
    </main>
  );
}
