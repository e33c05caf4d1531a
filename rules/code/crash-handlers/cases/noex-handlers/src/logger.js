module.exports = require('pino')();
