// Placeholders in comments are not code:
// const sessionSecret = 'your-secret-key-here';
/* adminToken: 'changeme-changeme' */
export const secret = process.env.SESSION_SECRET;
