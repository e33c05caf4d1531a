export const adminToken = 'fixture-admin-token-1';
