// BUILD_GIT_SHA comes from the image; SMTP_URL from no one.
import express from 'express';
import { mailer } from './mail';

const db = process.env.DATABASE_URL;
const sha = process.env.BUILD_GIT_SHA;
const smtp = process.env.SMTP_URL;
//           ^^^^^^^^^^^^^^^^^^^^ undocumented
const app = express();
app.get('/version', (_req, res) => res.json({ sha, db: Boolean(db) }));
mailer(smtp);
app.listen(3000);
