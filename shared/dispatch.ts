import {
  invokeChannels,
  isInvokeChannel,
  type InvokeHandlers,
  type InvokeChannel,
} from './contract';
import { describeZodError, fail, type Result } from './result';

const maxEchoedName = 80;

/**
 * Routes one untrusted invoke to its handler: unknown channels and args that fail the channel's
 * schema come back as error values. A handler that throws is a bug and is left to the host.
 */
export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: unknown,
  args: unknown,
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
  return handler(parsed.data);
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
