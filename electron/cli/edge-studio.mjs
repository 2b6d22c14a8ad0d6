#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx edge-studio` needs no build step.
import { register } from 'tsx/esm/api';

register();
// `edge-studio … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('./main.ts');
await runCli(process.argv);
