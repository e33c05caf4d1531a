// The example at the workspace root documents the variables of its services.
export const dbUrl = process.env.ORDERS_DB_URL;
