// Logins arrive as socket.io events, and a token-bucket limiter package guards them: a rate limit, not an HTTP middleware.
const express = require('express');
const { createServer } = require('node:http');
const { Server } = require('socket.io');
const { RateLimiter } = require('limiter-es6-compat');

const loginLimiter = new RateLimiter({ tokensPerInterval: 20, interval: 'minute', fireImmediately: true });
const app = express();
const server = createServer(app);
const io = new Server(server);
io.on('connection', (socket) => {
  socket.on('login', async (data, callback) => {
    if ((await loginLimiter.removeTokens(1)) < 0) return callback({ ok: false, msg: 'Too frequently, try again later.' });
    callback({ ok: data.password === process.env.ADMIN_PASSWORD });
  });
});
app.get('/', (_req, res) => res.send('ok'));
server.listen(5001);
