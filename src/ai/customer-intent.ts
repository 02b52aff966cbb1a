import { containsPhrase, normalizeText } from './normalize-text';

// Complaints and requests for a person, recognised without a model. They decide the intent of
// an offline or rule reply, and with it that the message never raises the lead's score
// (ai_record_reply drops positive signals for these intents): "quiero poner una queja" is not
// interest.
const complaintPhrases = [
  'queja',
  'quejarme',
  'reclamo',
  'reclamacion',
  'inconformidad',
  'pesimo servicio',
  'mal servicio',
  'me cobraron de mas',
  'reembolso',
  'devolucion de mi dinero',
  'profeco',
  'complaint',
  'refund',
];
const personPhrases = [
  'hablar con una persona',
  'hablar con alguien',
  'hablar con un humano',
  'una persona real',
  'un asesor',
  'una asesora',
  'un agente',
  'atencion humana',
  'talk to a person',
  'talk to someone',
  'human agent',
  'real person',
];

export type CustomerIntent = 'complaint' | 'human_request';

export function detectCustomerIntent(texts: string[]): CustomerIntent | null {
  const text = normalizeText(texts.join('\n'));
  if (complaintPhrases.some((phrase) => containsPhrase(text, phrase))) return 'complaint';
  if (personPhrases.some((phrase) => containsPhrase(text, phrase))) return 'human_request';
  return null;
}
