// A value made of words is still a literal secret when the key names the secret itself.
import { startInspectorServer } from 'fortistate';

startInspectorServer(universe, {
  port: 3456,
  sessionSecret: 'super-secret-session-key',
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
});
const JWT_SECRET = 'my-jwt-secret';
//                 ^^^^^^^^^^^^^^^ literal

// Storage keys, field mappings and OAuth parameter names that merely name a secret are not secrets.
const TOKEN_STORAGE_KEY = 'auth_token';
const columns = { password: 'password_hash', refreshToken: 'refresh_token', clientSecret: 'client_secret' };
export const secret = { name: 'app-secret', key: 'jwt' };
