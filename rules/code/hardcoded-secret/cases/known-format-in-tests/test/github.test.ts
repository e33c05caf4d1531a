// A name-based guess in a test is not reported; a token of a known format is: it has leaked all the same.
const password = 'hunter2-test-password';
const fakeSlack = 'xoxb-BOT-SECRET';
const client = { token: 'ghp_R8kT2mQ9vXc4LwN7bZp3YsJ6dHf1GaE5uK0o' };
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ knownFormat
export { password, fakeSlack, client };
