// Accounts: email links, setting and resetting a password, in Spanish.

export const accountEs = {
  linkBrowser: 'Abre el enlace en el mismo navegador donde lo pediste, o pide uno nuevo desde aquí.',
  forgotLink: '¿Olvidaste tu contraseña?',
  resetTitle: 'Recuperar la contraseña',
  resetIntro: 'Escribe tu correo y te enviaremos un enlace para elegir una contraseña nueva.',
  resetButton: 'Enviarme el enlace',
  resetSent: 'Si el correo tiene una cuenta, te llegará un enlace. Ábrelo en este mismo navegador.',
  setTitleInvite: 'Elige tu contraseña',
  setTitleReset: 'Elige una contraseña nueva',
  setIntro: (email: string) => `Para la cuenta ${email}. Al menos 10 caracteres.`,
  password: 'Contraseña nueva',
  confirm: 'Repite la contraseña',
  save: 'Guardar contraseña',
  mismatch: 'La contraseña debe tener al menos 10 caracteres y escribirse igual dos veces.',
  weak: 'Esa contraseña es demasiado fácil de adivinar. Elige otra más larga.',
  expired: 'El enlace ya no es válido. Pide uno nuevo.',
  backToLogin: 'Volver a iniciar sesión',
};

export type AccountMessages = typeof accountEs;
