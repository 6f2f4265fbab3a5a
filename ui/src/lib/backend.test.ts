// The contract between backend.ts and the shell, read from the shell's own source: every command
// a wrapper names is registered in `generate_handler![…]`, and the argument keys it sends are the
// ones the Rust command takes (Tauri turns `snake_case` names into `camelCase` keys). A renamed
// command or argument fails here, not at the counter.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent = vi.hoisted(() => ({
  commands: [] as { command: string; args: unknown }[],
  events: [] as string[],
}));
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (command: string, args: unknown) => {
    sent.commands.push({ command, args });
    return null;
  },
}));
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (event: string) => {
    sent.events.push(event);
    return () => {};
  },
}));

import { backend } from './backend';

const shell = join(dirname(fileURLToPath(import.meta.url)), '../../../src-tauri/src');

/** What the UI must send a command: its keys, and whether its body is raw bytes. */
type Signature = { keys: string[]; required: string[]; rawBody: boolean };

/** Arguments Tauri fills in itself; the UI sends none of them. */
const INJECTED = /^(tauri::)?(State|AppHandle|Window|WebviewWindow|Webview)\b/;
/** The raw request: the UI sends the body as bytes (and headers), not keys. */
const RAW_REQUEST = /^(tauri::ipc::)?Request\b/;

const camel = (snake: string): string =>
  snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Splits `a: A<B, C>, b: (D, E)` at its top-level commas. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if ('<([{'.includes(ch)) depth++;
    if ('>)]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The `#[tauri::command]` functions of one shell file, by name. */
function commandsIn(source: string): Map<string, Signature> {
  const found = new Map<string, Signature>();
  const head =
    /#\[tauri::command([^\]]*)\]\s*(?:(?:\/\/\/[^\n]*|#\[[^\]]*\])\s*)*pub\s+(?:async\s+)?fn\s+(\w+)\s*(?:<[^>]*>)?\s*\(/g;
  for (const m of source.matchAll(head)) {
    const [, options = '', name = ''] = m;
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; depth > 0 && i < source.length; i++) {
      if (source[i] === '(') depth++;
      if (source[i] === ')') depth--;
    }
    const key = /rename_all\s*=\s*"snake_case"/.test(options) ? (s: string) => s : camel;
    const sig: Signature = { keys: [], required: [], rawBody: false };
    for (const param of splitTop(source.slice(start, i - 1))) {
      const [rawName = '', ...typeParts] = param.split(':');
      const type = typeParts.join(':').trim();
      const argName = rawName.replace(/^mut\s+/, '').trim();
      if (INJECTED.test(type)) continue;
      if (RAW_REQUEST.test(type)) {
        sig.rawBody = true;
        continue;
      }
      sig.keys.push(key(argName));
      if (!/^Option\s*</.test(type)) sig.required.push(key(argName));
    }
    found.set(name, sig);
  }
  return found;
}

/** `generate_handler![module::name, …]` in main.rs, each with the signature its file declares. */
function registered(): Map<string, Signature | undefined> {
  const main = readFileSync(join(shell, 'main.rs'), 'utf8');
  const list = /generate_handler!\[([\s\S]*?)\]/.exec(main)?.[1] ?? '';
  const files = new Map<string, Map<string, Signature>>();
  for (const f of readdirSync(shell).filter((f) => f.endsWith('.rs'))) {
    files.set(f.slice(0, -3), commandsIn(readFileSync(join(shell, f), 'utf8')));
  }
  const out = new Map<string, Signature | undefined>();
  for (const path of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [module = '', name = ''] = path.split('::');
    out.set(name, files.get(module)?.get(name));
  }
  return out;
}

/** Calls every wrapper with placeholder arguments and records what it sends. */
async function wrappers(): Promise<
  Map<string, { command?: string; args?: unknown; event?: string }>
> {
  const out = new Map<string, { command?: string; args?: unknown; event?: string }>();
  for (const [name, fn] of Object.entries(backend) as [
    string,
    (...a: unknown[]) => Promise<unknown>,
  ][]) {
    sent.commands.length = 0;
    sent.events.length = 0;
    // Bytes fit every parameter: a value for a key, the body of a raw upload.
    await fn(...Array.from({ length: fn.length }, () => new Uint8Array(0)));
    expect(sent.commands.length + sent.events.length, `${name} makes one call`).toBe(1);
    out.set(name, { ...sent.commands[0], event: sent.events[0] });
  }
  return out;
}

describe('backend.ts against the shell', () => {
  let commands: Map<string, Signature | undefined>;
  beforeEach(() => {
    commands = registered();
  });

  it('reads the handler list and every command signature from the Rust source', () => {
    expect(commands.size).toBeGreaterThan(100);
    for (const [name, sig] of commands)
      expect(sig, `${name} is a #[tauri::command] in its module`).toBeDefined();
    expect(commands.get('preview_return')?.keys).toEqual([
      'lineId',
      'unitId',
      'check',
      'returnedOn',
      'quantity',
    ]);
    expect(commands.get('preview_return')?.required).not.toContain('unitId');
    expect(commands.get('stage_import')?.rawBody).toBe(true);
  });

  it('names only registered commands, with exactly the argument keys they take', async () => {
    const problems: string[] = [];
    for (const [wrapper, call] of await wrappers()) {
      if (call.event) continue;
      const command = call.command ?? '';
      const sig = commands.get(command);
      if (!sig) {
        problems.push(`${wrapper}: '${command}' is not in generate_handler!`);
        continue;
      }
      if (sig.rawBody) {
        if (!(call.args instanceof Uint8Array))
          problems.push(`${wrapper}: '${command}' takes the file's bytes as its body`);
        continue;
      }
      const keys = Object.keys((call.args ?? {}) as object);
      for (const k of keys)
        if (!sig.keys.includes(k))
          problems.push(
            `${wrapper}: '${command}' takes no '${k}' (it takes ${sig.keys.join(', ') || 'nothing'})`,
          );
      for (const k of sig.required)
        if (!keys.includes(k)) problems.push(`${wrapper}: '${command}' needs '${k}'`);
    }
    expect(problems).toEqual([]);
  });

  it('leaves no registered command without its wrapper, unless said why', async () => {
    // Registered but offered on no screen yet, with the reason.
    const unwrapped: Record<string, string> = {
      replan_care:
        're-plans every reminder; meant for settings (Desk::replan_care), no screen offers it yet',
      tray_status:
        'what the tray icon shows (count, pixel fingerprint); read by the end-to-end tests only',
    };
    const called = new Set([...(await wrappers()).values()].map((c) => c.command));
    expect([...commands.keys()].filter((c) => !called.has(c) && !(c in unwrapped))).toEqual([]);
    for (const c of Object.keys(unwrapped))
      expect(called.has(c), `${c} has a wrapper now: drop it from the list`).toBe(false);
  });
});
