// From gothinkster/node-express-realworld-example-app src/app/routes/auth/token.utils.ts
import * as jwt from 'jsonwebtoken';

const generateToken = ({ email, username }: any): string =>
  jwt.sign({ user: { email, username } }, process.env.JWT_SECRET || 'superSecret', {
//                                                                  ^^^^^^^^^^^^^ fallback
    expiresIn: '60d',
  });

export const verifyOptions = { secret: process.env.JWT_SECRET, issuer: process.env.JWT_ISSUER || 'conduit' };
export const cookieName = process.env.SESSION_COOKIE_NAME || 'conduit_session';

export default generateToken;
