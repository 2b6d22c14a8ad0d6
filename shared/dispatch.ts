import {
  invokeChannels,
  isInvokeChannel,
  type InvokeHandlers,
  type InvokeChannel,
} from './contract';
import { describeZodError, fail, type Result } from './result';

const maxEchoedName = 80;

/** Where dispatch writes a handler's throw: the host's error log (`Logger['error']` fits). */
export type LogError = (message: string) => void;

/**
 * Routes one untrusted invoke to its handler: unknown channels and args that fail the channel's
 * schema come back as error values. A handler that throws is a bug: this is the one place, for
 * every host, that catches it, writes it to `logError` with its stack and answers `internal`, so
 * a caller never waits for an answer that will not come.
 */
export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: unknown,
  args: unknown,
  logError: LogError,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    const name = JSON.stringify(channel)?.slice(0, maxEchoedName) ?? String(channel);
    return fail('unknown-channel', `Unknown invoke channel ${name}`);
  }
  const parsed = invokeChannels[channel].args.safeParse(args);
  if (!parsed.success) {
    return fail('invalid-args', `${channel}: ${describeZodError(parsed.error)}`);
  }
  const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(parsed.data);
  } catch (error) {
    logError(`${channel} threw: ${describeThrown(error)}`);
    return fail('internal', `${channel} failed unexpectedly (the studio's log has the details)`);
  }
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Checks that a handler's answer fits its channel's result schema (a mismatch is a bug). */
export function assertResultShape(channel: InvokeChannel, result: Result<unknown>): void {
  if (!result.ok) return;
  const parsed = invokeChannels[channel].result.safeParse(result.value);
  if (!parsed.success) {
    throw new Error(
      `Handler of ${channel} answered off-contract: ${describeZodError(parsed.error)}`,
    );
  }
}
