const { RateLimiter } = require("limiter");

class KumaRateLimiter {
    constructor(config) {
        this.errorMessage = config.errorMessage;
        this.rateLimiter = new RateLimiter(config);
    }

    async pass(callback, num = 1) {
        const remainingRequests = await this.rateLimiter.removeTokens(num);
        return remainingRequests >= 0;
    }
}

const loginRateLimiter = new KumaRateLimiter({
    tokensPerInterval: 20,
    interval: "minute",
    fireImmediately: true,
    errorMessage: "Too frequently, try again later.",
});

module.exports = { loginRateLimiter };
