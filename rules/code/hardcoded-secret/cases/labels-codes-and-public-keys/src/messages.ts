// Translations and UI labels under secret-like keys.
export const messages = {
  password: 'Password',
  set_password: 'Set password',
  new_password: 'Новый пароль',
  secret_key: 'Tajny klucz',
  password_expiration_reset: 'Passwort zurücksetzen',
  application_secret_other: 'Application secrets',
  apiKeys: 'Chiavi API',
  confirmPassword: 'Palavra-passe',
  tokens: '{{limit}}M tokens',
};
