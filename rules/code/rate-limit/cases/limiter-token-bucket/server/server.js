const express = require("express");
const { loginRateLimiter } = require("./rate-limiter");

const app = express();
app.post("/login", async (req, res) => {
    if (!(await loginRateLimiter.pass())) return res.status(429).end();
    res.json({ ok: true });
});
app.listen(3001);
