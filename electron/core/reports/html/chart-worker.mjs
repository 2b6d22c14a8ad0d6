// The thread that draws a report's charts (chart-svg.ts starts it): the studio runs its
// TypeScript through tsx, and the charts are .tsx compiled with tsconfig.node.json's JSX setting.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../../tsconfig.node.json', import.meta.url)) });
await import('./chart-render.ts');
