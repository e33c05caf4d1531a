module.exports = { http: { port: Number(process.env.HTTP_PORT) || 8080 } };
