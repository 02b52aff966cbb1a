import type { LabelKind } from '@/src/channels/message-labels';
import type { MessagingItem } from './messaging-webhook-schema';

// A `template` attachment (Messenger/Instagram messages webhook reference) described from its
// payload: a product the customer shared, a button template ("¿Confirmas tu cita?" + buttons),
// generic cards (a shared post or link preview: title, subtitle, link) or a media template.
// Each says its own words; none reads as "[Producto]" unless it is one.

type Attachment = NonNullable<NonNullable<MessagingItem['message']>['attachments']>[number];
type Payload = NonNullable<Attachment['payload']>;
type Element = NonNullable<Payload['elements']>[number];

const maxElements = 10;

export function templateKind(payload: Payload | undefined): { type: string; label: LabelKind } {
  switch (payload?.template_type) {
    case 'button':
      return { type: 'buttons', label: 'buttons' };
    case 'generic':
    case 'media':
      return { type: 'card', label: 'card' };
    case 'product':
      return { type: 'product', label: 'product' };
    default:
      // No template_type: a product share carries payload.product; anything else with cards is a card.
      return payload?.product || !payload?.elements
        ? { type: 'product', label: 'product' }
        : { type: 'card', label: 'card' };
  }
}

function elementLine(element: Element): string | undefined {
  const words = [element.title, element.subtitle]
    .map((word) => word?.trim())
    .filter(Boolean)
    .join(' ');
  const link = element.default_action?.url ?? element.buttons?.find((button) => button.url)?.url;
  return [words, link].filter(Boolean).join(' — ') || undefined;
}

/** "¿Confirmas? (Sí / No)", each card's "title subtitle — link", or the products' names. */
export function templateDetails(payload: Payload | undefined): Array<string | undefined> {
  if (!payload) return [];
  const elements = [...(payload.product?.elements ?? []), ...(payload.elements ?? [])].slice(0, maxElements);
  const buttons = (payload.buttons ?? []).map((button) => button.title?.trim()).filter(Boolean);
  const choices = buttons.length > 0 ? `(${buttons.join(' / ')})` : undefined;
  return [payload.text, choices, ...elements.map(elementLine)];
}

/** What is kept of a template next to the readable line (the CDN images expire; links do not). */
export function templateMedia(payload: Payload | undefined): Record<string, unknown> {
  if (!payload) return {};
  const products = payload.product?.elements;
  return {
    ...(payload.template_type ? { template_type: payload.template_type } : {}),
    ...(payload.text ? { template_text: payload.text } : {}),
    ...(payload.buttons ? { buttons: payload.buttons } : {}),
    ...(payload.elements ? { elements: payload.elements.slice(0, maxElements) } : {}),
    ...(products ? { products } : {}),
  };
}
