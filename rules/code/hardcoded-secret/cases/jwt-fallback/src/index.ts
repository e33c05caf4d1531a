import jwt from 'jsonwebtoken';

const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret-change-me-123';
//                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^ fallback

export function sign(payload: object) {
  return jwt.sign(payload, JWT_SECRET, { expiresIn: '15m' });
}
