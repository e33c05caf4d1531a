// Trimmed from gothinkster/node-express-realworld-example-app (src/main.ts, src/app/routes/auth/token.utils.ts)
import express from 'express';
import generateToken from './app/routes/auth/token.utils';

const app = express();
app.post('/api/users/login', (req, res) => res.json({ token: generateToken(req.body.user) }));
app.listen(process.env.PORT || 3000);
