// A static site: keys in browser code are public by design (they ship to every visitor), so names prove nothing.
export const firebase = { apiKey: 'k3J9xQ2mLp7vR4tW8zB6nY1cH5dF0gSa' };
export const analytics = { writeKey: 'Zq8Rt3Lm6Vx1Wp9Kn4Bc7Hy2Jd5Gf0Sa' };
