// The files customers send, as the conversation shows them.

export const mediaInEs = {
  loading: 'Cargando archivo…',
  unavailable: (reason: string) => `Archivo no disponible: ${reason}`,
  openFull: 'Ver en tamaño completo',
  imageAlt: (kind: string) => `${kind} enviada por el cliente`,
  image: 'Imagen',
  sticker: 'Sticker',
  document: 'Documento',
  download: 'Descargar',
  noAudio: 'Tu navegador no puede reproducir este audio.',
  noVideo: 'Tu navegador no puede reproducir este video.',
  size: (text: string) => `(${text})`,
};
