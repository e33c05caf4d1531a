// Migrations and scripts run beside the service, by whoever runs them: not the service's configuration.
export const url = process.env.MIGRATION_DATABASE_URL;
