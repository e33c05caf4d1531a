// Reading the flag only to refuse it in production is the fix, not the problem.
if (process.env.SKIP_VALIDATION === 'true' && process.env.NODE_ENV === 'production') {
  throw new Error('SKIP_VALIDATION must not be set in production');
}

constraints.set('user', [
  { name: 'security-check', check: (state) => validateSecurity(state) },
]);
