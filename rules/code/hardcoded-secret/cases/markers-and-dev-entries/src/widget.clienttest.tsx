// A test of the browser build (`*.clienttest.tsx`): fixtures, not secrets.
export const webhookSecret = 'wh-test-fixture-1234';
