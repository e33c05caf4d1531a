const express = require("express");
const http = require("http");
const gracefulShutdown = require("http-graceful-shutdown");

const app = express();
const httpServer = http.createServer(app);

(async () => {
    app.get("/", async (request, response) => {
        response.redirect("/dashboard");
    });
    httpServer.listen(3001, () => console.log("Listening on 3001"));
})();

async function shutdownFunction(signal) {
    console.log("Called signal: " + signal);
}

function finalFunction() {
    console.log("Graceful shutdown successful!");
}

gracefulShutdown(httpServer, {
    signals: "SIGINT SIGTERM",
    timeout: 30000, // timeout: 30 secs
    development: false, // not in dev mode
    forceExit: true, // triggers process.exit() at the end of shutdown process
    onShutdown: shutdownFunction, // shutdown function (async) - e.g. for cleanup DB, ...
    finally: finalFunction, // finally function (sync) - e.g. for logging
});
