
// A keyless local backend is given a word as its API key: an issued token is never a word someone chose.
export const ollama = { apiKey: process.env.OLLAMA_AUTH_TOKEN || 'ollama' };
// A session secret that is a word is a weak secret all the same.
export const session = process.env.SESSION_SECRET || 'keyboardcat';
//                                                   ^^^^^^^^^^^^^ fallback
// A word chosen as an admin token is a weak secret, not a keyless backend's dummy.
export const admin = process.env.ADMIN_API_TOKEN || 'letmeinplease';
//                                                  ^^^^^^^^^^^^^^^ fallback
