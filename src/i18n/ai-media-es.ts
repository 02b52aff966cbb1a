// The AI page's section about photos, PDFs and voice notes, and the voice-note transcript in the
// inbox, in Spanish.

export const aiMediaEs = {
  title: 'Fotos, documentos y notas de voz',
  intro:
    'La IA mira las fotos y los PDF que mandan tus clientes y lee lo que dicen sus notas de voz. Aquí decides cuánto le mandas y qué hace cuando no puede escuchar una nota de voz.',
  budget: 'Tamaño máximo de fotos y PDF por respuesta (MB)',
  budgetHelp:
    'Cada respuesta lleva las fotos y PDF más recientes hasta este tamaño; los anteriores se describen con palabras. Más tamaño = respuestas más caras. 0 = la IA no recibe archivos.',
  voiceTitle: 'Cuando llega una nota de voz sin transcripción',
  voiceAskToWrite: 'Pedir al cliente que escriba su mensaje',
  voiceHandOver: 'Pasar la conversación a una persona',
  voiceHelp:
    'Pasa cuando no está configurada la transcripción de notas de voz o cuando una nota no se pudo transcribir.',
  saved: 'Guardamos «Fotos, documentos y notas de voz».',
  transcript: 'Transcripción de la nota de voz',
  transcriptPending: 'Transcribiendo la nota de voz…',
  transcriptFailed: 'No pudimos transcribir esta nota de voz.',
};
