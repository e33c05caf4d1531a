export const config = {
  inspector: { enabled: process.env.INSPECTOR_ENABLED === 'true', port: Number(process.env.INSPECTOR_PORT ?? 3456) },
};
