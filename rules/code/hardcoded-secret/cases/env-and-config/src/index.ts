// Secrets come from the environment or config; names, messages and lengths are not secrets.
import config from 'config';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';

startInspectorServer(universe, {
  sessionSecret: process.env.FORTISTATE_SESSION_SECRET, // Use strong secret!
  adminToken: process.env.ADMIN_TOKEN,
  apiKey: config.get('services.billing.apiKey'),
});

passport.use(new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, verify));

const TOKEN_STORAGE_KEY = 'auth_token';
const API_KEY_HEADER = 'x-api-key';
const messages = { password: 'Password is required.', token: 'Token has expired' };
const session = { tokenExpiresIn: '15m', secretName: 'prod/jwt-secret', PASSWORD_MIN_LENGTH: 12 };
const JWT_SECRET = process.env.JWT_SECRET ?? throwMissing('JWT_SECRET');
