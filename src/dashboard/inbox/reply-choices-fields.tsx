import type { Channel } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';

// Inside the reply form: "Agregar opciones" (one option per line; the channel's limits are
// checked when sending, see check-staff-choices.ts) and, when the tenant has services, the
// one-click "menú de servicios". The channel goes with the form so the limits checked are the
// ones send_human_choices confirms.
export function ReplyChoicesFields({ channel, t }: { channel: Channel; t: Messages }) {
  const c = t.choices;
  return (
    <>
      <input type="hidden" name="channel" value={channel} />
      <details className="rounded-lg border border-slate-200 px-3 py-2" data-testid="reply-options">
        <summary className={`cursor-pointer text-sm font-medium text-teal-800 ${ui.focus}`}>
          {c.addOptions}
        </summary>
        <div className="mt-2 space-y-3">
          <div>
            <label htmlFor="reply-choices" className={ui.label}>
              {c.optionsLabel}
            </label>
            <textarea
              id="reply-choices"
              name="choices"
              rows={3}
              className={ui.input}
              aria-describedby="reply-choices-help"
            />
            <p id="reply-choices-help" className={ui.help}>
              {c.optionsHelp[channel]}
            </p>
          </div>
          {channel === 'whatsapp' && (
            <div>
              <label htmlFor="reply-list-button" className={ui.label}>
                {c.listButtonLabel}
              </label>
              <input
                id="reply-list-button"
                name="listButton"
                className={ui.input}
                aria-describedby="reply-list-button-help"
              />
              <p id="reply-list-button-help" className={ui.help}>
                {c.listButtonHelp}
              </p>
            </div>
          )}
        </div>
      </details>
    </>
  );
}

/** Beside "Enviar": sends the services list; what was typed (optional) goes first. */
export function ServicesMenuButton({ t }: { t: Messages }) {
  return (
    <button
      type="submit"
      name="intent"
      value="services_menu"
      formNoValidate
      className={ui.buttonSecondary}
      title={t.choices.servicesMenuHelp}
      data-testid="services-menu"
    >
      {t.choices.servicesMenu}
    </button>
  );
}
