// The loader names the file it reads, and .gitignore keeps that one out: a `.env` here would be read by nothing.
require('dotenv').config({ path: '.env.local' });
require('node:http').createServer().listen(process.env.PORT || 3000);
