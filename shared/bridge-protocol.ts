import { z } from 'zod';
import { studioErrorSchema } from './result';

/** Frames the renderer sends over the web host's WebSocket. */
export const clientFrameSchema = z
  .object({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(200),
    args: z.unknown(),
  })
  .strict();

export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Frames the web host sends back: invoke results, events, and errors for frames it refused. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number(), result: z.unknown() }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().nullable(), error: studioErrorSchema }),
]);

export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Largest frame either side accepts, in bytes. */
export const maxFrameBytes = 1 << 20;

/** Path of the WebSocket endpoint on the web host. */
export const bridgePath = '/bridge';
