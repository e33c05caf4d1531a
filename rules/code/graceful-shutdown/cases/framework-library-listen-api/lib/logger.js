'use strict'
const pino = require('pino')
function getLogger (options) {
  return pino(options.logger)
}
module.exports = { getLogger }
