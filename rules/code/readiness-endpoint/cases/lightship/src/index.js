// lightship serves /health, /live and /ready on its own port.
import express from 'express';
import { createLightship } from 'lightship';

const lightship = await createLightship();
const app = express();
app.listen(3000, () => lightship.signalReady());
