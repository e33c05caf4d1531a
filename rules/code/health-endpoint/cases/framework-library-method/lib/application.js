'use strict'

const debug = require('debug')('koa:application')
const http = require('http')
const Emitter = require('events')

module.exports = class Application extends Emitter {
  constructor (options) {
    super()
    this.middleware = []
  }

  listen (...args) {
    debug('listen')
    const server = http.createServer(this.callback())
    return server.listen(...args)
  }

  callback () {
    return (req, res) => res.end()
  }
}
