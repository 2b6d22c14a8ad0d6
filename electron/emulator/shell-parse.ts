import { parse, type ParseEntry } from 'shell-quote';
import { fail, ok, type Result } from '../../shared/result';

/** An output redirection: `>` / `>>` to a file, or `2>&1`. */
export type Redirect =
  | { fd: 1 | 2; kind: 'file'; append: boolean; target: string }
  | { fd: 1 | 2; kind: 'dup'; to: 1 | 2 };

/** One command with its words and redirections. */
export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
  /** Ended by `&`: started without waiting for it. */
  background?: boolean;
}

/** How a command is joined to the one before it (`null` for the first). */
export type Connector = ';' | '&&' | '||' | null;

/** A parsed command line: commands run left to right under their connectors. */
export type CommandList = { connector: Connector; command: SimpleCommand }[];

const connectors = new Set([';', '&&', '||', '&']);

/**
 * Parses the documented shell subset with shell-quote: quoting, `$VAR`, `;`, `&&`, `||`, a
 * trailing `&`, `>`, `>>`, `2>&1`, `2>/dev/null`. A bare `1` or `2` word right before a
 * redirection is its file descriptor (shell-quote drops the spacing that would tell them apart).
 * Pipes and input redirection are not part of the subset. Pure.
 */
export function parseCommandLine(
  line: string,
  env: Record<string, string> = {},
): Result<CommandList> {
  const tokens = parse(line, (key) => env[key] ?? '');
  const list: CommandList = [];
  let current: SimpleCommand = { argv: [], redirects: [] };
  let connector: Connector = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (typeof token === 'string') {
      current.argv.push(token);
      continue;
    }
    if ('comment' in token) break;
    if (!('op' in token)) return fail('invalid-args', 'syntax error');
    if (token.op === 'glob') {
      current.argv.push(token.pattern);
      continue;
    }
    if (connectors.has(token.op)) {
      if (current.argv.length === 0) return fail('invalid-args', `syntax error near '${token.op}'`);
      if (token.op === '&') current.background = true;
      list.push({ connector, command: current });
      connector = token.op === '&' ? ';' : (token.op as Connector);
      current = { argv: [], redirects: [] };
      continue;
    }
    const redirect = parseRedirect(current, token.op, tokens[i + 1]);
    if (!redirect.ok) return redirect;
    current.redirects.push(redirect.value);
    i++;
  }
  if (current.argv.length > 0) list.push({ connector, command: current });
  else if (connector === '&&' || connector === '||') {
    return fail('invalid-args', `syntax error: unexpected end after '${connector}'`);
  }
  return ok(list);
}

function parseRedirect(
  command: SimpleCommand,
  op: string,
  next: ParseEntry | undefined,
): Result<Redirect> {
  if (typeof next !== 'string') return fail('invalid-args', `syntax error near '${op}'`);
  const last = command.argv.at(-1);
  const fd: 1 | 2 = last === '2' ? 2 : 1;
  if (last === '1' || last === '2') command.argv.pop();
  if (op === '>' || op === '>>') return ok({ fd, kind: 'file', append: op === '>>', target: next });
  if (op === '>&' && (next === '1' || next === '2'))
    return ok({ fd, kind: 'dup', to: Number(next) as 1 | 2 });
  return fail('invalid-args', `unsupported shell syntax '${op}'`);
}
