#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx edge-studio` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
await runCli(process.argv);
