// `env` defines build-time constants: the components read `process.env.cloudUrl`, which the deployer sets as CLOUD_URL.
const cloudUrl = process.env.CLOUD_URL || '';

export default {
  output: 'standalone',
  env: {
    cloudUrl,
    currentVersion: '1.0.0',
  },
};
