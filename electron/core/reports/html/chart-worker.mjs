// The thread that draws a report's charts (chart-svg.ts starts it): the studio runs its
// TypeScript through tsx, and the charts are .tsx compiled with tsconfig.node.json's JSX setting.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../../../tsconfig.node.json', import.meta.url).pathname });
await import('./chart-render.ts');
