export const adminEmail = process.env.SEED_ADMIN_EMAIL;
