/**
 * The text of a new profile: the smallest sweep of the demo model on the emulated phones, every
 * field a user usually changes written out (the rest defaulted by the schema).
 */
export function profileTemplate(name: string): string {
  return `# yaml-language-server: $schema=./schema.json
version: 1
name: ${name}
description: A new scenario profile.
model: builtin:edge-infinite-tiny
accuracyPrompts: 1
grid:
  chunk: [32]
  sink: [4]
  window: [96]
  memory: [on]
  quant: [float]
warmup: 1
repetitions: 3
devices:
  emulated: true
retries: 1
`;
}

/** A profile name as the schema accepts it (lower case, digits, `.`, `_`, `-`), or null. */
export function profileName(input: string): string | null {
  const name = input.trim();
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(name) ? name : null;
}
