// Only variables the runtime, npm and CI provide: nothing to document.
const production = process.env.NODE_ENV === 'production';
const version = process.env.npm_package_version;
const inCi = Boolean(process.env.CI || process.env.GITHUB_ACTIONS);
