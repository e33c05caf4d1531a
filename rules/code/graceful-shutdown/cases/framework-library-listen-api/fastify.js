'use strict'

const http = require('http')
const https = require('https')
const { getLogger } = require('./lib/logger')

function build (options) {
  options = options || {}
  const log = getLogger(options)
  const fastify = { listen }
  var listening = false
  var server
  if (options.https) {
    server = https.createServer(options.https, httpHandler)
  } else {
    server = http.createServer(httpHandler)
  }

  function httpHandler (req, res) {
    res.end()
  }

  function listen (port, address, cb) {
    if (typeof address === 'function') {
      cb = address
      address = undefined
    }
    address = address || '127.0.0.1'

    if (cb === undefined) {
      return new Promise((resolve, reject) => {
        fastify.listen(port, address, err => {
          if (err) {
            reject(err)
          } else {
            resolve()
          }
        })
      })
    }

    server.on('error', wrap)
    server.listen(port, address, wrap)
    listening = true

    function wrap (err) {
      if (!err) log.info('Server listening')
      server.removeListener('error', wrap)
      cb(err)
    }
  }

  return fastify
}

module.exports = build
