// A logger of the service's own: JSON records with a time, a level and a message, one per line.
function log(level, msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}
module.exports = { info: (m, f) => log('info', m, f), error: (m, f) => log('error', m, f) };
